import { describe, expect, it } from "vitest";
import { emulatorFixtures, V07 } from "../../support/emulatorFixtures";

const { rest, sharedEmulator } = emulatorFixtures("uc-emulator-rest-files-");

describe("REST GET /files/", () => {
    const shared = sharedEmulator({
        extraProjects: [{ publicKey: "otherpub", secretKey: "othersecret", seedFiles: 2 }],
    });

    it("lists existing files oldest first with totals, filters stored and removed, and pages with next", async () => {
        const { emu, clock } = shared;
        const stored = emu.createFiles(3, { stored: true });
        const temporary = emu.createFiles(2, { stored: false });
        emu.removeFileOutOfBand(stored[2] ?? "");
        const all = await rest(emu, "GET", "/files/", { clock });
        expect(all.status).toBe(200);
        expect(all.headers["content-type"]).toBe(V07);
        const body = all.json();
        expect(body.results.map((f: { uuid: string }) => f.uuid)).toEqual([stored[0], stored[1], ...temporary]);
        expect(body).toMatchObject({ total: 4, per_page: 100, next: null, previous: null });
        expect(body.totals).toEqual({ removed: 1, stored: 2, unstored: 2 });

        const onlyTemporary = (await rest(emu, "GET", "/files/?stored=false", { clock })).json();
        expect(onlyTemporary.results.map((f: { uuid: string }) => f.uuid)).toEqual(temporary);
        const removed = (await rest(emu, "GET", "/files/?removed=true", { clock })).json();
        expect(removed.results.map((f: { uuid: string }) => f.uuid)).toEqual([stored[2]]);
        expect(removed.results[0].datetime_removed).not.toBeNull();

        const first = (await rest(emu, "GET", "/files/?limit=3&ordering=-datetime_uploaded", { clock })).json();
        expect(first.results.map((f: { uuid: string }) => f.uuid)).toEqual([temporary[1], temporary[0], stored[1]]);
        expect(first.next).toContain("removed=false");
        const second = (await rest(emu, "GET", first.next, { clock })).json();
        expect(second.results.map((f: { uuid: string }) => f.uuid)).toEqual([stored[0]]);
        expect(second.next).toBeNull();
    });

    it("refuses bad filters with 400 and a detail", async () => {
        const { emu, clock } = shared;
        for (const query of ["stored=yes", "removed=1", "limit=0", "ordering=size", "from=yesterday"]) {
            const res = await rest(emu, "GET", `/files/?${query}`, { clock });
            expect(res.status, query).toBe(400);
            expect(typeof res.json().detail).toBe("string");
        }
    });
});

describe("REST file metadata", () => {
    const shared = sharedEmulator({ seedFiles: 1 });

    it("creates (201), updates (200), reads, lists and deletes (204) keys", async () => {
        const { emu, clock } = shared;
        const uuid = emu.seededFiles[0] ?? "";
        const put = (key: string, value: unknown) =>
            rest(emu, "PUT", `/files/${uuid}/metadata/${key}/`, { clock, body: JSON.stringify(value) });
        const created = await put("owner", "ci");
        expect(created.status).toBe(201);
        expect(created.json()).toBe("ci");
        const updated = await put("owner", "cd");
        expect(updated.status).toBe(200);
        expect((await rest(emu, "GET", `/files/${uuid}/metadata/owner/`, { clock })).json()).toBe("cd");
        expect((await rest(emu, "GET", `/files/${uuid}/metadata/`, { clock })).json()).toEqual({ owner: "cd" });
        expect((await rest(emu, "GET", `/files/${uuid}/`, { clock })).json().metadata).toEqual({ owner: "cd" });
        const deleted = await rest(emu, "DELETE", `/files/${uuid}/metadata/owner/`, { clock });
        expect(deleted.status).toBe(204);
        expect(deleted.text).toBe("");
        expect((await rest(emu, "DELETE", `/files/${uuid}/metadata/owner/`, { clock })).status).toBe(404);
        expect((await rest(emu, "GET", `/files/${uuid}/metadata/owner/`, { clock })).status).toBe(404);
        expect(emu.files()[0]?.metadata).toEqual({});
    });

    it("announces every metadata change as file.info_updated (seen through webhook deliveries)", async () => {
        const { emu, clock } = shared;
        const uuid = emu.seededFiles[0] ?? "";
        const body = JSON.stringify({ target_url: "https://hooks.example.test/", event: "file.info_updated" });
        expect((await rest(emu, "POST", "/webhooks/", { clock, body })).status).toBe(201);
        emu.clearWebhookDeliveries();
        await rest(emu, "PUT", `/files/${uuid}/metadata/stage/`, { clock, body: '"one"' });
        await rest(emu, "DELETE", `/files/${uuid}/metadata/stage/`, { clock });
        await emu.flushWebhookDeliveries();
        const seen = emu.webhookDeliveries().map((d) => [d.event, d.fileUuid]);
        expect(seen).toEqual([
            ["file.info_updated", uuid],
            ["file.info_updated", uuid],
        ]);
    });

    it("refuses unknown files, bad keys, bad values and a 51st key", async () => {
        const { emu, clock } = shared;
        const uuid = emu.seededFiles[0] ?? "";
        const put = (key: string, body: string) => rest(emu, "PUT", `/files/${uuid}/metadata/${key}/`, { clock, body });
        const unknown = await rest(emu, "GET", "/files/00000000-0000-4000-8000-000000000000/metadata/", { clock });
        expect(unknown.status).toBe(404);
        expect(unknown.json()).toEqual({ detail: "Not found." });
        expect((await put("k".repeat(65), '"v"')).json().detail).toContain("can not be more than 64 symbols");
        expect((await put("bad%20key", '"v"')).json().detail).toContain("contains symbols not allowed");
        expect((await put("k", `"${"v".repeat(513)}"`)).status).toBe(400);
        expect((await put("k", "42")).json()).toEqual({ detail: "Expected a JSON string as the value." });
        expect((await put("k", "not json")).status).toBe(400);
        for (let i = 0; i < 50; i++) expect((await put(`k${i}`, '"v"')).status).toBe(201);
        const over = await put("k50", '"v"');
        expect(over.status).toBe(400);
        expect(over.json().detail).toBe("A file can not have more than 50 metadata keys.");
        // Changing an existing key is still allowed at the limit.
        expect((await put("k0", '"w"')).status).toBe(200);
    });
});
