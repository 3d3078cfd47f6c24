import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UploadcareError } from "../../src/client/core/errors";
import { createGroupProvider } from "../../src/provider/group/provider";
import { failure } from "../support/failure";
import { emulatorConfig, type Harness, stackConfig, startHarness } from "../support/providerHarness";

describe("configuration errors are clear and send nothing", () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness();
    });
    afterAll(() => h.close());
    beforeEach(() => h.reset());

    it("a missing public key names the config key and the env var", async () => {
        const provider = createGroupProvider({ env: {} });
        await provider.configure({ config: stackConfig({}) });
        const error = await failure(provider.create({ files: [h.emulator.createFiles(1)[0]] }));
        expect(error.message).toMatch(/public key is not set, and creating a group needs it/);
        expect(error.message).toContain("pulumi config set uploadcare:publicKey");
        expect(error.message).toContain("UPLOADCARE_PUBLIC_KEY");
        expect((error as UploadcareError).code).toBe("UPLOADCARE_CONFIG");
    });

    it("a missing secret key fails delete with the secret config command; storeFiles false needs no secret", async () => {
        const provider = createGroupProvider({ env: {} });
        await provider.configure({
            config: stackConfig({
                "uploadcare:publicKey": h.emulator.publicKey,
                "uploadcare:uploadBaseUrl": h.emulator.url,
            }),
        });
        const files = h.emulator.createFiles(1);
        h.reset();
        const error = await failure(provider.delete("3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~1", {}));
        expect(error.message).toContain("pulumi config set --secret uploadcare:secretKey");
        expect(error.message).toContain("UPLOADCARE_SECRET_KEY");
        expect(h.calls()).toEqual([]);
        const created = await provider.create({ files, storeFiles: false });
        expect(created.id).toMatch(/~1$/);
    });

    it("stack config wins over the environment, which is the fallback", async () => {
        const provider = createGroupProvider({
            env: {
                UPLOADCARE_PUBLIC_KEY: h.emulator.publicKey,
                UPLOADCARE_SECRET_KEY: h.emulator.secretKey,
                UPLOADCARE_API_BASE_URL: "http://127.0.0.1:9",
                UPLOADCARE_UPLOAD_BASE_URL: h.emulator.url,
            },
        });
        await provider.configure({ config: stackConfig({ "uploadcare:apiBaseUrl": h.emulator.url }) });
        const { id } = await provider.create({ files: h.emulator.createFiles(1) });
        expect(h.emulator.groups().some((g) => g.id === id)).toBe(true);
    });

    it("plain http to a non-loopback host is refused before any request", async () => {
        const provider = createGroupProvider({ env: {} });
        await provider.configure({
            config: emulatorConfig(h.emulator, { "uploadcare:apiBaseUrl": "http://api.example.com" }),
        });
        const error = await failure(provider.delete("3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~1", {}));
        expect(error.message).toMatch(/apiBaseUrl uses plain http to api.example.com/);
        expect(h.calls()).toEqual([]);
    });

    it("a malformed setting names the key", async () => {
        const provider = createGroupProvider({ env: { UPLOADCARE_MAX_CONCURRENCY: "lots" } });
        await provider.configure({ config: emulatorConfig(h.emulator) });
        const error = await failure(provider.delete("3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~1", {}));
        expect(error.message).toMatch(/uploadcare:maxConcurrency \/ UPLOADCARE_MAX_CONCURRENCY must be a whole number/);
    });

    it("check reports bad inputs without any request", async () => {
        const result = await h.provider.check({}, { files: ["not-a-uuid"], storeFiles: "yes" });
        expect(result.failures?.map((f) => f.property)).toEqual(["storeFiles", "files[0]"]);
        expect(h.calls()).toEqual([]);
    });

    it("create re-validates its inputs and sends nothing for bad ones", async () => {
        const error = await failure(h.provider.create({ files: [] }));
        expect(error.message).toMatch(/files is empty/);
        expect((error as UploadcareError).code).toBe("UPLOADCARE_INPUT");
        expect((error as Error & { failures?: unknown }).failures).toEqual([
            { property: "files", reason: "is empty: a group needs 1 to 1000 files" },
        ]);
        expect(h.calls()).toEqual([]);
    });
});

