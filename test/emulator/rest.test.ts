import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { FormData, request } from "undici";
import { beforeAll, describe, expect, it } from "vitest";
import { banner, parseArgs, UsageError } from "../../src/cli";
import { httpDate, signRequest, uploadSignature } from "../../src/client/sign";
import { Faults, parseFaultSpec } from "../../src/emulator/faults";
import { type Emulator, isLoopbackAddress, startEmulator } from "../../src/emulator/index";
import { BurstThrottle } from "../../src/emulator/ratelimit";
import { parseFileRef } from "../../src/emulator/upload";
import { emulatorFixtures, V07 } from "../support/emulatorFixtures";

const fixtures = emulatorFixtures("uc-emulator-");
const { agent, emulator } = fixtures;

function makeClock(start = Date.UTC(2026, 10, 26, 12, 0, 0)) {
    const clock = { ms: start, now: () => new Date(clock.ms) };
    return clock;
}

interface Answer {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    text: string;
    /** Parsed body; loosely typed on purpose: tests assert on the JSON shape itself. */
    json: () => ReturnType<typeof JSON.parse>;
}

async function send(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string | FormData },
) {
    const res = await request(url, {
        method: (init.method ?? "GET") as "GET",
        headers: init.headers ?? {},
        body: init.body ?? null,
        dispatcher: agent,
    });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) } as Answer;
}

interface RestOpts {
    body?: string;
    contentType?: string | null;
    secret?: string;
    publicKey?: string;
    date?: Date;
    dateHeader?: "X-Uploadcare-Date" | "Date";
    accept?: string | null;
    /** Sign this URI instead of the one requested (tampering). */
    signedUri?: string;
    clock?: { now: () => Date };
}

/** A signed REST call, built the way the provider's client does it. `target` is a path or an absolute URL. */
async function rest(emu: Emulator, method: string, target: string, o: RestOpts = {}): Promise<Answer> {
    const url = target.startsWith("http") ? target : `${emu.url}${target}`;
    const parsed = new URL(url);
    const uri = parsed.pathname + parsed.search;
    const body = o.body ?? "";
    const contentType = o.contentType === undefined ? "application/json" : o.contentType;
    const date = httpDate(o.date ?? o.clock?.now() ?? new Date());
    const signature = signRequest(
        { method, body, contentType: contentType ?? "", date, uri: o.signedUri ?? uri },
        o.secret ?? emu.secretKey,
    );
    const headers: Record<string, string> = {
        [o.dateHeader ?? "X-Uploadcare-Date"]: date,
        Authorization: `Uploadcare ${o.publicKey ?? emu.publicKey}:${signature}`,
    };
    if (o.accept !== null) headers.Accept = o.accept ?? V07;
    if (contentType !== null) headers["Content-Type"] = contentType;
    return send(url, { method, headers, ...(body ? { body } : {}) });
}

type Fields = [string, string][];

/** An Upload API form POST, urlencoded or multipart. */
async function uploadForm(
    emu: Emulator,
    path: string,
    fields: Fields,
    kind: "urlencoded" | "multipart" = "urlencoded",
) {
    if (kind === "urlencoded") {
        return send(`${emu.url}${path}`, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams(fields).toString(),
        });
    }
    const form = new FormData();
    for (const [k, v] of fields) form.append(k, v);
    return send(`${emu.url}${path}`, { method: "POST", body: form });
}

