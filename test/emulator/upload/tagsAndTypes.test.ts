import { FormData } from "undici";
import { beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../src/emulator/index";
import { emulatorFixtures, UUID } from "../../support/emulatorFixtures";

// The Upload API `tags` field and the recorded content type (https://uploadcare.com/docs/file-tags/), and the CDN
// serving the recorded type, over real sockets.

const { emulator, rest, send, uploadForm } = emulatorFixtures("uc-emulator-upload-tags-");
const MIB = 1024 * 1024;

async function base(emu: Emulator, file: { data: string; type: string; name: string }, extra: [string, string][]) {
    const form = new FormData();
    form.append("UPLOADCARE_PUB_KEY", emu.publicKey);
    for (const [k, v] of extra) form.append(k, v);
    form.append("file", new Blob([file.data], { type: file.type }), file.name);
    return send(`${emu.url}/base/?jsonerrors=1`, { method: "POST", body: form });
}

function start(emu: Emulator, extra: [string, string][]) {
    return uploadForm(emu, "/multipart/start/?jsonerrors=1", [
        ["UPLOADCARE_PUB_KEY", emu.publicKey],
        ["filename", "big.bin"],
        ["size", String(10 * MIB)],
        ...extra,
    ]);
}

describe("tags on upload", () => {
    let emu: Emulator;
    beforeAll(async () => {
        emu = await emulator({ cdn: "emulator" });
    });

    it("POST /base/ takes comma-separated tags, normalised; the REST file info shows them", async () => {
        const res = await base(emu, { data: "a", type: "text/plain", name: "a.txt" }, [["tags", "Cat, animal,,cat"]]);
        expect(res.status).toBe(200);
        const uuid = res.json().file as string;
        expect(uuid).toMatch(UUID);
        expect(res.json()).toEqual({ file: uuid });
        expect((await rest(emu, "GET", `/files/${uuid}/`)).json().tags).toEqual(["cat", "animal"]);
    });

    it("POST /multipart/start/ takes tags; the completed file carries them", async () => {
        const res = await start(emu, [["tags", "big,Files"]]);
        expect(res.status).toBe(200);
        const { uuid, parts } = res.json() as { uuid: string; parts: string[] };
        for (const [i, url] of parts.entries()) {
            const body = Buffer.alloc(i === 0 ? 5 * MIB : 5 * MIB, i);
            expect((await send(url, { method: "PUT", body: body as never })).status).toBe(200);
        }
        const done = await uploadForm(emu, "/multipart/complete/", [
            ["UPLOADCARE_PUB_KEY", emu.publicKey],
            ["uuid", uuid],
        ]);
        expect(done.status).toBe(200);
        expect((await rest(emu, "GET", `/files/${uuid}/tags/`)).json()).toEqual({ tags: ["big", "files"] });
    });

    it("invalid tags are 400 UploadViewsError and nothing is uploaded", async () => {
        const before = emu.files().length;
        const many = Array.from({ length: 51 }, (_, i) => `t${i}`).join(",");
        const file = { data: "x", type: "text/plain", name: "x.txt" };
        const tooMany = await base(emu, file, [["tags", many]]);
        expect([tooMany.status, tooMany.json()]).toEqual([
            400,
            { error: { status_code: 400, content: "Too many tags: 51 (max 50).", error_code: "UploadViewsError" } },
        ]);
        for (const tags of ["a b", "x".repeat(101), "ok,sp@ce"]) {
            const res = await base(emu, file, [["tags", tags]]);
            expect([res.status, res.json().error.error_code], tags).toEqual([400, "UploadViewsError"]);
        }
        const multipart = await start(emu, [["tags", "a+b"]]);
        expect([multipart.status, multipart.json().error.error_code]).toEqual([400, "UploadViewsError"]);
        expect(emu.files().length).toBe(before);
    });
});

describe("the recorded content type", () => {
    let emu: Emulator;
    beforeAll(async () => {
        emu = await emulator({ cdn: "emulator" });
    });

    it("is the declared one (parameters dropped, lower case), and the CDN serves it", async () => {
        const res = await base(emu, { data: "body{}", type: "Text/CSS; charset=utf-8", name: "site.css" }, []);
        const uuid = res.json().file as string;
        const info = (await rest(emu, "GET", `/files/${uuid}/`)).json();
        expect([info.mime_type, info.content_info.mime]).toEqual([
            "text/css",
            { mime: "text/css", type: "text", subtype: "css" },
        ]);
        const cdn = await send(`${emu.url}/${uuid}/`);
        expect([cdn.status, cdn.headers["content-type"], cdn.text]).toEqual([200, "text/css", "body{}"]);
        expect(cdn.headers["x-content-type-options"]).toBe("nosniff");
        expect(cdn.headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
    });

    it("an SVG keeps its type and comes as an attachment", async () => {
        const res = await base(emu, { data: "<svg/>", type: "image/svg+xml", name: "logo.svg" }, []);
        const cdn = await send(`${emu.url}/${res.json().file}/`);
        expect([cdn.headers["content-type"], cdn.headers["content-disposition"]]).toEqual([
            "image/svg+xml",
            'attachment; filename="logo.svg"',
        ]);
    });

    it("an image is recognised from its bytes whatever was declared", async () => {
        const gif = Buffer.from("GIF89a\x02\x00\x03\x00", "latin1").toString("latin1");
        const res = await base(emu, { data: gif, type: "text/plain", name: "dot.txt" }, []);
        const file = emu.files().find((f) => f.uuid === res.json().file);
        expect([file?.mimeType, file?.isImage]).toEqual(["image/gif", true]);
    });

    it("multipart content_type is recorded; one that is not a media type (a line break) is application/octet-stream and the CDN still serves it", async () => {
        for (const [declared, recorded] of [
            ["font/woff2", "font/woff2"],
            ["text/plain\r\nX-Injected: 1", "application/octet-stream"],
            ["nonsense", "application/octet-stream"],
        ]) {
            const res = await start(emu, [["content_type", declared as string]]);
            const { uuid, parts } = res.json() as { uuid: string; parts: string[] };
            for (const url of parts) await send(url, { method: "PUT", body: Buffer.alloc(5 * MIB) as never });
            await uploadForm(emu, "/multipart/complete/", [
                ["UPLOADCARE_PUB_KEY", emu.publicKey],
                ["uuid", uuid],
            ]);
            expect(emu.files().find((f) => f.uuid === uuid)?.mimeType, declared).toBe(recorded);
            const cdn = await send(`${emu.url}/${uuid}/`, { method: "HEAD" });
            expect([cdn.status, cdn.headers["content-type"], cdn.headers["x-injected"]]).toEqual([
                200,
                recorded,
                undefined,
            ]);
        }
    });
});

describe("batch storage", () => {
    it("takes up to 100 UUIDs per request; 101 is a 400 and changes nothing", async () => {
        const emu = await emulator();
        const uuids = emu.createFiles(101, { stored: false });
        const over = await rest(emu, "PUT", "/files/storage/", { body: JSON.stringify(uuids) });
        expect([over.status, over.json()]).toEqual([400, { detail: "Up to 100 files are supported per request." }]);
        expect(emu.files().filter((f) => f.datetimeStored !== null)).toHaveLength(0);
        const removeOver = await rest(emu, "DELETE", "/files/storage/", { body: JSON.stringify(uuids) });
        expect(removeOver.status).toBe(400);
        const ok = await rest(emu, "PUT", "/files/storage/", { body: JSON.stringify(uuids.slice(0, 100)) });
        expect([ok.status, ok.json().result.length, ok.json().problems]).toEqual([200, 100, {}]);
    });
});
