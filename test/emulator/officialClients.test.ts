import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
    createWebhook,
    deleteFile,
    deleteFiles,
    deleteGroup,
    deleteMetadata,
    deleteWebhook,
    fileInfo,
    getMetadata,
    getMetadataValue,
    groupInfo,
    listOfFiles,
    listOfGroups,
    listOfWebhooks,
    storeFile,
    storeFiles,
    UploadcareAuthSchema,
    UploadcareSimpleAuthSchema,
    updateMetadata,
    updateWebhook,
    WebhookEvent,
} from "@uploadcare/rest-client";
import {
    fromUrl,
    fromUrlStatus,
    group,
    info,
    multipartComplete,
    multipartStart,
    multipartUpload,
    uploadFile,
    groupInfo as uploadGroupInfo,
} from "@uploadcare/upload-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index";
import { emulatorFixtures } from "../support/emulatorFixtures";

// Uploadcare's own JS clients (6.21.0) against the emulator: every route it serves, driven by code Uploadcare wrote.
// The clients' high-level `uploadFromUrl` also opens a Pusher websocket on the internet, so from_url uses the
// low-level calls, polled here.
const { emulator } = emulatorFixtures("uc-emulator-official-");

const MIB = 1024 * 1024;
/** Just over the emulator's (and Uploadcare's) 10 MiB multipart minimum: three parts of 5 MiB at most. */
const BIG = Buffer.alloc(10 * MIB + 4321);
for (let i = 0; i < BIG.length; i += 1024) BIG.writeUInt32BE(i, i);

let emu: Emulator;
let origin: Server;
let originUrl = "";

beforeAll(async () => {
    emu = await emulator({ allowLoopbackSources: true });
    origin = createServer((_req, res) => res.writeHead(200, { "Content-Type": "text/plain" }).end("fetched bytes"));
    await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
    originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => origin.close(() => resolve())));

const upload = () => ({ publicKey: emu.publicKey, baseURL: emu.url, retryNetworkErrorMaxTimes: 0 });
const restApi = () => ({
    authSchema: new UploadcareAuthSchema({ publicKey: emu.publicKey, secretKey: emu.secretKey }),
    apiBaseURL: `${emu.url}/`,
    retryNetworkErrorMaxTimes: 0,
});

describe("@uploadcare/upload-client against the emulator", () => {
    it("uploads directly and through multipart (uploadFile picks by multipartMinFileSize)", async () => {
        const small = await uploadFile(Buffer.from("hello"), { ...upload(), fileName: "hello.txt", store: false });
        expect(small).toMatchObject({ name: "hello.txt", size: 5, isStored: false });
        const big = await uploadFile(BIG, {
            ...upload(),
            fileName: "big.bin",
            contentType: "application/octet-stream",
            multipartMinFileSize: 10 * MIB,
            metadata: { kind: "big" },
        });
        expect(big).toMatchObject({ name: "big.bin", size: BIG.length, isStored: true, metadata: { kind: "big" } });
        expect((await emu.fileBytes(big.uuid))?.equals(BIG)).toBe(true);
        expect(emu.requests.filter((r) => r.method === "PUT" && r.api === "upload")).toHaveLength(3);
        expect(await info(small.uuid, upload())).toMatchObject({ uuid: small.uuid, size: 5 });
    });

    it("multipart parts PUT out of order land at the right offsets", async () => {
        const { uuid, parts } = await multipartStart(BIG.length, {
            ...upload(),
            fileName: "shuffled.bin",
            contentType: "application/octet-stream",
        });
        expect(parts).toHaveLength(3);
        for (const n of [3, 1, 2]) {
            const url = parts[n - 1] ?? "";
            expect(new URL(url).searchParams.get("partNumber")).toBe(String(n));
            await multipartUpload(BIG.subarray((n - 1) * 5 * MIB, n * 5 * MIB), url, {});
        }
        await multipartComplete(uuid, upload());
        expect((await emu.fileBytes(uuid))?.equals(BIG)).toBe(true);
    });

    it("uploads from a URL (loopback source allowed by the flag) and reports the file in the status", async () => {
        const started = await fromUrl(`${originUrl}/page.txt`, { ...upload(), store: true });
        if (started.type !== "token") throw new Error(`expected a token, got ${started.type}`);
        let status = await fromUrlStatus(started.token, upload());
        for (let i = 0; i < 200 && status.status !== "success" && status.status !== "error"; i++) {
            await new Promise((resolve) => setTimeout(resolve, 10));
            status = await fromUrlStatus(started.token, upload());
        }
        expect(status).toMatchObject({ status: "success", originalFilename: "page.txt", size: 13, isStored: true });
    });

    it("creates a group and reads it back", async () => {
        const files = await Promise.all(
            ["a", "b"].map((s) => uploadFile(Buffer.from(s), { ...upload(), fileName: s })),
        );
        const made = await group(
            files.map((f) => f.uuid),
            upload(),
        );
        expect(made).toMatchObject({ filesCount: 2 });
        expect(await uploadGroupInfo(made.id, upload())).toMatchObject({ id: made.id, filesCount: 2 });
    });
});