describe("Uploadcare's refusals are surfaced with their reason, secret redacted", () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness({
            emulator: { extraProjects: [{ publicKey: "otherpublickey", secretKey: "othersecretkey", seedFiles: 1 }] },
        });
    });
    afterAll(() => h.close());
    beforeEach(() => h.reset());

    it("a wrong secret key gives Uploadcare's 401 text without the secret", async () => {
        const provider = createGroupProvider({ env: {} });
        const wrongSecret = "wrong-secret-key-123456";
        await provider.configure({ config: emulatorConfig(h.emulator, { "uploadcare:secretKey": wrongSecret }) });
        const error = await failure(provider.delete("3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~1", {}));
        expect((error as UploadcareError).code).toBe("UPLOADCARE_AUTH");
        expect(error.message).toContain("HTTP 401");
        expect(error.message).toContain("Invalid signature. Please check your Secret key.");
        expect(error.message).not.toContain(wrongSecret);
        expect(JSON.stringify(error)).not.toContain(wrongSecret);
    });

    it("a wrong public key is refused", async () => {
        const provider = createGroupProvider({ env: {} });
        await provider.configure({ config: emulatorConfig(h.emulator, { "uploadcare:publicKey": "nosuchkey" }) });
        const error = await failure(provider.delete("3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~1", {}));
        expect(error.message).toContain("Public key nosuchkey not found.");
    });

    it("unknown files and files of another project are refused with Uploadcare's reason, and no group is made", async () => {
        const other = h.emulator.files("otherpublickey")[0]?.uuid as string;
        for (const missing of ["00000000-0000-4000-8000-000000000000", other]) {
            const error = await failure(h.provider.create({ files: [...h.emulator.createFiles(1), missing] }));
            expect(error.message).toContain("Some files not found.");
            expect(error.message).toContain("GroupFilesNotFoundError");
        }
        expect(h.emulator.groups()).toEqual([]);
    });

    it("Upload API errors are understood whether jsonerrors answers 4xx or 200", async () => {
        const lenient = await startHarness({ emulator: { uploadJsonErrorsStatus: 200 } });
        try {
            const error = await failure(lenient.provider.create({ files: ["00000000-0000-4000-8000-000000000000"] }));
            expect(error.message).toContain("HTTP 400: Some files not found. (GroupFilesNotFoundError)");
        } finally {
            await lenient.close();
        }
    });
});

