import { beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../src/emulator/index";
import { emulatorFixtures, V07 } from "../../support/emulatorFixtures";

// `GET|PUT|PATCH /files/:uuid/tags/` (https://uploadcare.com/docs/file-tags/) over real sockets.

const { emulator, rest } = emulatorFixtures("uc-emulator-tags-");

const tagsPath = (uuid: string) => `/files/${uuid}/tags/`;

async function put(emu: Emulator, uuid: string, body: unknown) {
    return rest(emu, "PUT", tagsPath(uuid), { body: JSON.stringify(body) });
}

async function patch(emu: Emulator, uuid: string, body: unknown) {
    return rest(emu, "PATCH", tagsPath(uuid), { body: JSON.stringify(body) });
}

describe("file tags", () => {
    const shared = { emu: undefined as unknown as Emulator };
    beforeAll(async () => {
        shared.emu = await emulator();
    });
    const fresh = () => shared.emu.createFiles(1)[0] as string;

    it("a new file has no tags, and its info says `tags: []`", async () => {
        const uuid = fresh();
        const res = await rest(shared.emu, "GET", tagsPath(uuid));
        expect([res.status, res.json()]).toEqual([200, { tags: [] }]);
        expect(res.headers["content-type"]).toBe(V07);
        expect(res.headers.allow).toBe("GET, HEAD, OPTIONS, PATCH, PUT");
        expect((await rest(shared.emu, "GET", `/files/${uuid}/`)).json().tags).toEqual([]);
    });

    it("PUT normalises (case, spaces, empties, duplicates, order kept) and answers what was added and deleted, sorted", async () => {
        const uuid = fresh();
        const first = await put(shared.emu, uuid, { tags: [" Cat", "animal", "", "CAT", "cute"] });
        expect([first.status, first.json()]).toEqual([
            200,
            { tags: ["cat", "animal", "cute"], added: ["animal", "cat", "cute"], deleted: [] },
        ]);
        const second = await put(shared.emu, uuid, { tags: ["dog", "cat"] });
        expect(second.json()).toEqual({ tags: ["dog", "cat"], added: ["dog"], deleted: ["animal", "cute"] });
        expect((await rest(shared.emu, "GET", `/files/${uuid}/`)).json().tags).toEqual(["dog", "cat"]);
        const list = (await rest(shared.emu, "GET", "/files/?limit=1000")).json();
        expect(list.results.find((f: { uuid: string }) => f.uuid === uuid).tags).toEqual(["dog", "cat"]);
    });

    it("PUT of the same set in another order or case writes nothing; [] clears", async () => {
        const uuid = fresh();
        await put(shared.emu, uuid, { tags: ["a", "b"] });
        const same = await put(shared.emu, uuid, { tags: ["B", "a"] });
        expect(same.json()).toEqual({ tags: ["a", "b"], added: [], deleted: [] });
        const cleared = await put(shared.emu, uuid, { tags: [] });
        expect(cleared.json()).toEqual({ tags: [], added: [], deleted: ["a", "b"] });
    });

    it("PATCH deletes first, then adds, skipping present tags and ignoring absent deletes; {} reads", async () => {
        const uuid = fresh();
        await put(shared.emu, uuid, { tags: ["cat", "animal", "cute"] });
        const res = await patch(shared.emu, uuid, { add: ["dog", "cat"], delete: ["animal", "bird"] });
        expect(res.json()).toEqual({ tags: ["cat", "cute", "dog"], added: ["dog"], deleted: ["animal"] });
        expect((await patch(shared.emu, uuid, {})).json()).toEqual({
            tags: ["cat", "cute", "dog"],
            added: [],
            deleted: [],
        });
        // Removed and added again in one request: it moves to the end.
        expect((await patch(shared.emu, uuid, { add: ["cat"], delete: ["cat"] })).json().tags).toEqual([
            "cute",
            "dog",
            "cat",
        ]);
    });

    it("refuses broken rules with 400 and changes nothing", async () => {
        const uuid = fresh();
        await put(shared.emu, uuid, { tags: ["keep"] });
        const many = Array.from({ length: 51 }, (_, i) => `t${i}`);
        const cases: [unknown, number, RegExp][] = [
            [{ tags: many }, 400, /^Too many tags: 51 \(max 50\)\.$/],
            [{ tags: ["x".repeat(101)] }, 400, /too long: 101 characters \(max 100\)/],
            [{ tags: ["a b"] }, 400, /Invalid tag: "a b"/],
            [{ tags: ["café"] }, 400, /Invalid tag/],
        ];
        for (const [body, status, detail] of cases) {
            const res = await put(shared.emu, uuid, body);
            expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(status);
            expect(res.json().detail).toMatch(detail);
        }
        // 50 after de-duplication is fine: the limits apply after normalisation.
        const fifty = [...many.slice(0, 50), "T0", " t1 "];
        expect((await put(shared.emu, uuid, { tags: fifty })).status).toBe(200);
        const over = await patch(shared.emu, uuid, { add: ["one-more"] });
        expect([over.status, over.json().detail]).toEqual([400, "Too many tags: 51 (max 50)."]);
        // A delete list may be longer than 50: only the result counts.
        const long = await patch(shared.emu, uuid, { delete: [...many, "x1", "x2"], add: ["keep"] });
        expect(long.json().tags).toEqual(["keep"]);
    });

    it("refuses bodies that are not the documented shape", async () => {
        const uuid = fresh();
        for (const body of [{ tags: "cat" }, { tags: null }, {}, [], { tags: [1] }]) {
            const res = await put(shared.emu, uuid, body);
            expect(res.status, JSON.stringify(body)).toBe(400);
        }
        expect((await patch(shared.emu, uuid, { add: "cat" })).status).toBe(400);
        const notJson = await rest(shared.emu, "PUT", tagsPath(uuid), { body: "cat" });
        expect([notJson.status, notJson.json()]).toEqual([400, { detail: "Expected a JSON object." }]);
        expect((await rest(shared.emu, "GET", tagsPath(uuid))).json()).toEqual({ tags: [] });
    });

    it("answers 404 for unknown, removed and other projects' files, and 405 for DELETE", async () => {
        const uuid = fresh();
        shared.emu.removeFileOutOfBand(uuid);
        for (const target of [uuid, "00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
            expect((await rest(shared.emu, "GET", tagsPath(target))).status).toBe(404);
            expect((await put(shared.emu, target, { tags: ["a"] })).status).toBe(404);
            expect((await patch(shared.emu, target, { add: ["a"] })).status).toBe(404);
        }
        expect((await rest(shared.emu, "DELETE", tagsPath(fresh()))).status).toBe(405);
    });

    it("a change fires file.info_updated; a request that changes nothing does not", async () => {
        const emu = shared.emu;
        const hook = await rest(emu, "POST", "/webhooks/", {
            body: JSON.stringify({ target_url: "https://example.com/tags", event: "file.info_updated" }),
        });
        expect(hook.status).toBe(201);
        const uuid = fresh();
        emu.clearWebhookDeliveries();
        await put(emu, uuid, { tags: ["a"] });
        await put(emu, uuid, { tags: ["A"] });
        await patch(emu, uuid, { add: ["a"], delete: ["zzz"] });
        await patch(emu, uuid, { delete: ["a"] });
        await emu.flushWebhookDeliveries();
        const mine = emu.webhookDeliveries().filter((d) => d.fileUuid === uuid);
        expect(mine.map((d) => d.event)).toEqual(["file.info_updated", "file.info_updated"]);
        await rest(emu, "DELETE", "/webhooks/unsubscribe/", {
            body: JSON.stringify({ target_url: "https://example.com/tags" }),
        });
    });
});
