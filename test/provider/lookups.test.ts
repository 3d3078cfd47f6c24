import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createClient, createGroup } from "../../src/client";
import { type Emulator, seededFileUuids, startEmulator } from "../../src/emulator";
import { createGroupProvider } from "../../src/provider/group/provider";
import { createGroupLookups, createLookups, type GroupLookups } from "../../src/provider/lookups";
import { openEmbeddedEmulator } from "../../src/provider/runtime/embeddedEmulator";
import { DEMO_CDN } from "../support/cdn";
import { failure } from "../support/failure";
import { emulatorConfig, stackConfig } from "../support/providerHarness";

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
    const all: T[] = [];
    for await (const item of items) all.push(item);
    return all;
}

describe("getGroup and getGroups against the emulator", () => {
    let emulator: Emulator;
    let lookups: GroupLookups;
    /** Oldest first. */
    let ids: string[];
    const listCalls = () => emulator.requests.filter((r) => r.method === "GET" && r.path.startsWith("/groups/?"));

    beforeAll(async () => {
        emulator = await startEmulator({ quiet: true });
        lookups = createGroupLookups({
            env: {},
            config: stackConfig({
                "uploadcare:publicKey": emulator.publicKey,
                "uploadcare:secretKey": emulator.secretKey,
                "uploadcare:apiBaseUrl": emulator.url,
            }),
        });
        const client = createClient({
            publicKey: emulator.publicKey,
            apiBaseUrl: emulator.url,
            uploadBaseUrl: emulator.url,
        });
        const files = emulator.createFiles(3, { stored: true });
        ids = [];
        for (let i = 0; i < 25; i++) {
            const members = i === 0 ? [files[0] as string, `${files[1]}/-/resize/800x/`] : [files[i % 3] as string];
            ids.push((await createGroup(client, members)).id);
        }
    });
    afterAll(() => emulator?.close());
    beforeEach(() => emulator.clearRequests());

    it("getGroup returns the group with its member files, from one signed GET", async () => {
        const group = await lookups.getGroup((ids[0] as string).toUpperCase());
        expect(group).toEqual({
            id: ids[0],
            groupId: ids[0],
            files: [
                expect.stringMatching(/^[0-9a-f-]{36}$/),
                expect.stringMatching(/^[0-9a-f-]{36}\/-\/resize\/800x\/$/),
            ],
            filesCount: 2,
            cdnUrl: `${DEMO_CDN}/${ids[0]}/`,
            url: expect.stringContaining(`/groups/${ids[0]}/`),
            datetimeCreated: expect.stringMatching(/^\d{4}-/),
            removedFiles: [],
        });
        // The emulator checks every REST signature, so a 200 means the request was signed correctly.
        expect(emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
            `GET /groups/${ids[0]}/ 200`,
        ]);
    });

    it("getGroup of an id the project lacks names the id and the public key", async () => {
        const missing = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~4";
        const error = await failure(() => lookups.getGroup(missing));
        expect(error.code).toBe("UPLOADCARE_NOT_FOUND");
        expect(error.message).toContain(`getGroup("${missing}"): project ${emulator.publicKey} has no such group`);
    });

    it("getGroup refuses a malformed id before any request", async () => {
        const error = await failure(() => lookups.getGroup("3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5"));
        expect(error.code).toBe("UPLOADCARE_INPUT");
        expect(error.message).toMatch(/^groupId must be an Uploadcare group id .* this is a bare UUID/);
        expect(emulator.requests).toEqual([]);
    });

    it("getGroups yields every group across pages, oldest first, one request per page", async () => {
        const all = await collect(lookups.listGroups({ pageSize: 10 }));
        expect(all.map((g) => g.id)).toEqual(ids);
        expect(all[0]).toEqual({
            id: ids[0],
            groupId: ids[0],
            filesCount: 2,
            cdnUrl: `${DEMO_CDN}/${ids[0]}/`,
            url: expect.stringContaining(`/groups/${ids[0]}/`),
            datetimeCreated: expect.stringMatching(/^\d{4}-/),
        });
        expect(listCalls()).toHaveLength(3);
    });

    it("getGroups fetches lazily: a loop that stops early requests only the pages it read", async () => {
        const seen: string[] = [];
        for await (const group of lookups.listGroups({ pageSize: 10 })) {
            seen.push(group.id);
            if (seen.length === 12) break;
        }
        expect(seen).toEqual(ids.slice(0, 12));
        expect(listCalls()).toHaveLength(2);
        emulator.clearRequests();
        const iterator = lookups.listGroups({ pageSize: 10 });
        expect(emulator.requests).toEqual([]);
        await iterator.next();
        expect(listCalls()).toHaveLength(1);
        await iterator.return?.(undefined);
    });

    it("getGroups stops at limit, newest first, and honours from", async () => {
        const newest = await collect(lookups.listGroups({ ordering: "-datetime_created", limit: 12, pageSize: 5 }));
        expect(newest.map((g) => g.id)).toEqual(ids.slice(-12).reverse());
        expect(listCalls()).toHaveLength(3);

        const all = await collect(lookups.listGroups({ limit: 1000 }));
        const tenth = all[10];
        // `from` is exclusive in the emulator, as the next-page cursor (from = last item shown) needs.
        const since = await collect(lookups.listGroups({ from: tenth?.datetimeCreated as string }));
        expect(since.map((g) => g.id)).toEqual(ids.slice(11));
        const sinceDate = await collect(lookups.listGroups({ from: new Date(0), limit: 3 }));
        expect(sinceDate.map((g) => g.id)).toEqual(ids.slice(0, 3));
    });

    it.each([
        ["a non-ISO from", { from: "yesterday" }, /^from must be a Date or an ISO-8601 date-time/],
        ["an invalid Date", { from: new Date(Number.NaN) }, /^from is an invalid Date/],
        ["an unknown ordering", { ordering: "newest" }, /^ordering must be "datetime_created" \(oldest first\)/],
        ["a zero limit", { limit: 0 }, /^limit must be a whole number from 1/],
        ["a fractional limit", { limit: 2.5 }, /^limit must be a whole number/],
        ["a page size over 1000", { pageSize: 5000 }, /^pageSize must be a whole number from 1 to 1000/],
        ["a misspelt option", { limt: 5 }, /^limt is not an option of getGroups/],
    ])("getGroups refuses %s when called, before any request", (_name, args, message) => {
        let thrown: (Error & { code?: string }) | undefined;
        try {
            lookups.listGroups(args as never);
        } catch (error) {
            thrown = error as Error & { code?: string };
        }
        expect(thrown?.code).toBe("UPLOADCARE_INPUT");
        expect(thrown?.message).toMatch(message);
        expect(emulator.requests).toEqual([]);
    });

    it("per-call options override the stack settings, and missing keys are named", async () => {
        const bare = createGroupLookups({ env: {} });
        const error = await failure(() => collect(bare.listGroups()));
        expect(error.code).toBe("UPLOADCARE_CONFIG");
        expect(error.message).toContain("uploadcare:publicKey");
        expect(error.message).toContain("UPLOADCARE_PUBLIC_KEY");

        const group = await bare.getGroup(ids[1] as string, {
            publicKey: emulator.publicKey,
            secretKey: emulator.secretKey,
            apiBaseUrl: emulator.url,
        });
        expect(group.id).toBe(ids[1]);

        const fromEnv = createGroupLookups({
            env: {
                UPLOADCARE_PUBLIC_KEY: emulator.publicKey,
                UPLOADCARE_SECRET_KEY: emulator.secretKey,
                UPLOADCARE_API_BASE_URL: emulator.url,
            },
        });
        expect((await collect(fromEnv.listGroups({ limit: 2 }))).map((g) => g.id)).toEqual(ids.slice(0, 2));
    });

    it("a wrong secret key fails with an auth error that does not contain the key", async () => {
        const secret = "sk-not-the-right-one-19af";
        const error = await failure(() => lookups.getGroup(ids[0] as string, { secretKey: secret }));
        expect(error.code).toBe("UPLOADCARE_AUTH");
        expect(error.message).not.toContain(secret);
    });
});

