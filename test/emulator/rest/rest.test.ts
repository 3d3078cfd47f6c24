import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../src/emulator/index";
import { DEMO_CDN } from "../../support/cdn";
import { emulatorFixtures, MICRO_ISO, makeClock } from "../../support/emulatorFixtures";

const { emulator, sharedEmulator, send, rest, createGroup } = emulatorFixtures("uc-emulator-rest-");

describe("REST groups", () => {
    const clock = makeClock();
    let emu: Emulator;
    let files: string[];
    beforeAll(async () => {
        emu = await emulator({ now: clock.now, seedFiles: 4 });
        files = emu.seededFiles;
    });

    it("returns groupWithFiles: full REST file objects plus default_effects", async () => {
        const [a = "", b = ""] = files;
        const group = await createGroup(emu, [a, `${b}/-/resize/800x/`]);
        const res = await rest(emu, "GET", `/groups/${group.id}/`, { clock });
        expect(res.status).toBe(200);
        expect(res.headers.allow).toBe("DELETE, GET, HEAD, OPTIONS");
        const body = res.json();
        expect(Object.keys(body).sort()).toEqual(["cdn_url", "datetime_created", "files", "files_count", "id", "url"]);
        expect(body).toMatchObject({ id: group.id, files_count: 2, url: `${emu.url}/groups/${group.id}/` });
        expect(body.files[1]).toMatchObject({
            uuid: b,
            default_effects: "resize/800x/",
            is_image: true,
            is_ready: true,
            datetime_removed: null,
            url: `${emu.url}/files/${b}/`,
            original_file_url: expect.stringMatching(`^${DEMO_CDN}/${b}/`),
        });
        expect(body.files[1].datetime_stored).toMatch(MICRO_ISO);
    });

    it("answers 404 Not found. for unknown, malformed and other-project ids", async () => {
        const other = await emulator({ now: clock.now, publicKey: "pk2", secretKey: "sk2", seedFiles: 1 });
        const foreign = await createGroup(other, other.seededFiles);
        for (const id of [`${randomUUID()}~1`, "nonexistent", "abc~0", foreign.id]) {
            const res = await rest(emu, "GET", `/groups/${id}/`, { clock });
            expect(res.status).toBe(404);
            expect(res.json()).toEqual({ detail: "Not found." });
        }
    });

    it("deletes with 204 and an empty body, then 404; member files stay", async () => {
        const group = await createGroup(emu, [files[2] ?? ""]);
        const del = await rest(emu, "DELETE", `/groups/${group.id}/`, { clock });
        expect(del.status).toBe(204);
        expect(del.text).toBe("");
        expect(del.headers["content-type"]).toBeUndefined();
        expect((await rest(emu, "GET", `/groups/${group.id}/`, { clock })).status).toBe(404);
        const again = await rest(emu, "DELETE", `/groups/${group.id}/`, { clock });
        expect(again.status).toBe(404);
        expect(again.json()).toEqual({ detail: "Not found." });
        expect(emu.groups().some((g) => g.id === group.id)).toBe(false);
        expect(emu.files().find((f) => f.uuid === files[2])?.datetimeRemoved).toBeNull();
        const info = await send(`${emu.url}/group/info/?pub_key=${emu.publicKey}&group_id=${group.id}`, {});
        expect(info.status).toBe(404);
    });

    it("shows removed files with datetime_removed (or null when configured)", async () => {
        const [doomed = ""] = emu.createFiles(1);
        const group = await createGroup(emu, [doomed, files[3] ?? ""]);
        expect(emu.removeFileOutOfBand(doomed)).toBe(true);
        const res = await rest(emu, "GET", `/groups/${group.id}/`, { clock });
        const body = res.json();
        expect(body.files_count).toBe(2);
        expect(body.files[0]).toMatchObject({ uuid: doomed, datetime_stored: null, original_file_url: null });
        expect(body.files[0].datetime_removed).toMatch(MICRO_ISO);
        const upload = await send(`${emu.url}/group/info/?pub_key=${emu.publicKey}&group_id=${group.id}`, {});
        expect(upload.json().files[0]).toBeNull();
    });

    it("paginates GET /groups/ by cursor and `next` can be followed verbatim", async () => {
        const fresh = await emulator({ now: clock.now, seedFiles: 1 });
        const created: string[] = [];
        for (let i = 0; i < 7; i++) created.push((await createGroup(fresh, fresh.seededFiles)).id);

        const seen: string[] = [];
        let next: string | null = `${fresh.url}/groups/?limit=3`;
        let pages = 0;
        while (next) {
            const res = await rest(fresh, "GET", next, { clock });
            expect(res.status).toBe(200);
            const page = res.json();
            expect(page.total).toBe(7);
            expect(page.per_page).toBe(3);
            for (const item of page.results) {
                expect(Object.keys(item).sort()).toEqual(["cdn_url", "datetime_created", "files_count", "id", "url"]);
                seen.push(item.id);
            }
            if (pages > 0) expect(page.previous).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/groups\/\?ordering=/);
            else expect(page.previous).toBeNull();
            if (page.next) {
                const last = page.results[page.results.length - 1];
                expect(page.next).toBe(
                    `${fresh.url}/groups/?from=${encodeURIComponent(last.datetime_created)}` +
                        "&ordering=datetime_created&limit=3&offset=0",
                );
            }
            next = page.next;
            pages++;
        }
        expect(pages).toBe(3);
        expect(seen).toEqual(created);

        const desc = await rest(fresh, "GET", "/groups/?ordering=-datetime_created&limit=5", { clock });
        const descPage = desc.json();
        expect(descPage.results.map((g: { id: string }) => g.id)).toEqual(created.slice().reverse().slice(0, 5));
        const rest2 = await rest(fresh, "GET", descPage.next, { clock });
        expect(rest2.json().results.map((g: { id: string }) => g.id)).toEqual(created.slice(0, 2).reverse());
        const back = await rest(fresh, "GET", rest2.json().previous, { clock });
        expect(back.json().results.map((g: { id: string }) => g.id)).toEqual(
            descPage.results.map((g: { id: string }) => g.id),
        );
    });

    it("validates list parameters", async () => {
        expect((await rest(emu, "GET", "/groups/?from=yesterday", { clock })).status).toBe(400);
        expect((await rest(emu, "GET", "/groups/?ordering=id", { clock })).status).toBe(400);
        expect((await rest(emu, "GET", "/groups/?limit=0", { clock })).status).toBe(400);
        const clamped = await rest(emu, "GET", "/groups/?limit=5000", { clock });
        expect(clamped.json().per_page).toBe(1000);
        const later = await rest(emu, "GET", "/groups/?from=2100-01-01T00:00:00Z", { clock });
        expect(later.json()).toMatchObject({ results: [], next: null });
    });

    it("hides a new group from REST for readLagMs", async () => {
        const lagClock = makeClock();
        const lagged = await emulator({ now: lagClock.now, readLagMs: 2000, seedFiles: 1 });
        const group = await createGroup(lagged, lagged.seededFiles);
        expect((await rest(lagged, "GET", `/groups/${group.id}/`, { clock: lagClock })).status).toBe(404);
        lagClock.ms += 2500;
        expect((await rest(lagged, "GET", `/groups/${group.id}/`, { clock: lagClock })).status).toBe(200);
    });

    it("sees out-of-band group deletion", async () => {
        const group = await createGroup(emu, [files[0] ?? ""]);
        expect(emu.deleteGroupOutOfBand(group.id)).toBe(true);
        expect((await rest(emu, "GET", `/groups/${group.id}/`, { clock })).status).toBe(404);
        expect(emu.deleteGroupOutOfBand(group.id)).toBe(false);
    });
});