describe("@uploadcare/rest-client against the emulator (signed requests)", () => {
    it("files: info (with appdata), list, store, delete, batch store and batch delete", async () => {
        const [a, b, c] = await Promise.all(
            ["one", "two", "three"].map((s) => uploadFile(Buffer.from(s), { ...upload(), fileName: s, store: false })),
        );
        const uuids = [a, b, c].map((f) => f?.uuid ?? "");
        const got = await fileInfo({ uuid: uuids[0] ?? "", include: "appdata" }, restApi());
        expect(got).toMatchObject({ uuid: uuids[0], appdata: {}, datetimeStored: null });
        expect(got.url).toBe(`${emu.url}/files/${uuids[0]}/`);
        const listed = await listOfFiles({ limit: 100, stored: false }, restApi());
        expect(listed.results.map((f) => f.uuid)).toEqual(expect.arrayContaining(uuids));
        expect((await storeFile({ uuid: uuids[0] ?? "" }, restApi())).datetimeStored).not.toBeNull();
        expect((await deleteFile({ uuid: uuids[0] ?? "" }, restApi())).datetimeRemoved).not.toBeNull();
        const stored = await storeFiles({ uuids: uuids.slice(1) }, restApi());
        expect(stored.result.map((f) => f.uuid).sort()).toEqual(uuids.slice(1).sort());
        const missing = "00000000-0000-4000-8000-000000000000";
        const removed = await deleteFiles({ uuids: [...uuids.slice(1), missing] }, restApi());
        expect(removed.problems).toEqual({ [missing]: "Missing in the project" });
        expect(removed.result.every((f) => f.datetimeRemoved !== null)).toBe(true);
    });

    it("metadata: update, read all, read one, delete", async () => {
        const { uuid } = await uploadFile(Buffer.from("m"), { ...upload(), fileName: "m.txt" });
        expect(await updateMetadata({ uuid, key: "owner", value: "ci" }, restApi())).toBe("ci");
        expect(await getMetadata({ uuid }, restApi())).toEqual({ owner: "ci" });
        expect(await getMetadataValue({ uuid, key: "owner" }, restApi())).toBe("ci");
        await deleteMetadata({ uuid, key: "owner" }, restApi());
        expect(await getMetadata({ uuid }, restApi())).toEqual({});
    });

    it("groups: info, list, delete", async () => {
        const f = await uploadFile(Buffer.from("g"), { ...upload(), fileName: "g.txt" });
        const made = await group([f.uuid], upload());
        expect(await groupInfo({ uuid: made.id }, restApi())).toMatchObject({ id: made.id, filesCount: 1 });
        const listed = await listOfGroups({ limit: 100 }, restApi());
        expect(listed.results.map((g) => g.id)).toContain(made.id);
        await deleteGroup({ uuid: made.id }, restApi());
        await expect(groupInfo({ uuid: made.id }, restApi())).rejects.toThrow("Not found.");
    });

    it("webhooks: create, list, update, delete", async () => {
        const targetUrl = "https://hooks.example/uploadcare";
        const hook = await createWebhook({ targetUrl, event: WebhookEvent.FILE_UPLOADED, isActive: true }, restApi());
        expect(hook).toMatchObject({ targetUrl, event: "file.uploaded", isActive: true });
        expect((await listOfWebhooks({}, restApi())).map((h) => h.id)).toContain(hook.id);
        const updated = await updateWebhook({ id: hook.id, isActive: false }, restApi());
        expect(updated).toMatchObject({ id: hook.id, isActive: false });
        await deleteWebhook({ targetUrl }, restApi());
        expect(await listOfWebhooks({}, restApi())).toEqual([]);
    });

    it("project: GET /project/ signed by the client's own auth schema; Simple auth is refused over HTTP", async () => {
        const request = new Request(`${emu.url}/project/`, { headers: { "Content-Type": "application/json" } });
        const headers = await restApi().authSchema.getHeaders(request);
        const res = await fetch(`${emu.url}/project/`, { headers });
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ pub_key: emu.publicKey, autostore_enabled: true });
        const simple = new UploadcareSimpleAuthSchema({ publicKey: emu.publicKey, secretKey: emu.secretKey });
        await expect(listOfWebhooks({}, { ...restApi(), authSchema: simple })).rejects.toThrow(
            /over HTTP is forbidden/,
        );
    });
});
