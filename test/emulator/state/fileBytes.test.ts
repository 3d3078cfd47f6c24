import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { FormData } from "undici";
import { describe, expect, it } from "vitest";
import type { Emulator } from "../../../src/emulator/index";
import { emulatorFixtures, UUID } from "../../support/emulatorFixtures";

const { emulator, send, rest, sharedEmulator, tempDir, stop } = emulatorFixtures("uc-emulator-bytes-");

/** 1×1 PNG header (enough for the sniffer): width 3, height 2. */
const PNG = Buffer.concat([
    Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"),
    Buffer.from([0, 0, 0, 3, 0, 0, 0, 2]),
    Buffer.alloc(40, 7),
]);

function sha256(data: Buffer): string {
    return createHash("sha256").update(data).digest("hex");
}

async function base(
    emu: Emulator,
    parts: { field: string; name: string; data: Buffer; type?: string }[],
    extra: [string, string][] = [],
) {
    const form = new FormData();
    form.append("UPLOADCARE_PUB_KEY", emu.publicKey);
    for (const [k, v] of extra) form.append(k, v);
    for (const p of parts) form.append(p.field, new Blob([p.data], { type: p.type ?? "" }), p.name);
    return send(`${emu.url}/base/`, { method: "POST", body: form });
}

describe("POST /base/ keeps the bytes", () => {
    const shared = sharedEmulator();

    it("stores each part's bytes with size and sha256, sniffs images, and serves them on the emulator CDN", async () => {
        const text = Buffer.from("hello, uploadcare\n");
        const res = await base(
            shared.emu,
            [
                { field: "doc", name: "notes.txt", data: text, type: "text/plain" },
                { field: "pic", name: "dot.png", data: PNG, type: "application/octet-stream" },
            ],
            [
                ["UPLOADCARE_STORE", "0"],
                ["metadata[owner]", "ci"],
            ],
        );
        expect(res.status).toBe(200);
        const { doc, pic } = res.json();
        expect(doc).toMatch(UUID);
        const files = shared.emu.files();
        const docFile = files.find((f) => f.uuid === doc);
        const picFile = files.find((f) => f.uuid === pic);
        expect(docFile).toMatchObject({ size: text.length, sha256: sha256(text), mimeType: "text/plain" });
        expect(docFile).toMatchObject({ datetimeStored: null, metadata: { owner: "ci" } });
        expect(picFile).toMatchObject({ isImage: true, mimeType: "image/png", image: { width: 3, height: 2 } });
        expect(await shared.emu.fileBytes(doc)).toEqual(text);
        const cdn = await send(`${shared.emu.url}/${pic}/dot.png`);
        expect(cdn.status).toBe(200);
        expect(cdn.headers["content-type"]).toBe("image/png");
        expect(Buffer.from(cdn.text, "latin1").length).toBe(PNG.length);
        expect((await send(`${shared.emu.url}/${doc}/`)).text).toBe(text.toString());
    });

    it("refuses metadata that breaks the documented rules, and keeps nothing of the refused upload", async () => {
        const before = shared.emu.files().length;
        const tooLong = await base(
            shared.emu,
            [{ field: "f", name: "a.txt", data: Buffer.from("x") }],
            [["metadata[k]", "v".repeat(513)]],
        );
        expect(tooLong.status).toBe(400);
        expect(tooLong.text).toBe("Value of file metadata's key `k` can not be more than 512 symbols in length.");
        const badKey = await base(
            shared.emu,
            [{ field: "f", name: "a.txt", data: Buffer.from("x") }],
            [["metadata[no spaces]", "v"]],
        );
        expect(badKey.text).toContain("contains symbols not allowed");
        const tooMany = Array.from({ length: 51 }, (_, i): [string, string] => [`metadata[k${i}]`, "v"]);
        const many = await base(shared.emu, [{ field: "f", name: "a.txt", data: Buffer.from("x") }], tooMany);
        expect(many.text).toBe("A file can not have more than 50 metadata keys.");
        expect(shared.emu.files().length).toBe(before);
    });

    it("answers 404 on the CDN for unknown, removed and demo files", async () => {
        const res = await base(shared.emu, [{ field: "f", name: "gone.txt", data: Buffer.from("bye") }]);
        const uuid = res.json().f;
        expect((await send(`${shared.emu.url}/${uuid}/`)).status).toBe(200);
        const removed = await rest(shared.emu, "DELETE", `/files/${uuid}/storage/`, { clock: shared.clock });
        expect(removed.status).toBe(200);
        expect((await send(`${shared.emu.url}/${uuid}/`)).status).toBe(404);
        expect(await shared.emu.fileBytes(uuid)).toBeUndefined();
        const [demo = ""] = shared.emu.createFiles(1);
        expect((await send(`${shared.emu.url}/${demo}/`)).status).toBe(404);
        expect((await send(`${shared.emu.url}/${demo}/`, { method: "POST" })).status).toBe(405);
    });
});