async function createGroup(emu: Emulator, files: string[], extra: Fields = []) {
    const res = await uploadForm(emu, "/group/", [
        ["pub_key", emu.publicKey],
        ...files.map((f, i): [string, string] => [`files[${i}]`, f]),
        ...extra,
    ]);
    expect(res.status).toBe(200);
    return res.json() as { id: string; files: { uuid: string }[] };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MICRO_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

describe("REST authentication and negotiation", () => {
    const clock = makeClock();
    let emu: Emulator;
    beforeAll(async () => {
        emu = await emulator({ now: clock.now });
    });

    it("accepts a correctly signed request and answers with the documented headers", async () => {
        const res = await rest(emu, "GET", "/project/", { clock });
        expect(res.status).toBe(200);
        expect(res.headers["content-type"]).toBe(V07);
        expect(res.headers.vary).toBe("Accept");
        expect(res.headers.allow).toBe("GET, HEAD, OPTIONS");
        expect(res.headers["x-uploadcare-request-id"]).toMatch(UUID);
        expect(res.json()).toEqual({
            name: "Demo project",
            pub_key: "demopublickey",
            autostore_enabled: true,
            collaborators: [],
        });
    });

    it("accepts the classic Date header and an empty Content-Type signed as empty", async () => {
        expect((await rest(emu, "GET", "/project/", { clock, dateHeader: "Date" })).status).toBe(200);
        expect((await rest(emu, "GET", "/project/", { clock, contentType: null })).status).toBe(200);
    });

    it("matches a signature computed independently (fact sheet §8 vector)", async () => {
        const fixed = await emulator({ now: () => new Date("2018-11-05T13:14:41Z") });
        const res = await send(`${fixed.url}/groups/?limit=100&ordering=-datetime_created`, {
            headers: {
                Accept: V07,
                "Content-Type": "application/json",
                Date: "Mon, 05 Nov 2018 13:14:41 GMT",
                Authorization: "Uploadcare demopublickey:5191da38007a30f15ba98510a2b3286a39dff678",
            },
        });
        expect(res.status).toBe(200);
        expect(res.json()).toMatchObject({ total: 0, results: [] });
    });

    it("rejects a wrong secret", async () => {
        const res = await rest(emu, "GET", "/project/", { clock, secret: "not-the-secret" });
        expect(res.status).toBe(401);
        expect(res.headers["content-type"]).toBe(V07);
        expect(res.json()).toEqual({ detail: "Invalid signature. Please check your Secret key." });
    });

    it("rejects a tampered path or query", async () => {
        const res = await rest(emu, "GET", "/groups/?limit=2", { clock, signedUri: "/groups/?limit=1" });
        expect(res.status).toBe(401);
        expect(res.json().detail).toBe("Invalid signature. Please check your Secret key.");
    });

    it("rejects a tampered body", async () => {
        const url = `${emu.url}/files/storage/`;
        const date = httpDate(clock.now());
        const signed = { method: "PUT", contentType: "application/json", date, uri: "/files/storage/" };
        const signature = signRequest({ ...signed, body: "[]" }, emu.secretKey);
        const res = await send(url, {
            method: "PUT",
            headers: {
                Accept: V07,
                "Content-Type": "application/json",
                "X-Uploadcare-Date": date,
                Authorization: `Uploadcare ${emu.publicKey}:${signature}`,
            },
            body: `["${randomUUID()}"]`,
        });
        expect(res.status).toBe(401);
    });

    it("rejects a date 16 minutes off the injected clock and accepts 14 minutes", async () => {
        for (const sign of [-1, 1]) {
            const far = new Date(clock.ms + sign * 16 * 60_000);
            const res = await rest(emu, "GET", "/project/", { date: far });
            expect(res.status).toBe(401);
            expect(res.json()).toEqual({ detail: "Incorrect authentication credentials." });
            const near = new Date(clock.ms + sign * 14 * 60_000);
            expect((await rest(emu, "GET", "/project/", { date: near })).status).toBe(200);
        }
    });

    it("rejects an unknown public key, a missing header and Simple auth over HTTP", async () => {
        const unknown = await rest(emu, "GET", "/project/", { clock, publicKey: "nosuchkey" });
        expect(unknown.status).toBe(401);
        expect(unknown.json()).toEqual({ detail: "Public key nosuchkey not found." });

        const none = await send(`${emu.url}/project/`, { headers: { Accept: V07 } });
        expect(none.status).toBe(401);
        expect(none.json()).toEqual({ detail: "Authentication credentials were not provided." });

        const simple = await send(`${emu.url}/project/`, {
            headers: { Accept: V07, Authorization: `Uploadcare.Simple ${emu.publicKey}:${emu.secretKey}` },
        });
        expect(simple.status).toBe(400);
        expect(simple.json()).toEqual({
            detail: "Simple authentication over HTTP is forbidden. Please, use HTTPS or signed requests instead.",
        });
    });

    it("answers 406 for a wrong or missing Accept header", async () => {
        const detail =
            "Incorrect Accept header provided. Make sure to specify API version. Refer to REST API docs for details.";
        for (const accept of ["application/vnd.uploadcare-v0.6+json", "application/json", null]) {
            const res = await rest(emu, "GET", "/project/", { clock, accept });
            expect(res.status).toBe(406);
            expect(res.headers["content-type"]).toBe(V07);
            expect(res.json()).toEqual({ detail });
        }
        const lenient = await emulator({ now: clock.now, requireAcceptHeader: false });
        expect((await rest(lenient, "GET", "/project/", { clock, accept: null })).status).toBe(200);
    });

    it("answers 405 with Allow for a method the resource does not have", async () => {
        const res = await rest(emu, "POST", "/groups/", { clock, body: "{}" });
        expect(res.status).toBe(405);
        expect(res.headers.allow).toBe("GET, HEAD, OPTIONS");
        expect(res.json()).toEqual({ detail: 'Method "POST" not allowed.' });
    });
});

describe("Upload API group creation", () => {
    const clock = makeClock();
    let emu: Emulator;
    let files: string[];
    let otherProjectFile: string;
    beforeAll(async () => {
        emu = await emulator({
            now: clock.now,
            extraProjects: [{ publicKey: "otherpub", secretKey: "othersecret", seedFiles: 1 }],
        });
        files = emu.createFiles(3, { stored: false });
        otherProjectFile = emu.files("otherpub")[0]?.uuid ?? "";
    });

    it("creates a group from form-urlencoded files[N] with operations and CDN URLs", async () => {
        const [a = "", b = "", c = ""] = files;
        const res = await uploadForm(emu, "/group/", [
            ["pub_key", emu.publicKey],
            ["files[1]", `${b}/-/resize/800x/`],
            ["files[0]", a],
            ["files[2]", `https://ucarecdn.com/${c}/-/crop/10x10/photo.jpg`],
        ]);
        expect(res.status).toBe(200);
        expect(res.headers["content-type"]).toBe("application/json");
        const group = res.json();
        expect(group.id).toMatch(/^[0-9a-f-]{36}~3$/);
        expect(group).toMatchObject({
            datetime_stored: null,
            files_count: 3,
            cdn_url: `https://ucarecdn.com/${group.id}/`,
            url: `${emu.url}/groups/${group.id}/`,
        });
        expect(group.datetime_created).toMatch(MICRO_ISO);
        expect(group.files.map((f: { uuid: string }) => f.uuid)).toEqual([a, b, c]);
        expect(group.files.map((f: { default_effects: string }) => f.default_effects)).toEqual([
            "",
            "resize/800x/",
            "crop/10x10/",
        ]);
        const first = group.files[0];
        expect(Object.keys(first).sort()).toEqual(
            [
                "uuid",
                "file_id",
                "size",
                "total",
                "done",
                "original_filename",
                "filename",
                "mime_type",
                "is_image",
                "is_stored",
                "is_ready",
                "image_info",
                "video_info",
                "content_info",
                "metadata",
                "default_effects",
            ].sort(),
        );
        // Creating a group stores nothing.
        expect(first.is_stored).toBe(false);
        expect(emu.files().every((f) => f.datetimeStored === null)).toBe(true);
        expect(emu.groups().map((g) => g.id)).toContain(group.id);
    });

    it("creates a group from multipart files[] in arrival order", async () => {
        const [a = "", b = ""] = files;
        const res = await uploadForm(
            emu,
            "/group/",
            [
                ["pub_key", emu.publicKey],
                ["files[]", b],
                ["files[]", a],
            ],
            "multipart",
        );
        expect(res.status).toBe(200);
        const group = res.json();
        expect(group.id).toMatch(/~2$/);
        expect(group.files.map((f: { uuid: string }) => f.uuid)).toEqual([b, a]);
    });

    it("refuses unknown files and files of another project with GroupFilesNotFoundError", async () => {
        const before = emu.groups().length;
        for (const missing of [randomUUID(), otherProjectFile]) {
            const res = await uploadForm(emu, "/group/", [
                ["pub_key", emu.publicKey],
                ["files[0]", files[0] ?? ""],
                ["files[1]", missing],
            ]);
            expect(res.status).toBe(400);
            expect(res.headers["content-type"]).toMatch(/^text\/plain/);
            expect(res.text).toBe("Some files not found.");
        }
        expect(emu.groups().length).toBe(before);
    });

    it("reports missing files, unparsable values and project errors with their documented messages", async () => {
        const none = await uploadForm(emu, "/group/", [["pub_key", emu.publicKey]]);
        expect([none.status, none.text]).toEqual([400, "No files[N] parameters found."]);
        const bad = await uploadForm(emu, "/group/", [
            ["pub_key", emu.publicKey],
            ["files[0]", "not-a-uuid"],
        ]);
        expect([bad.status, bad.text]).toEqual([400, "This is not valid file url: not-a-uuid."]);
        const noKey = await uploadForm(emu, "/group/", [["files[0]", files[0] ?? ""]]);
        expect([noKey.status, noKey.text]).toEqual([403, "pub_key is required."]);
        const badKey = await uploadForm(emu, "/group/", [
            ["pub_key", "nosuchkey"],
            ["files[0]", files[0] ?? ""],
        ]);
        expect([badKey.status, badKey.text]).toEqual([403, "pub_key is invalid."]);
        const many = await uploadForm(emu, "/group/", [
            ["pub_key", emu.publicKey],
            ...Array.from({ length: 1001 }, (): [string, string] => ["files[]", files[0] ?? ""]),
        ]);
        expect([many.status, many.text]).toEqual([400, "There are too many files."]);
    });

    it("answers JSON errors with jsonerrors=1, with the real status by default", async () => {
        const res = await uploadForm(emu, "/group/?jsonerrors=1", [
            ["pub_key", emu.publicKey],
            ["files[0]", randomUUID()],
        ]);
        expect(res.status).toBe(400);
        expect(res.headers["content-type"]).toBe("application/json");
        expect(res.json()).toEqual({
            error: { content: "Some files not found.", status_code: 400, error_code: "GroupFilesNotFoundError" },
        });
    });

    it("answers JSON errors with status 200 when uploadJsonErrorsStatus is 200", async () => {
        const lenient = await emulator({ now: clock.now, uploadJsonErrorsStatus: 200 });
        const res = await uploadForm(lenient, "/group/?jsonerrors=1", [["pub_key", lenient.publicKey]]);
        expect(res.status).toBe(200);
        expect(res.json()).toEqual({
            error: { content: "No files[N] parameters found.", status_code: 400, error_code: "GroupFilesInvalidError" },
        });
        const plain = await uploadForm(lenient, "/group/", [["pub_key", lenient.publicKey]]);
        expect([plain.status, plain.text]).toEqual([400, "No files[N] parameters found."]);
    });

    it("serves GET /group/info/ with the same shape, 404 for unknown and 400 without group_id", async () => {
        const group = await createGroup(emu, [files[0] ?? ""]);
        const pk = emu.publicKey;
        const info = await send(`${emu.url}/group/info/?pub_key=${pk}&group_id=${group.id}`, {});
        expect(info.status).toBe(200);
        expect(info.json()).toEqual(group);
        const unknown = await send(`${emu.url}/group/info/?pub_key=${pk}&group_id=${randomUUID()}~1`, {});
        expect([unknown.status, unknown.text]).toEqual([404, "group_id is invalid."]);
        const missing = await send(`${emu.url}/group/info/?pub_key=${pk}`, {});
        expect([missing.status, missing.text]).toEqual([400, "group_id is required."]);
        const other = await send(`${emu.url}/group/info/?pub_key=otherpub&group_id=${group.id}`, {});
        expect(other.status).toBe(404);
    });

    it("uploads files with POST /base/ and sniffs images", async () => {
        const png = Buffer.alloc(33);
        Buffer.from("89504e470d0a1a0a0000000d49484452", "hex").copy(png);
        png.writeUInt32BE(320, 16);
        png.writeUInt32BE(200, 20);
        const form = new FormData();
        form.append("UPLOADCARE_PUB_KEY", emu.publicKey);
        form.append("UPLOADCARE_STORE", "0");
        form.append("file", new Blob([png], { type: "application/octet-stream" }), "pic.png");
        form.append("notes", new Blob(["hello"], { type: "text/plain" }), "notes.txt");
        const res = await send(`${emu.url}/base/`, { method: "POST", body: form });
        expect(res.status).toBe(200);
        const answer = res.json();
        expect(answer.file).toMatch(UUID);
        expect(answer.notes).toMatch(UUID);
        const pic = emu.files().find((f) => f.uuid === answer.file);
        expect(pic).toMatchObject({
            isImage: true,
            mimeType: "image/png",
            image: { width: 320, height: 200, format: "PNG" },
            originalFilename: "pic.png",
            datetimeStored: null,
        });
        expect(emu.files().find((f) => f.uuid === answer.notes)).toMatchObject({
            isImage: false,
            mimeType: "text/plain",
        });
    });

    it("parses file references the way the Upload API documents them", () => {
        const u = "b1026315-8116-4632-8364-607e64fca723";
        expect(parseFileRef(u)).toEqual({ uuid: u, defaultEffects: "" });
        expect(parseFileRef(`${u}/-/resize/x800/`)).toEqual({ uuid: u, defaultEffects: "resize/x800/" });
        expect(parseFileRef(`https://ucarecdn.com/${u}/`)).toEqual({ uuid: u, defaultEffects: "" });
        expect(parseFileRef(`https://abc123.ucarecd.net/${u}/-/preview/`)).toEqual({
            uuid: u,
            defaultEffects: "preview/",
        });
        expect(parseFileRef(`https://example.com/${u}/`)).toBeUndefined();
        expect(parseFileRef(`${u}/resize/800x/`)).toBeUndefined();
        expect(parseFileRef("")).toBeUndefined();
    });
});

describe("signed uploads", () => {
    const clock = makeClock();
    let emu: Emulator;
    beforeAll(async () => {
        emu = await emulator({ now: clock.now, signedUploads: true });
    });

    it("requires a valid, unexpired HMAC-SHA256 signature", async () => {
        const [file = ""] = emu.createFiles(1);
        const base: Fields = [
            ["pub_key", emu.publicKey],
            ["files[0]", file],
        ];
        const expire = String(Math.floor(clock.ms / 1000) + 60);
        const cases: [Fields, number, string][] = [
            [[], 400, "`signature` is required."],
            [[["signature", uploadSignature(emu.secretKey, expire)]], 400, "`expire` is required."],
            [
                [
                    ["signature", "x"],
                    ["expire", "soon"],
                ],
                400,
                "`expire` must be a UNIX timestamp.",
            ],
            [
                [
                    ["signature", uploadSignature(emu.secretKey, "1000")],
                    ["expire", "1000"],
                ],
                403,
                "Expired signature.",
            ],
            [
                [
                    ["signature", uploadSignature("wrong", expire)],
                    ["expire", expire],
                ],
                403,
                "Invalid signature.",
            ],
        ];
        for (const [extra, status, text] of cases) {
            const res = await uploadForm(emu, "/group/", [...base, ...extra]);
            expect([res.status, res.text]).toEqual([status, text]);
        }
        const ok = await uploadForm(emu, "/group/", [
            ...base,
            ["signature", uploadSignature(emu.secretKey, expire)],
            ["expire", expire],
        ]);
        expect(ok.status).toBe(200);
    });
});

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
            original_file_url: expect.stringMatching(`^https://ucarecdn.com/${b}/`),
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
    const clock = makeClock();
    let emu: Emulator;
    beforeAll(async () => {
        emu = await emulator({ now: clock.now });
    });

    it("stores and removes single files", async () => {
        const [uuid = ""] = emu.createFiles(1, { stored: false });
        const got = await rest(emu, "GET", `/files/${uuid}/`, { clock });
        expect(got.json()).toMatchObject({ uuid, datetime_stored: null, datetime_removed: null });
        const stored = await rest(emu, "PUT", `/files/${uuid}/storage/`, { clock });
        expect(stored.status).toBe(200);
        expect(stored.json().datetime_stored).toMatch(MICRO_ISO);
        const removed = await rest(emu, "DELETE", `/files/${uuid}/storage/`, { clock });
        expect(removed.json()).toMatchObject({ datetime_stored: null, original_file_url: null });
        expect(removed.json().datetime_removed).toMatch(MICRO_ISO);
        expect((await rest(emu, "PUT", `/files/${randomUUID()}/storage/`, { clock })).status).toBe(404);
    });

    it("batch-stores with problems for unknown and invalid entries", async () => {
        const uuids = emu.createFiles(2, { stored: false });
        const unknown = randomUUID();
        const body = JSON.stringify([...uuids, unknown, "not-a-uuid"]);
        const res = await rest(emu, "PUT", "/files/storage/", { clock, body });
        expect(res.status).toBe(200);
        const answer = res.json();
        expect(answer.status).toBe("ok");
        expect(answer.problems).toEqual({ [unknown]: "Missing in the project", "not-a-uuid": "Invalid" });
        expect(answer.result.map((f: { uuid: string }) => f.uuid)).toEqual(uuids);
        expect(answer.result.every((f: { datetime_stored: string }) => MICRO_ISO.test(f.datetime_stored))).toBe(true);

        const del = await rest(emu, "DELETE", "/files/storage/", { clock, body: JSON.stringify(uuids) });
        expect(del.json().result.every((f: { datetime_removed: string }) => MICRO_ISO.test(f.datetime_removed))).toBe(
            true,
        );
    });

    it("refuses more than 100 files per batch", async () => {
        const body = JSON.stringify(Array.from({ length: 101 }, () => randomUUID()));
        const res = await rest(emu, "PUT", "/files/storage/", { clock, body });
        expect(res.status).toBe(400);
        expect(res.json().detail).toMatch(/100/);
        const notList = await rest(emu, "PUT", "/files/storage/", { clock, body: '{"a":1}' });
        expect(notList.status).toBe(400);
    });
});