describe("REST files", () => {
    const shared = sharedEmulator();
    const { clock } = shared;

    it("stores and removes single files", async () => {
        const [uuid = ""] = shared.emu.createFiles(1, { stored: false });
        const got = await rest(shared.emu, "GET", `/files/${uuid}/`, { clock });
        expect(got.json()).toMatchObject({ uuid, datetime_stored: null, datetime_removed: null });
        const stored = await rest(shared.emu, "PUT", `/files/${uuid}/storage/`, { clock });
        expect(stored.status).toBe(200);
        expect(stored.json().datetime_stored).toMatch(MICRO_ISO);
        const removed = await rest(shared.emu, "DELETE", `/files/${uuid}/storage/`, { clock });
        expect(removed.json()).toMatchObject({ datetime_stored: null, original_file_url: null });
        expect(removed.json().datetime_removed).toMatch(MICRO_ISO);
        expect((await rest(shared.emu, "PUT", `/files/${randomUUID()}/storage/`, { clock })).status).toBe(404);
    });

    it("batch-stores with problems for unknown and invalid entries", async () => {
        const uuids = shared.emu.createFiles(2, { stored: false });
        const unknown = randomUUID();
        const body = JSON.stringify([...uuids, unknown, "not-a-uuid"]);
        const res = await rest(shared.emu, "PUT", "/files/storage/", { clock, body });
        expect(res.status).toBe(200);
        const answer = res.json();
        expect(answer.status).toBe("ok");
        expect(answer.problems).toEqual({ [unknown]: "Missing in the project", "not-a-uuid": "Invalid" });
        expect(answer.result.map((f: { uuid: string }) => f.uuid)).toEqual(uuids);
        expect(answer.result.every((f: { datetime_stored: string }) => MICRO_ISO.test(f.datetime_stored))).toBe(true);

        const del = await rest(shared.emu, "DELETE", "/files/storage/", { clock, body: JSON.stringify(uuids) });
        expect(del.json().result.every((f: { datetime_removed: string }) => MICRO_ISO.test(f.datetime_removed))).toBe(
            true,
        );
    });

    it("refuses more than 100 files per batch", async () => {
        const body = JSON.stringify(Array.from({ length: 101 }, () => randomUUID()));
        const res = await rest(shared.emu, "PUT", "/files/storage/", { clock, body });
        expect(res.status).toBe(400);
        expect(res.json().detail).toMatch(/100/);
        const notList = await rest(shared.emu, "PUT", "/files/storage/", { clock, body: '{"a":1}' });
        expect(notList.status).toBe(400);
    });
});

