import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
    createClient,
    createGroup,
    getFile,
    getProject,
    getUploadGroupInfo,
    listGroups,
    type UploadcareClient,
    UploadcareNotFoundError,
} from "../../src/client";
import { type Emulator, startEmulator } from "../../src/emulator";

// The client's endpoint functions that the provider does not exercise on its own, against the emulator.
describe("client endpoints", () => {
    let emulator: Emulator;
    let client: UploadcareClient;

    beforeAll(async () => {
        emulator = await startEmulator({ quiet: true });
        client = createClient({
            publicKey: emulator.publicKey,
            secretKey: emulator.secretKey,
            apiBaseUrl: emulator.url,
            uploadBaseUrl: emulator.url,
        });
    });
    afterAll(() => emulator.close());

    it("getProject answers the project of the keys (a cheap credential check)", async () => {
        await expect(getProject(client)).resolves.toMatchObject({ pub_key: emulator.publicKey });
    });

    it("getFile reads a file, and a missing one is a NotFound error", async () => {
        const [uuid] = emulator.createFiles(1, { stored: false });
        await expect(getFile(client, uuid as string)).resolves.toMatchObject({ uuid, datetime_stored: null });
        await expect(getFile(client, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(
            UploadcareNotFoundError,
        );
    });

    it("getUploadGroupInfo reads a group with the public key only", async () => {
        const files = emulator.createFiles(2);
        const created = await createGroup(client, files);
        const publicOnly = createClient({
            publicKey: emulator.publicKey,
            apiBaseUrl: emulator.url,
            uploadBaseUrl: emulator.url,
        });
        const info = await getUploadGroupInfo(publicOnly, created.id);
        expect(info).toMatchObject({ id: created.id, files_count: 2 });
        expect(info.files.map((f) => f?.uuid)).toEqual(files);
    });

    it("listGroups follows next across pages and yields every group once", async () => {
        const ids = [];
        for (let i = 0; i < 5; i++) ids.push((await createGroup(client, emulator.createFiles(1))).id);
        emulator.clearRequests();
        const seen: string[] = [];
        for await (const group of listGroups(client, { limit: 2, ordering: "datetime_created" })) seen.push(group.id);
        expect(seen).toEqual(emulator.groups().map((g) => g.id));
        expect(seen).toEqual(expect.arrayContaining(ids));
        expect(new Set(seen).size).toBe(seen.length);
        const pages = emulator.requests.filter((r) => r.path.startsWith("/groups/"));
        expect(pages).toHaveLength(Math.ceil(seen.length / 2));
        expect(pages.every((r) => r.status === 200)).toBe(true);
    });
});