describe("state file", () => {
    it("survives a restart", async () => {
        const dir = fixtures.tempDir();
        const statePath = join(dir, "state.json");
        const clock = makeClock();
        const first = await startEmulator({ quiet: true, now: clock.now, statePath, seedFiles: 2 });
        const group = await createGroup(first, first.seededFiles);
        const [extra = ""] = first.createFiles(1, { stored: false });
        const seeded = first.seededFiles;
        await first.close();
        expect(readFileSync(statePath, "utf8")).not.toContain("demoprivatekey");

        const second = await emulator({ now: clock.now, statePath, seedFiles: 2 });
        expect(second.seededFiles).toEqual(seeded);
        expect(second.files().map((f) => f.uuid)).toEqual([...seeded, extra]);
        const res = await rest(second, "GET", `/groups/${group.id}/`, { clock });
        expect(res.status).toBe(200);
        expect(res.json().files.map((f: { uuid: string }) => f.uuid)).toEqual(seeded);
        const next = await createGroup(second, seeded);
        expect(next.id).not.toBe(group.id);
        expect(second.groups().map((g) => g.id)).toEqual([group.id, next.id]);
    });
});

describe("faults and throttling", () => {
    const clock = makeClock();
    let emu: Emulator;
    beforeAll(async () => {
        emu = await emulator({ now: clock.now, seedFiles: 1 });
    });

    it("answers an injected 429 with Retry-After and the documented bodies, once", async () => {
        emu.injectFaults([{ action: "status", status: 429, retryAfter: 7, path: "/project/" }]);
        const throttled = await rest(emu, "GET", "/project/", { clock });
        expect(throttled.status).toBe(429);
        expect(throttled.headers["retry-after"]).toBe("7");
        expect(throttled.json()).toEqual({ detail: "Request was throttled. Expected available in 7 seconds." });
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(200);

        emu.injectFaults([{ action: "status", status: 429, method: "POST", path: "/group/" }]);
        const up = await uploadForm(emu, "/group/?jsonerrors=1", [
            ["pub_key", emu.publicKey],
            ["files[0]", emu.seededFiles[0] ?? ""],
        ]);
        expect(up.status).toBe(429);
        expect(up.headers["retry-after"]).toBe("1");
        expect(up.json()).toEqual({
            error: { content: "Request was throttled.", status_code: 429, error_code: "RequestThrottledError" },
        });
        expect(emu.requests.filter((r) => r.fault === "status:429").length).toBe(2);
    });

    it("reset-before drops the connection without creating the group", async () => {
        const before = emu.groups().length;
        emu.injectFaults([{ action: "reset-before", method: "POST", path: "/group/" }]);
        await expect(createGroupRaw(emu)).rejects.toThrow();
        expect(emu.groups().length).toBe(before);
        expect(emu.requests.at(-1)).toMatchObject({ method: "POST", status: 0, fault: "reset-before" });
    });

    it("reset-after creates the group but never answers", async () => {
        const before = emu.groups().length;
        emu.injectFaults([{ action: "reset-after", method: "POST", path: /^\/group\/$/ }]);
        await expect(createGroupRaw(emu)).rejects.toThrow();
        expect(emu.groups().length).toBe(before + 1);
        expect(emu.requests.at(-1)).toMatchObject({ status: 200, fault: "reset-after" });
        // The rule is used up: the next call works.
        expect((await createGroupRaw(emu)).status).toBe(200);
    });

    it("delays and injects 5xx for a number of times", async () => {
        emu.injectFaults([{ action: "delay", delayMs: 150, path: "/project/" }]);
        const t0 = performance.now();
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(200);
        expect(performance.now() - t0).toBeGreaterThanOrEqual(140);

        emu.injectFaults([{ action: "status", status: 503, times: 2 }]);
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(503);
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(503);
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(200);
        emu.injectFaults([{ action: "status", status: 500, times: Number.POSITIVE_INFINITY }]);
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(500);
        emu.clearFaults();
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(200);
    });

    it("draws probabilities from a seeded PRNG", () => {
        const draw = (seed: number) => {
            const f = new Faults(seed);
            f.inject([{ action: "status", status: 503, probability: 0.5, times: Number.POSITIVE_INFINITY }]);
            return Array.from({ length: 32 }, () => f.decide("GET", "/project/").fault !== undefined);
        };
        expect(draw(42)).toEqual(draw(42));
        expect(draw(42)).not.toEqual(draw(43));
        expect(draw(42).filter(Boolean).length).toBeGreaterThan(4);
        expect(draw(42).filter(Boolean).length).toBeLessThan(28);
    });

    it("throttles over the rate limit with an integer Retry-After >= 1", async () => {
        emu.setRateLimit(2);
        const answers = await Promise.all(Array.from({ length: 6 }, () => rest(emu, "GET", "/project/", { clock })));
        const throttled = answers.filter((a) => a.status === 429);
        expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(1);
        expect(throttled.length).toBeGreaterThanOrEqual(3);
        for (const t of throttled) {
            expect(Number(t.headers["retry-after"])).toBeGreaterThanOrEqual(1);
            expect(Number.isInteger(Number(t.headers["retry-after"]))).toBe(true);
            expect(t.json().detail).toMatch(/^Request was throttled\. Expected available in \d+ seconds?\.$/);
        }
        expect(emu.requests.some((r) => r.fault === "rate-limit")).toBe(true);
        emu.setRateLimit(undefined);
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(200);
    });
});

