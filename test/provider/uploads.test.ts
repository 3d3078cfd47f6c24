import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
    type ClientDeps,
    createClient,
    fromUrl,
    getUploadedFileInfo,
    UploadcareFromUrlError,
    UploadcareNetworkError,
    UploadcareNotFoundError,
    uploadDirect,
    uploadMultipart,
    waitForFromUrl,
} from "../../src/client";
import { type Emulator, type EmulatorOptions, startEmulator } from "../../src/emulator";
import { clientFor, emulatorFixtures } from "../support/emulatorFixtures";
import { failure } from "../support/failure";

const { tempDir } = emulatorFixtures("uc-provider-uploads-");
const started: Emulator[] = [];
afterAll(() => Promise.all(started.map((e) => e.close())));

async function setup(options: EmulatorOptions = {}, deps: ClientDeps = {}, signUploads = false) {
    const emulator = await startEmulator({ quiet: true, allowLoopbackSources: true, ...options });
    started.push(emulator);
    return { emulator, client: clientFor(emulator, deps, signUploads) };
}

describe("uploadDirect", () => {
    it("streams a file from disk or bytes from memory, with store and metadata", async () => {
        const { emulator, client } = await setup();
        const path = join(tempDir(), "notes.txt");
        writeFileSync(path, "from disk\n");
        const fromDisk = await uploadDirect(
            client,
            { path },
            { filename: 'say "hi".txt', store: "0", metadata: { a: "1" } },
        );
        const fromMemory = await uploadDirect(
            client,
            { bytes: Buffer.from("in memory") },
            { filename: "m.txt", store: "1" },
        );
        const files = emulator.files();
        expect(files.find((f) => f.uuid === fromDisk)).toMatchObject({
            originalFilename: "say %22hi%22.txt",
            datetimeStored: null,
            metadata: { a: "1" },
            size: 10,
        });
        expect(files.find((f) => f.uuid === fromMemory)?.datetimeStored).not.toBeNull();
        expect((await emulator.fileBytes(fromDisk))?.toString()).toBe("from disk\n");
        const info = await getUploadedFileInfo(client, fromMemory);
        expect(info).toMatchObject({ uuid: fromMemory, size: 9, is_stored: true });
    });

    it("refuses bad options and unreadable paths before sending anything", async () => {
        const { emulator, client } = await setup();
        const calls = [
            () => uploadDirect(client, { path: join(tempDir(), "missing") }, { filename: "x", store: "0" }),
            () => uploadDirect(client, { bytes: Buffer.from("x") }, { filename: "", store: "0" }),
            () => uploadDirect(client, { bytes: Buffer.from("x") }, { filename: "x", store: "yes" as "0" }),
            () => getUploadedFileInfo(client, "nope"),
        ];
        for (const call of calls) expect((await failure(call)).code).toBe("UPLOADCARE_INPUT");
        expect(emulator.requests).toEqual([]);
    });

    it("signs uploads when the project requires it", async () => {
        const { emulator, client } = await setup({ signedUploads: true, recordSignatures: true }, {}, true);
        const uuid = await uploadDirect(client, { bytes: Buffer.from("signed") }, { filename: "s.txt", store: "auto" });
        expect(emulator.files().map((f) => f.uuid)).toEqual([uuid]);
        expect(emulator.signatures()).toHaveLength(1);
        const unsigned = createClient({ ...client.config, signUploads: false });
        const refused = await failure(
            uploadDirect(unsigned, { bytes: Buffer.from("x") }, { filename: "x", store: "0" }),
        );
        expect(refused.message).toContain("`signature` is required.");
    });

    it("never resends an upload whose answer was lost: ambiguous, and the file exists once", async () => {
        const { emulator, client } = await setup();
        emulator.injectFaults([{ path: "/base/", action: "reset-after" }]);
        const error = await failure(
            uploadDirect(client, { bytes: Buffer.from("once") }, { filename: "o.txt", store: "0" }),
        );
        expect(error).toBeInstanceOf(UploadcareNetworkError);
        expect((error as UploadcareNetworkError).ambiguous).toBe(true);
        expect(emulator.files()).toHaveLength(1);
        expect(emulator.requests.filter((r) => r.path.startsWith("/base/"))).toHaveLength(1);
    });
});

const MIB = 1024 * 1024;

function bigFile(size: number): { path: string; sha256: string } {
    const data = Buffer.alloc(size);
    for (let i = 0; i < size; i += 997) data[i] = i % 256;
    const path = join(tempDir(), "big.bin");
    writeFileSync(path, data);
    return { path, sha256: createHash("sha256").update(data).digest("hex") };
}