describe("lookups with uploadcare:emulator auto read the provider's embedded emulator", () => {
    let folder: string;
    beforeAll(() => {
        folder = fs.mkdtempSync(path.join(os.tmpdir(), "uploadcare-embedded-"));
    });
    afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

    it("a group the provider creates is found by getGroup in another emulator over the same state", async () => {
        const statePath = path.join(folder, ".pulumi-uploadcare", "emulator-state.json");
        const writer = await openEmbeddedEmulator({ statePath, readOnly: false, startEmulator });
        const reader = await openEmbeddedEmulator({ statePath, readOnly: true, startEmulator });
        try {
            const auto = stackConfig({ "uploadcare:emulator": "auto" });
            const provider = createGroupProvider({ env: {}, startEmbeddedEmulator: async () => writer });
            await provider.configure({ config: auto });
            const lookups = createGroupLookups({ env: {}, config: auto, startEmbeddedEmulator: async () => reader });

            const files = seededFileUuids(2);
            const { id } = await provider.create({ files, storeFiles: true });
            expect((await lookups.getGroup(id)).files).toEqual(files);
            expect((await collect(lookups.listGroups())).map((g) => g.id)).toEqual([id]);

            await provider.delete(id, {});
            const error = await failure(() => lookups.getGroup(id));
            expect(error.code).toBe("UPLOADCARE_NOT_FOUND");
            expect(error.message).toContain(`project ${reader.publicKey} has no such group`);
        } finally {
            await reader.close();
            await writer.close();
        }
    });
});

describe("createLookups: every lookup over one runtime", () => {
    let emulator: Emulator;
    beforeAll(async () => {
        emulator = await startEmulator({ quiet: true });
    });
    afterAll(() => emulator?.close());

    it("getFile answers id = uuid, and one project proof serves getProject and a missing file", async () => {
        const lookups = createLookups({ env: {}, config: emulatorConfig(emulator) });
        const [uuid] = emulator.createFiles(1, { stored: true });
        const file = await lookups.getFile(uuid as string);
        expect([file.id, file.uuid, file.datetimeRemoved]).toEqual([uuid, uuid, null]);
        expect((await lookups.getProject()).publicKey).toBe(emulator.publicKey);
        const error = await failure(() => lookups.getFile("00000000-0000-4000-8000-000000000000"));
        expect(error.code).toBe("UPLOADCARE_NOT_FOUND");
        // The 404 is trusted from the proof getProject already made: one GET /project/ in all.
        expect(emulator.requests.filter((r) => r.path === "/project/")).toHaveLength(1);
    });
});