/** A group POST without assertions, for calls expected to fail at the socket level. */
function createGroupRaw(emu: Emulator) {
    return uploadForm(emu, "/group/", [
        ["pub_key", emu.publicKey],
        ["files[0]", emu.seededFiles[0] ?? ""],
    ]);
}

describe("admin API and request log", () => {
    const clock = makeClock();
    let emu: Emulator;
    beforeAll(async () => {
        emu = await emulator({ now: clock.now, seedFiles: 1 });
    });

    const admin = (method: string, path: string, body?: unknown) =>
        send(`${emu.url}/__emulator/${path}`, {
            method,
            headers: { "Content-Type": "application/json" },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });

    it("controls the emulator over HTTP", async () => {
        const created = await admin("POST", "files", { count: 2, stored: false });
        expect(created.status).toBe(200);
        const { uuids } = created.json();
        expect(uuids).toHaveLength(2);

        const group = await createGroup(emu, uuids);
        const state = (await admin("GET", "state")).json();
        expect(state.publicKey).toBe(emu.publicKey);
        expect(JSON.stringify(state)).not.toContain(emu.secretKey);
        expect(state.projects[emu.publicKey].groups.map((g: { id: string }) => g.id)).toEqual([group.id]);
        expect(state.projects[emu.publicKey].files).toHaveLength(3);

        expect(
            (await admin("POST", "faults", [{ action: "status", status: 503, path: { regex: "^/project/$" } }])).status,
        ).toBe(200);
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(503);
        expect((await admin("POST", "faults", [{ action: "explode" }])).status).toBe(400);
        expect((await admin("POST", "faults", [{ action: "status", status: 500, times: "Infinity" }])).status).toBe(
            200,
        );
        expect((await admin("DELETE", "faults")).status).toBe(204);
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(200);

        expect((await admin("POST", "rate-limit", { rps: 1000 })).json()).toEqual({ rps: 1000 });
        expect((await admin("POST", "rate-limit", { rps: null })).json()).toEqual({ rps: null });

        expect((await admin("DELETE", `groups/${group.id}`)).status).toBe(204);
        expect((await admin("DELETE", `groups/${group.id}`)).status).toBe(404);
        expect((await rest(emu, "GET", `/groups/${group.id}/`, { clock })).status).toBe(404);

        const log = (await admin("GET", "requests")).json();
        expect(log.some((e: { api: string }) => e.api === "admin")).toBe(true);
        expect((await admin("DELETE", "requests")).status).toBe(204);
        expect(emu.requests.map((r) => r.path)).toEqual(["/__emulator/requests"]);
    });

    it("only trusts loopback peers", () => {
        for (const a of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"]) {
            expect(isLoopbackAddress(a)).toBe(true);
        }
        for (const a of ["10.0.0.1", "192.168.1.20", "::ffff:10.0.0.1", "fe80::1", "::", "", undefined]) {
            expect(isLoopbackAddress(a)).toBe(false);
        }
    });

    const external = Object.values(networkInterfaces())
        .flat()
        .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

    it.skipIf(external === undefined)("refuses admin calls from a non-loopback peer with 403", async () => {
        const wide = await emulator({ host: "0.0.0.0" });
        const port = new URL(wide.url).port;
        const refused = await send(`http://${external}:${port}/__emulator/state`, {});
        expect(refused.status).toBe(403);
        // The APIs themselves stay reachable; only the unauthenticated admin API is loopback-only.
        const upload = await send(`http://${external}:${port}/group/info/?pub_key=${wide.publicKey}`, {});
        expect([upload.status, upload.text]).toEqual([400, "group_id is required."]);
        expect((await send(`${wide.url}/__emulator/state`, {})).status).toBe(200);
    });

    it("logs every request in order without keys or Authorization", async () => {
        emu.clearRequests();
        await rest(emu, "GET", "/project/", { clock });
        await rest(emu, "GET", "/project/", { clock, secret: "wrong" });
        const group = await createGroup(emu, emu.seededFiles);
        await send(`${emu.url}/group/info/?pub_key=${emu.publicKey}&group_id=${group.id}&jsonerrors=1`, {});
        expect(emu.requests.map((r) => [r.api, r.method, r.status])).toEqual([
            ["rest", "GET", 200],
            ["rest", "GET", 401],
            ["upload", "POST", 200],
            ["upload", "GET", 200],
        ]);
        expect(emu.requests[3]?.path).toBe(`/group/info/?pub_key=***&group_id=${group.id}&jsonerrors=1`);
        const dump = JSON.stringify(emu.requests);
        expect(dump).not.toContain(emu.secretKey);
        expect(dump).not.toContain(emu.publicKey);
        expect(dump).not.toContain("Uploadcare");
        for (const r of emu.requests) expect(r.time).toBe(clock.now().toISOString());
    });
});

