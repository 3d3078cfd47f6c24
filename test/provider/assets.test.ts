import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
    deleteFiles,
    getFile,
    getFileTags,
    listFiles,
    MAX_FILE_PAGE_SIZE,
    patchFileTags,
    setFileTags,
    storeFiles,
    type UploadcareClient,
    UploadcareInputError,
    uploadDirect,
    uploadMultipart,
} from "../../src/client";
import type { Emulator } from "../../src/emulator";
import { clientFor, emulatorFixtures } from "../support/emulatorFixtures";

// The client against the emulator over real sockets: file tags, tags and content types on upload (direct and
// multipart), batch store/delete split into requests of 100, and the file list at its largest page.

const { emulator, send, tempDir } = emulatorFixtures("uc-provider-assets-");
const MIB = 1024 * 1024;

describe("assets at scale: the client", () => {
    let emu: Emulator;
    let client: UploadcareClient;
    const requests = (method: string, path: string) =>
        emu.requests.filter((r) => r.method === method && r.path.split("?")[0] === path);

    beforeAll(async () => {
        emu = await emulator({ cdn: "emulator" });
        client = clientFor(emu);
    });
    afterAll(() => undefined);

    it("tags round trip: upload with tags, read, replace, patch, and the file info shows them", async () => {
        const bytes = new TextEncoder().encode("hello");
        const uuid = await uploadDirect(
            client,
            { bytes },
            { filename: "hello.txt", store: "1", tags: ["Greeting", "cat"] },
        );
        expect(await getFileTags(client, uuid)).toEqual(["greeting", "cat"]);
        expect(await setFileTags(client, uuid, ["cat", "Animal", "cute"])).toEqual({
            tags: ["cat", "animal", "cute"],
            added: ["animal", "cute"],
            deleted: ["greeting"],
        });
        expect(await setFileTags(client, uuid, ["cute", "CAT", "animal"])).toEqual({
            tags: ["cat", "animal", "cute"],
            added: [],
            deleted: [],
        });
        expect(await patchFileTags(client, uuid, { add: ["dog"], delete: ["animal"] })).toEqual({
            tags: ["cat", "cute", "dog"],
            added: ["dog"],
            deleted: ["animal"],
        });
        expect((await getFile(client, uuid)).tags).toEqual(["cat", "cute", "dog"]);
        expect(await setFileTags(client, uuid, [])).toMatchObject({ tags: [] });
    });

    it("broken tags are refused before any request, naming the rule", async () => {
        const uuid = emu.createFiles(1)[0] as string;
        emu.clearRequests();
        await expect(setFileTags(client, uuid, ["a b"])).rejects.toThrow(/rule: characters/);
        const many = Array.from({ length: 51 }, (_, i) => `t${i}`);
        await expect(patchFileTags(client, uuid, { add: many })).rejects.toThrow(/rule: count/);
        const bytes = new TextEncoder().encode("x");
        await expect(
            uploadDirect(client, { bytes }, { filename: "x", store: "0", tags: ["ok", "x".repeat(101)] }),
        ).rejects.toBeInstanceOf(UploadcareInputError);
        expect(emu.requests).toHaveLength(0);
    });

    it("a direct upload declares the type of its name, or the one given; the CDN serves it", async () => {
        const dir = tempDir();
        writeFileSync(join(dir, "site.css"), "body{}");
        const css = await uploadDirect(client, { path: join(dir, "site.css") }, { filename: "site.css", store: "1" });
        const given = await uploadDirect(
            client,
            { path: join(dir, "site.css") },
            { filename: "site.css", store: "1", contentType: "text/plain" },
        );
        expect((await getFile(client, css)).mime_type).toBe("text/css");
        expect((await getFile(client, given)).mime_type).toBe("text/plain");
        const served = await send(`${emu.url}/${css}/`);
        expect([served.headers["content-type"], served.text]).toEqual(["text/css", "body{}"]);
    });

    it("a multipart upload sends its type as content_type and its tags, with the smallest parts", async () => {
        const path = join(tempDir(), "clip.mp4");
        const size = 10 * MIB + 1;
        writeFileSync(path, Buffer.alloc(size, 1));
        const info = await uploadMultipart(
            client,
            { path, size },
            { filename: "clip.mp4", store: "1", tags: ["Video", "clips"], partSize: 5 * MIB },
        );
        const file = await getFile(client, info.uuid);
        expect([file.mime_type, file.tags, file.size]).toEqual(["video/mp4", ["video", "clips"], size]);
        expect((await send(`${emu.url}/${info.uuid}/`, { method: "HEAD" })).headers["content-type"]).toBe("video/mp4");
    });

    it("storeFiles splits 250 UUIDs into 3 requests of at most 100 and stores every file", async () => {
        const uuids = emu.createFiles(250, { stored: false });
        emu.clearRequests();
        const result = await storeFiles(client, [...uuids, uuids[0] as string]);
        expect(requests("PUT", "/files/storage/")).toHaveLength(3);
        expect([result.status, result.problems, result.result.length]).toEqual(["ok", {}, 250]);
        const stored = new Set(
            emu
                .files()
                .filter((f) => f.datetimeStored !== null)
                .map((f) => f.uuid),
        );
        expect(uuids.every((u) => stored.has(u))).toBe(true);
        emu.clearRequests();
        expect(await storeFiles(client, [])).toEqual({ status: "ok", problems: {}, result: [] });
        expect(emu.requests).toHaveLength(0);
    });

    it("deleteFiles splits the same way and reports problems per UUID", async () => {
        const uuids = emu.createFiles(150);
        const unknown = "00000000-0000-4000-8000-000000000001";
        emu.clearRequests();
        const result = await deleteFiles(client, [...uuids, unknown]);
        expect(requests("DELETE", "/files/storage/")).toHaveLength(2);
        expect(result.problems).toEqual({ [unknown]: "Missing in the project" });
        expect(result.result).toHaveLength(150);
        expect(result.result.every((f) => f.datetime_removed !== null)).toBe(true);
        await expect(deleteFiles(client, ["not-a-uuid"])).rejects.toBeInstanceOf(UploadcareInputError);
    });

    it("listFiles reads stored files at the largest page the API allows (1000), page by page", async () => {
        const fresh = await emulator();
        const c = clientFor(fresh);
        fresh.createFiles(1500, { stored: true });
        fresh.createFiles(10, { stored: false });
        fresh.clearRequests();
        const seen: string[] = [];
        for await (const file of listFiles(c, { stored: true, limit: MAX_FILE_PAGE_SIZE })) seen.push(file.uuid);
        expect(seen).toHaveLength(1500);
        expect(new Set(seen).size).toBe(1500);
        expect(fresh.requests.map((r) => r.path.split("?")[0])).toEqual(["/files/", "/files/"]);
        const gen = listFiles(c, { limit: MAX_FILE_PAGE_SIZE + 1 });
        await expect(gen.next()).rejects.toThrow(/limit must be a whole number from 1 to 1000/);
        expect(fresh.requests).toHaveLength(2);
    });
});