describe("retries", () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness();
    });
    afterAll(() => h.close());
    beforeEach(() => h.reset());

    it("a 429 is retried after Retry-After (seconds or HTTP date), even for POST /group/", async () => {
        const files = h.emulator.createFiles(1, { stored: true });
        h.reset();
        const inSeven = new Date(Date.now() + 7_000).toUTCString();
        h.emulator.injectFaults([
            { method: "POST", path: "/group/", action: "status", status: 429, retryAfter: 2, times: 1 },
            { method: "POST", path: "/group/", action: "status", status: 429, retryAfter: inSeven, times: 1 },
        ]);
        const { id } = await h.provider.create({ files });
        expect(h.sleeps[0]).toBe(2_000);
        expect(h.sleeps[1]).toBeGreaterThan(5_000);
        expect(h.sleeps[1]).toBeLessThanOrEqual(7_000);
        expect(h.calls()).toEqual(["GET /groups/", "POST /group/", "POST /group/", "POST /group/"]);
        expect(h.newGroups().map((g) => g.id)).toEqual([id]);
    });

    it("5xx answers to GET and DELETE are retried with backoff", async () => {
        const { id, outs } = await h.provider.create({ files: h.emulator.createFiles(1, { stored: true }) });
        h.reset();
        h.emulator.injectFaults([
            { method: "GET", path: "/groups/", action: "status", status: 503, times: 2 },
            { method: "DELETE", path: "/groups/", action: "status", status: 500, times: 1 },
        ]);
        expect((await h.provider.read(id, outs)).id).toBe(id);
        await h.provider.delete(id, {});
        expect(h.emulator.groups().some((g) => g.id === id)).toBe(false);
        expect(h.calls()).toEqual([
            `GET /groups/${id}/`,
            `GET /groups/${id}/`,
            `GET /groups/${id}/`,
            `DELETE /groups/${id}/`,
            `DELETE /groups/${id}/`,
        ]);
        expect(h.sleeps).toHaveLength(3);
    });

    it("a connection reset after POST /group/ was applied adopts that group instead of making a duplicate", async () => {
        const files = h.emulator.createFiles(2, { stored: true });
        h.reset();
        h.emulator.injectFaults([{ method: "POST", path: "/group/", action: "reset-after", times: 1 }]);
        const { id, outs } = await h.provider.create({ files });
        expect(h.newGroups().map((g) => g.id)).toEqual([id]);
        expect(outs?.files).toEqual(files);
        expect(h.calls().filter((c) => c === "POST /group/")).toHaveLength(1);
    });

    it("a reset before POST /group/ was applied (and a 5xx) is checked, then retried once: one group", async () => {
        const files = h.emulator.createFiles(2, { stored: true });
        h.reset();
        h.emulator.injectFaults([
            { method: "POST", path: "/group/", action: "reset-before", times: 1 },
            { method: "POST", path: "/group/", action: "status", status: 502, times: 1 },
        ]);
        const { id } = await h.provider.create({ files });
        expect(h.newGroups().map((g) => g.id)).toEqual([id]);
        expect(h.calls().filter((c) => c === "POST /group/")).toHaveLength(3);
        // One list before the POST, one lookup after each ambiguous failure.
        expect(h.calls().filter((c) => c === "GET /groups/")).toHaveLength(3);
    });

    it("a throttle that outlasts the retry budget fails clearly and creates nothing", async () => {
        const files = h.emulator.createFiles(1, { stored: true });
        h.reset();
        h.emulator.injectFaults([
            { method: "POST", path: "/group/", action: "status", status: 429, retryAfter: 1, times: Infinity },
        ]);
        const error = await failure(h.provider.create({ files }));
        expect((error as UploadcareError).code).toBe("UPLOADCARE_THROTTLED");
        expect(error.message).toMatch(/HTTP 429.*Still throttled after 5 retries; run the command again later/);
        expect(h.newGroups()).toEqual([]);
    });

    it("a group that 404s right after creation (replication lag) is read after a short wait", async () => {
        const lagging = await startHarness({
            emulator: { readLagMs: 300 },
            deps: { readAfterCreateWindowMs: 10_000, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
        });
        try {
            const { id, outs } = await lagging.provider.create({
                files: lagging.emulator.createFiles(1, { stored: true }),
            });
            const read = await lagging.provider.read(id, outs);
            expect(read.id).toBe(id);
            expect(lagging.calls().filter((c) => c.startsWith("GET")).length).toBeGreaterThan(1);
        } finally {
            await lagging.close();
        }
    });

    it("a store failure after the group exists reports the group id so Pulumi records it", async () => {
        const files = h.emulator.createFiles(2, { stored: false });
        h.reset();
        h.emulator.injectFaults([{ method: "PUT", path: "/files/storage/", action: "status", status: 400, times: 1 }]);
        const error = (await failure(h.provider.create({ files }))) as Error & { id?: string; properties?: unknown };
        const [group] = h.newGroups();
        expect(error.id).toBe(group?.id);
        expect(error.message).toContain(`Uploadcare group ${group?.id} was created, but storing its files failed`);
        expect(error.properties).toMatchObject({ files, filesCount: 2 });
    });
});

describe("uploadcare:maxRetries", () => {
    it("sets how many times a 5xx is retried", async () => {
        for (const [maxRetries, failures, succeeds] of [
            ["0", 1, false],
            ["6", 6, true],
        ] as const) {
            const h = await startHarness({ config: { "uploadcare:maxRetries": maxRetries } });
            try {
                const { id, outs } = await h.provider.create({ files: h.emulator.createFiles(1, { stored: true }) });
                h.reset();
                h.emulator.injectFaults([
                    { method: "GET", path: "/groups/", action: "status", status: 503, times: failures },
                ]);
                const read = h.provider.read(id, outs);
                if (succeeds) await expect(read).resolves.toMatchObject({ id });
                else await expect(read).rejects.toThrow(/HTTP 503/);
                expect(h.calls()).toHaveLength(succeeds ? failures + 1 : 1);
            } finally {
                await h.close();
            }
        }
    });

    it("rejects values outside 0–20, naming the key", async () => {
        const h = await startHarness({ config: { "uploadcare:maxRetries": "99" } });
        try {
            await expect(h.provider.delete("3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~1", {})).rejects.toThrow(
                /uploadcare:maxRetries \/ UPLOADCARE_MAX_RETRIES must be a whole number from 0 to 20, got "99"/,
            );
            expect(h.calls()).toEqual([]);
        } finally {
            await h.close();
        }
    });
});