describe("CLI", () => {
    it("parses flags", () => {
        expect(
            parseArgs(["emulator", "--port", "4010", "--host=0.0.0.0", "--seed-files", "5", "--state", "s.json"]),
        ).toEqual({
            options: { port: 4010, host: "0.0.0.0", seedFiles: 5, statePath: "s.json" },
            json: false,
            help: false,
        });
        expect(parseArgs(["emulator", "--rate-limit", "2.5", "--json"])).toMatchObject({
            options: { rateLimit: 2.5, seedFiles: 3 },
            json: true,
        });
        expect(parseArgs(["--help"]).help).toBe(true);
        expect(parseArgs(["emulator", "-h"]).help).toBe(true);
    });

    it("rejects unknown flags and bad values clearly", () => {
        expect(() => parseArgs(["emulator", "--prot", "1"])).toThrow(new UsageError('unknown option "--prot"'));
        expect(() => parseArgs(["emulator", "--port"])).toThrow("--port needs a value");
        expect(() => parseArgs(["emulator", "--port", "x"])).toThrow(UsageError);
        expect(() => parseArgs(["serve"])).toThrow('unknown command "serve"');
    });

    it("prints the export lines to copy", () => {
        const text = banner("http://127.0.0.1:4010", "pk", "sk", ["u1"]);
        expect(text).toContain("export UPLOADCARE_PUBLIC_KEY=pk\n");
        expect(text).toContain("export UPLOADCARE_SECRET_KEY=sk\n");
        expect(text).toContain("export UPLOADCARE_API_BASE_URL=http://127.0.0.1:4010\n");
        expect(text).toContain("export UPLOADCARE_UPLOAD_BASE_URL=http://127.0.0.1:4010\n");
        expect(text).toContain("    u1\n");
    });
});

