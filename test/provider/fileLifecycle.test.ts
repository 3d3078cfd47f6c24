import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FileOutputs } from "../../src/provider/file/outputs";
import { createFileProvider, type FileProvider } from "../../src/provider/file/provider";
import { failure } from "../support/failure";
import { emulatorConfig, type Harness, startHarness } from "../support/providerHarness";

// The File provider against the emulator: uploads (direct, multipart, from_url), storage, metadata, refresh and
// delete, with the request count of each operation. Waits are recorded, not slept.

const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");
const wire = (file: string) => ({ "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17", path: file });
const text = (value: string) => ({
    "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17",
    text: value,
});

describe("File lifecycle through the File provider against the emulator", () => {
    let h: Harness;
    let provider: FileProvider;
    let dir: string;
    let origin: Server;
    let originUrl: string;

    beforeAll(async () => {
        h = await startHarness();
        provider = createFileProvider({ env: {}, sleep: async () => {}, random: () => 0.5 });
        await provider.configure({ config: emulatorConfig(h.emulator) });
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "file-provider-"));
        origin = createServer((req, res) => {
            if (req.url === "/missing.png") {
                res.writeHead(404).end();
                return;
            }
            res.writeHead(200, { "content-type": "text/plain" }).end("fetched by url");
        });
        await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
        originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
        origin.close();
        fs.rmSync(dir, { recursive: true, force: true });
        await h.close();
    });
    beforeEach(() => h.reset());

    /** What `pulumi up` does: check, then create with the checked inputs. */
    async function up(news: Record<string, unknown>) {
        const { inputs, failures } = await provider.check({}, news);
        expect(failures ?? []).toEqual([]);
        const created = await provider.create(inputs);
        return { ...created, inputs, outs: created.outs as FileOutputs };
    }

    it("uploads a StringAsset unstored, then stores it: POST /base/ + PUT storage, every output set", async () => {
        const { id, outs } = await up({ source: text("hello world"), filename: "hello.txt" });
        expect(h.calls()).toEqual(["POST /base/", `PUT /files/${id}/storage/`]);
        expect(outs).toMatchObject({
            uuid: id,
            size: 11,
            originalFilename: "hello.txt",
            filename: "hello.txt",
            store: true,
            contentSha256: sha256("hello world"),
            metadata: {},
            project: h.emulator.publicKey,
        });
        expect(outs.cdnUrl).toMatch(new RegExp(`^https://[^/]+/${id}/$`));
        expect(outs.datetimeStored).not.toBeNull();
        expect((await h.emulator.fileBytes(id))?.toString()).toBe("hello world");
    });

    it("a FileAsset with metadata and store: false is uploaded with its metadata and left unstored", async () => {
        const file = path.join(dir, "logo.bin");
        fs.writeFileSync(file, Buffer.alloc(2048, 7));
        const { id, outs } = await up({ source: wire(file), store: false, metadata: { team: "web" } });
        expect(h.calls()).toEqual(["POST /base/", `GET /files/${id}/`]);
        expect(outs).toMatchObject({
            filename: "logo.bin",
            size: 2048,
            metadata: { team: "web" },
            datetimeStored: null,
        });
        expect(h.emulator.files().find((f) => f.uuid === id)?.datetimeStored).toBeNull();
    });

    it("updates metadata key by key and stores on store: true; never unstores on store: false", async () => {
        const { id, inputs, outs } = await up({ source: text("m"), metadata: { a: "1", b: "2" }, store: false });
        h.reset();
        const news = { ...inputs, metadata: { a: "1", b: "3", c: "4" }, store: true };
        const changes = await provider.diff(id, outs, (await provider.check(inputs, news)).inputs);
        expect(changes).toEqual({ changes: true });
        const updated = (await provider.update(id, outs, news)).outs as FileOutputs;
        expect(h.calls().sort()).toEqual(
            [`PUT /files/${id}/metadata/b/`, `PUT /files/${id}/metadata/c/`, `PUT /files/${id}/storage/`].sort(),
        );
        expect(updated.metadata).toEqual({ a: "1", b: "3", c: "4" });
        expect(updated.datetimeStored).not.toBeNull();
        h.reset();
        const removed = (await provider.update(id, updated, { ...news, metadata: { a: "1" }, store: false }))
            .outs as FileOutputs;
        expect(h.calls().sort()).toEqual(
            [`DELETE /files/${id}/metadata/b/`, `DELETE /files/${id}/metadata/c/`, `GET /files/${id}/`].sort(),
        );
        expect(removed.metadata).toEqual({ a: "1" });
        expect(removed.datetimeStored).not.toBeNull();
    });

    it("refresh reads the file; a file removed out of band is gone; a proven 404 too", async () => {
        const { id, outs } = await up({ source: text("r") });
        h.reset();
        expect((await provider.read(id, outs)).props).toMatchObject({ uuid: id, contentSha256: outs.contentSha256 });
        expect(h.calls()).toEqual([`GET /files/${id}/`]);
        h.emulator.removeFileOutOfBand(id);
        expect(await provider.read(id, outs)).toEqual({ id: "" });
        const unknown = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5";
        expect(await provider.read(unknown, { ...outs, uuid: unknown })).toEqual({ id: "" });
    });

    it("behind a wrong apiBaseUrl, refresh and destroy of a file fail unproven and the file survives", async () => {
        const { id, outs } = await up({ source: text("kept") });
        const wrong = createFileProvider({ env: {}, sleep: async () => {} });
        await wrong.configure({
            config: emulatorConfig(h.emulator, { "uploadcare:apiBaseUrl": `${h.emulator.url}/v0.7` }),
        });
        const refresh = await failure(wrong.read(id, outs));
        expect(refresh.code).toBe("UPLOADCARE_PROJECT_UNPROVEN");
        expect(refresh.message).toContain(id);
        expect((await failure(wrong.delete(id, outs))).code).toBe("UPLOADCARE_PROJECT_UNPROVEN");
        expect(h.emulator.files().find((f) => f.uuid === id)?.datetimeStored).not.toBeNull();
    });

    it("delete removes the file; deleting a removed file succeeds; a malformed id sends nothing", async () => {
        const { id, outs } = await up({ source: text("d") });
        h.reset();
        await provider.delete(id, outs);
        expect(h.calls()).toEqual([`DELETE /files/${id}/storage/`]);
        expect(h.emulator.files().find((f) => f.uuid === id)?.datetimeRemoved).not.toBeNull();
        await provider.delete(id, outs);
        h.reset();
        expect((await failure(provider.delete("../groups", outs))).code).toBe("UPLOADCARE_INPUT");
        expect(h.calls()).toEqual([]);
    });

    it("an upload whose answer is lost is sent again, unstored: exactly one file ends up stored", async () => {
        h.emulator.injectFaults([{ method: "POST", path: "/base/", action: "reset-after", times: 1 }]);
        const { id } = await up({ source: text("twice") });
        expect(h.calls().filter((c) => c === "POST /base/")).toHaveLength(2);
        const copies = h.emulator.files().filter((f) => f.size === 5 && f.originalFilename === "file.txt");
        expect(copies.filter((f) => f.datetimeStored).map((f) => f.uuid)).toEqual([id]);
        expect(copies.filter((f) => !f.datetimeStored)).toHaveLength(1);
    });

    it("sourceUrl: Uploadcare fetches the URL (from_url, polled), then the file is stored", async () => {
        const { id, outs } = await up({ sourceUrl: `${originUrl}/docs/readme.txt` });
        expect(outs).toMatchObject({ filename: "readme.txt", sourceUrl: `${originUrl}/docs/readme.txt`, store: true });
        expect((await h.emulator.fileBytes(id))?.toString()).toBe("fetched by url");
        expect(h.calls()[0]).toBe("POST /from_url/");
        expect(h.calls()).toContain("GET /from_url/status/");
    });

    it("a sourceUrl Uploadcare cannot fetch fails naming the URL and the reason", async () => {
        const { inputs } = await provider.check({}, { sourceUrl: `${originUrl}/missing.png` });
        const error = await failure(provider.create(inputs));
        expect(error.message).toContain(`${originUrl}/missing.png`);
        expect(h.emulator.files().filter((f) => f.datetimeStored && f.originalFilename === "missing.png")).toEqual([]);
    });

    it("a source over 10 MB goes through the multipart upload, with the same sha256", async () => {
        const file = path.join(dir, "big.bin");
        const bytes = Buffer.alloc(11 * 1024 * 1024, 1);
        fs.writeFileSync(file, bytes);
        const { id, outs } = await up({ source: wire(file) });
        expect(h.calls()).toContain("POST /multipart/start/");
        expect(h.calls()).toContain("POST /multipart/complete/");
        expect(h.calls()).not.toContain("POST /base/");
        expect(outs).toMatchObject({ size: bytes.length, contentSha256: sha256(bytes) });
        expect(sha256((await h.emulator.fileBytes(id)) ?? Buffer.alloc(0))).toBe(sha256(bytes));
    });

    it("inputs check refuses fail create too, before any request", async () => {
        const error = await failure(provider.create({ sourceUrl: "ftp://example.com/a" }));
        expect(error.code).toBe("UPLOADCARE_INPUT");
        expect(error.message).toContain("sourceUrl");
        expect(h.calls()).toEqual([]);
    });
});