describe("REST answers as Uploadcare's own clients expect them", () => {
    const shared = sharedEmulator({ seedFiles: 2 });
    const { clock } = shared;

    it("GET /files/:uuid/?include=appdata adds `appdata` (no add-on ran: {}); without it there is none", async () => {
        const uuid = shared.emu.seededFiles[0];
        const withAppdata = (await rest(shared.emu, "GET", `/files/${uuid}/?include=appdata`, { clock })).json();
        expect(withAppdata).toMatchObject({ uuid, appdata: {} });
        const plain = (await rest(shared.emu, "GET", `/files/${uuid}/`, { clock })).json();
        expect(plain).not.toHaveProperty("appdata");
    });

    it("resource `url`s follow the request's Host (and X-Forwarded-Proto), like the pagination links", async () => {
        const { emu } = shared;
        const [uuid] = emu.seededFiles;
        const port = new URL(emu.url).port;
        await createGroup(emu, emu.seededFiles);
        const headers = { Host: `uploadcare.test:${port}`, "X-Forwarded-Proto": "https" };
        const base = `https://uploadcare.test:${port}`;
        const file = (await rest(emu, "GET", `/files/${uuid}/`, { clock, headers })).json();
        expect(file.url).toBe(`${base}/files/${uuid}/`);
        const list = (await rest(emu, "GET", "/files/?limit=1", { clock, headers })).json();
        expect(list.next).toMatch(new RegExp(`^${base}/files/\\?`));
        expect(list.results[0].url).toMatch(new RegExp(`^${base}/files/`));
        const groups = (await rest(emu, "GET", "/groups/", { clock, headers })).json();
        expect(groups.results[0].url).toMatch(new RegExp(`^${base}/groups/`));
        const plain = (await rest(emu, "GET", `/files/${uuid}/`, { clock })).json();
        expect(plain.url).toBe(`${emu.url}/files/${uuid}/`);
    });
});

describe("REST project", () => {
    it("answers GET /project/ for every configured project with its own keys", async () => {
        const emu = await emulator({
            extraProjects: [
                { publicKey: "otherpub", secretKey: "othersecret" },
                { publicKey: "thirdpub", secretKey: "thirdsecret" },
            ],
        });
        expect((await rest(emu, "GET", "/project/")).json()).toEqual({
            name: "Demo project",
            pub_key: emu.publicKey,
            autostore_enabled: true,
            collaborators: [],
        });
        for (const [publicKey, secret] of [
            ["otherpub", "othersecret"],
            ["thirdpub", "thirdsecret"],
        ] as const) {
            const res = await rest(emu, "GET", "/project/", { publicKey, secret });
            expect(res.status).toBe(200);
            expect(res.json()).toEqual({
                name: `Project ${publicKey}`,
                pub_key: publicKey,
                autostore_enabled: true,
                collaborators: [],
            });
        }
        // Each project signs with its own secret only.
        const crossed = await rest(emu, "GET", "/project/", { publicKey: "otherpub", secret: "thirdsecret" });
        expect(crossed.status).toBe(401);
    });
});