describe("fault profiles (CLI flags, one-line specs, bursts, signatures)", () => {
    const clock = makeClock();

    it("parses one-line fault specs", () => {
        expect(parseFaultSpec("POST /group/ reset-after 0.3")).toEqual({
            method: "POST",
            path: "/group/",
            action: "reset-after",
            probability: 0.3,
            times: Number.POSITIVE_INFINITY,
        });
        expect(parseFaultSpec("* * status:503 0.25")).toEqual({
            action: "status",
            status: 503,
            probability: 0.25,
            times: Number.POSITIVE_INFINITY,
        });
        expect(parseFaultSpec("status:429:2 x5")).toEqual({ action: "status", status: 429, retryAfter: 2, times: 5 });
        expect(parseFaultSpec("get /groups/ delay:200")).toMatchObject({
            method: "GET",
            action: "delay",
            delayMs: 200,
        });
        expect(() => parseFaultSpec("POST /group/")).toThrow(/names no action/);
        expect(() => parseFaultSpec("* * status:503 1.5")).toThrow(/probability/);
        expect(() => parseFaultSpec("a b c reset-before")).toThrow(/METHOD/);
        expect(() => parseFaultSpec("status:abc")).toThrow(/status:CODE/);
    });

    it("applies errorRate, latencyMs and faults given as options, and admin specs as strings", async () => {
        const emu = await emulator({ now: clock.now, errorRate: 1, latencyMs: 60 });
        const t0 = performance.now();
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(503);
        expect(performance.now() - t0).toBeGreaterThanOrEqual(55);
        expect(emu.requests.at(-1)?.fault).toBe("delay:60,status:503");
        emu.clearFaults();
        const res = await send(`${emu.url}/__emulator/faults`, {
            method: "POST",
            body: JSON.stringify(["GET /project/ status:502 x1"]),
        });
        expect(res.status).toBe(200);
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(502);
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(200);
        const bad = await send(`${emu.url}/__emulator/faults`, { method: "POST", body: JSON.stringify(["nonsense"]) });
        expect([bad.status, bad.json().error]).toEqual([
            400,
            'fault "nonsense" names no action: use reset-before, reset-after, delay:MS or status:CODE[:RETRY_AFTER]',
        ]);
    });

    it("throttles in bursts with a Retry-After that points at the end of the burst", async () => {
        let ms = 0;
        const bursts = new BurstThrottle(() => ms);
        bursts.set({ everyMs: 10_000, durationMs: 2_500 });
        expect(bursts.take()).toBe(3);
        ms = 1_600;
        expect(bursts.take()).toBe(1);
        ms = 2_500;
        expect(bursts.take()).toBeUndefined();
        ms = 10_100;
        expect(bursts.take()).toBe(3);
        expect(() => bursts.set({ everyMs: 1_000, durationMs: 1_000 })).toThrow(RangeError);

        const emu = await emulator({ now: clock.now, throttleBursts: { everyMs: 60_000, durationMs: 1_000 } });
        const throttled = await rest(emu, "GET", "/project/", { clock });
        expect([throttled.status, throttled.headers["retry-after"]]).toEqual([429, "1"]);
        expect(emu.requests.at(-1)?.fault).toBe("throttle-burst");
        const admin = (body: unknown) =>
            send(`${emu.url}/__emulator/throttle-bursts`, { method: "POST", body: JSON.stringify(body) });
        expect((await admin(null)).json()).toEqual({ throttleBursts: null });
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(200);
        expect((await admin({ everyMs: "x" })).status).toBe(400);
        expect((await admin({ everyMs: 5_000, durationMs: 10 })).status).toBe(200);
        expect((await send(`${emu.url}/__emulator/state`, {})).json().throttleBursts).toEqual({
            everyMs: 5_000,
            durationMs: 10,
        });
    });

    it("records signatures only when asked, in process only", async () => {
        const plain = await emulator({ now: clock.now, seedFiles: 1 });
        await rest(plain, "GET", "/project/", { clock });
        expect(plain.signatures()).toEqual([]);

        const emu = await emulator({ now: clock.now, seedFiles: 1, recordSignatures: true, signedUploads: true });
        await rest(emu, "GET", "/project/", { clock });
        const expire = String(Math.floor(clock.ms / 1000) + 600);
        const signature = uploadSignature(emu.secretKey, Number(expire));
        await uploadForm(emu, "/group/?jsonerrors=1", [
            ["pub_key", emu.publicKey],
            ["files[0]", emu.seededFiles[0] ?? ""],
            ["signature", signature],
            ["expire", expire],
        ]);
        const [restSignature, uploadSig] = emu.signatures();
        expect(restSignature).toMatch(/^[0-9a-f]{40}$/);
        expect(uploadSig).toBe(signature);
        const state = (await send(`${emu.url}/__emulator/state`, {})).text;
        const log = (await send(`${emu.url}/__emulator/requests`, {})).text;
        for (const s of emu.signatures()) {
            expect(state).not.toContain(s);
            expect(log).not.toContain(s);
        }
    });

    it("keeps only the newest requestLogLimit log entries", async () => {
        const emu = await emulator({ now: clock.now, requestLogLimit: 3 });
        for (let i = 0; i < 5; i++) await rest(emu, "GET", "/project/", { clock });
        expect(emu.requests).toHaveLength(3);
    });

    it("parses the fault flags of the CLI", () => {
        const { options } = parseArgs([
            "emulator",
            "--error-rate",
            "0.3",
            "--latency-ms=25",
            "--throttle-burst",
            "1500/5000",
            "--fault",
            "POST /group/ reset-after 0.3",
            "--fault=* * status:429:2 0.1",
            "--seed",
            "9",
        ]);
        expect(options).toMatchObject({
            errorRate: 0.3,
            latencyMs: 25,
            throttleBursts: { everyMs: 5_000, durationMs: 1_500 },
            seed: 9,
        });
        expect(options.faults).toEqual([
            parseFaultSpec("POST /group/ reset-after 0.3"),
            parseFaultSpec("* * status:429:2 0.1"),
        ]);
        expect(() => parseArgs(["emulator", "--error-rate", "2"])).toThrow("--error-rate must be within 0..1");
        expect(() => parseArgs(["emulator", "--throttle-burst", "5000/1000"])).toThrow(/DURATION_MS\/EVERY_MS/);
        expect(() => parseArgs(["emulator", "--fault", "POST /group/"])).toThrow(/--fault: fault "POST \/group\/"/);
    });
});