describe("uploadMultipart", () => {
    it("starts, PUTs the parts with bounded concurrency (retrying a failed part), and completes", async () => {
        const { emulator, client } = await setup();
        const size = 12 * MIB + 5;
        const { path, sha256 } = bigFile(size);
        emulator.injectFaults([{ method: "PUT", path: "/multipart/part/", action: "status", status: 503 }]);
        const info = await uploadMultipart(
            client,
            { path, size },
            {
                filename: "big.bin",
                store: "0",
                metadata: { kind: "big" },
                partConcurrency: 2,
            },
        );
        expect(info).toMatchObject({ size, is_stored: false, metadata: { kind: "big" } });
        expect(emulator.files().find((f) => f.uuid === info.uuid)?.sha256).toBe(sha256);
        const parts = emulator.requests.filter((r) => r.path.startsWith("/multipart/part/"));
        expect(parts.map((r) => r.status)).toEqual([503, 200, 200, 200]);
        // Presigned part URLs carry a token: the request log shows it, error messages must not.
        expect(parts.every((r) => r.path.includes("token="))).toBe(true);
    });

    it("finds the file after complete's answer is lost", async () => {
        const { emulator, client } = await setup();
        const size = 10 * MIB;
        const { path } = bigFile(size);
        emulator.injectFaults([{ path: "/multipart/complete/", action: "reset-after" }]);
        const info = await uploadMultipart(client, { path, size }, { filename: "big.bin", store: "1" });
        expect(emulator.files().map((f) => f.uuid)).toEqual([info.uuid]);
        expect(info.is_stored).toBe(true);
    });

    it("surfaces Uploadcare's refusal of a small file", async () => {
        const { client } = await setup();
        const { path } = bigFile(1024);
        const refused = await failure(uploadMultipart(client, { path, size: 1024 }, { filename: "s", store: "0" }));
        expect(refused.message).toContain("MultipartFileSizeTooSmallError");
    });
});

describe("fromUrl", () => {
    let origin: Server;
    let base = "";
    const hanging: ServerResponse[] = [];

    beforeAll(async () => {
        origin = createServer((req, res) => {
            if (req.url === "/hang") hanging.push(res);
            else if (req.url === "/cat.txt") res.end("meow");
            else {
                res.statusCode = 404;
                res.end();
            }
        });
        await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
        base = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
        for (const res of hanging) res.destroy();
        await new Promise((resolve) => origin.close(resolve));
    });

    it("gives a token, then the file once Uploadcare fetched it", async () => {
        const { emulator, client } = await setup();
        const started = await fromUrl(client, `${base}/cat.txt`, { store: "0", metadata: { from: "url" } });
        expect(started.type).toBe("token");
        const info = await waitForFromUrl(client, started.type === "token" ? started.token : "", {
            timeoutMs: 10_000,
            sourceUrl: `${base}/cat.txt`,
        });
        expect(info).toMatchObject({ original_filename: "cat.txt", size: 4, metadata: { from: "url" } });
        expect((await emulator.fileBytes(info.uuid))?.toString()).toBe("meow");
    });

    it("names the URL (without its query) and Uploadcare's reason when the fetch fails", async () => {
        const { client } = await setup();
        const url = `${base}/missing?token=s3cr3t`;
        const started = await fromUrl(client, url, { store: "0" });
        const error = await failure(
            waitForFromUrl(client, started.type === "token" ? started.token : "", {
                timeoutMs: 10_000,
                sourceUrl: url,
            }),
        );
        expect(error).toBeInstanceOf(UploadcareFromUrlError);
        expect(error.code).toBe("UPLOADCARE_FROM_URL");
        expect(error.message).toBe(
            `Uploadcare could not upload from ${base}/missing: HTTP client error: 404 Not Found. (DownloadFileHTTPClientError)`,
        );
        const refused = await failure(fromUrl(client, "http://10.0.0.1/x", { store: "0" }));
        expect(refused).toBeInstanceOf(UploadcareFromUrlError);
        expect((refused as UploadcareFromUrlError).errorCode).toBe("URLHostPrivateIPForbiddenError");
    });

    it("times out on the client's own clock, polling with backoff", async () => {
        const clock = { ms: Date.UTC(2026, 0, 1) };
        const waits: number[] = [];
        const deps: ClientDeps = {
            now: () => new Date(clock.ms),
            sleep: async (ms) => {
                waits.push(ms);
                clock.ms += ms;
            },
        };
        const { client } = await setup({}, deps);
        const started = await fromUrl(client, `${base}/hang`, { store: "0" });
        const error = await failure(
            waitForFromUrl(client, started.type === "token" ? started.token : "", {
                timeoutMs: 3_000,
                sourceUrl: `${base}/hang`,
            }),
        );
        expect((error as UploadcareFromUrlError).timedOut).toBe(true);
        expect(error.message).toContain("after 3 s (the limit is 3 s)");
        expect(waits).toEqual([250, 500, 1000, 1250]);
    });

    it("answers a known duplicate at once with the file", async () => {
        const { client } = await setup();
        const first = await fromUrl(client, `${base}/cat.txt`, { store: "1", saveDuplicates: true });
        const token = first.type === "token" ? first.token : "";
        const info = await waitForFromUrl(client, token, { timeoutMs: 10_000, sourceUrl: base });
        const again = await fromUrl(client, `${base}/cat.txt`, { store: "1", checkDuplicates: true });
        expect(again).toMatchObject({ type: "file_info", uuid: info.uuid });
        expect(await failure(getUploadedFileInfo(client, "00000000-0000-4000-8000-000000000000"))).toBeInstanceOf(
            UploadcareNotFoundError,
        );
    });
});