describe("bytes on disk", () => {
    it("live next to the state file and survive a restart; a temporary store goes with its emulator", async () => {
        const dir = tempDir();
        const statePath = join(dir, "state.json");
        const first = await emulator({ statePath });
        const uuid = (await base(first, [{ field: "f", name: "keep.bin", data: Buffer.from([1, 2, 3]) }])).json().f;
        expect(existsSync(join(`${statePath}.files`, uuid))).toBe(true);
        // Nothing but the bytes themselves: staging files are gone once the upload is answered.
        expect(readdirSync(`${statePath}.files`)).toEqual([uuid]);
        await stop(first);
        const second = await emulator({ statePath });
        expect(await second.fileBytes(uuid)).toEqual(Buffer.from([1, 2, 3]));
        expect(second.files().find((f) => f.uuid === uuid)?.sha256).toBe(sha256(Buffer.from([1, 2, 3])));

        const temporary = await emulator();
        const other = (await base(temporary, [{ field: "f", name: "t.bin", data: Buffer.from("t") }])).json().f;
        const tmpDirs = readdirSync("/tmp").filter((d) => d.startsWith("uc-emulator-files-"));
        const holder = tmpDirs.find((d) => existsSync(join("/tmp", d, other)));
        expect(holder).toBeDefined();
        await stop(temporary);
        expect(existsSync(join("/tmp", holder ?? "", other))).toBe(false);
    });
});

describe("CDN URLs in answers", () => {
    it("are per-project ucarecd.net by default, ucarecdn.com with cdn: legacy, the emulator's own with cdn: emulator", async () => {
        const legacy = await emulator({ seedFiles: 1, cdn: "legacy" });
        const cname = await emulator({ seedFiles: 1 });
        const local = await emulator({ seedFiles: 1, cdn: "emulator" });
        const custom = await emulator({ seedFiles: 1, cdnBaseUrl: "https://cdn.example.test/" });
        const urlOf = async (emu: Emulator) =>
            (await rest(emu, "GET", `/files/${emu.seededFiles[0]}/`)).json().original_file_url as string;
        expect(await urlOf(legacy)).toMatch(/^https:\/\/ucarecdn\.com\/[0-9a-f-]{36}\/demo-1\.jpg$/);
        // The demo key's prefix as Uploadcare's own package computes it.
        expect(await urlOf(cname)).toMatch(/^https:\/\/1s4oyld5dc\.ucarecd\.net\/[0-9a-f-]{36}\/demo-1\.jpg$/);
        expect(await urlOf(local)).toMatch(new RegExp(`^${local.url}/[0-9a-f-]{36}/demo-1\\.jpg$`));
        expect(await urlOf(custom)).toMatch(/^https:\/\/cdn\.example\.test\/[0-9a-f-]{36}\//);
        const group = await send(`${cname.url}/group/`, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ pub_key: cname.publicKey, "files[0]": cname.seededFiles[0] ?? "" }).toString(),
        });
        expect(group.json().cdn_url).toMatch(/^https:\/\/1s4oyld5dc\.ucarecd\.net\/[0-9a-f-]{36}~1\/$/);
    });
});
