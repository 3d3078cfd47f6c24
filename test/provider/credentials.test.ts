import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFileProvider } from "../../src/provider/file/provider";
import { createGroupProvider } from "../../src/provider/group/provider";
import { UNKNOWN } from "../../src/provider/runtime/checks";
import { createWebhookProvider } from "../../src/provider/webhook/provider";
import { failure } from "../support/failure";
import { emulatorConfig, type Harness, startHarness } from "../support/providerHarness";
import { uploadcareCalls } from "../support/requests";

// File, Group and Webhook with `credentials` live in that project, while the stack config names another one.

const TOKEN = "project-api-token-for-tests";
const B = { publicKey: "projectbpublickey", secretKey: "projectbsecretkey" };
const C = { publicKey: "projectcpublickey", secretKey: "projectcsecretkey" };
const text = (value: string) => ({
    "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17",
    text: value,
});

describe("resources in another project through `credentials`", () => {
    let h: Harness;
    const deps = () => ({ env: {}, sleep: async () => {}, readAfterCreateWindowMs: 0, checkSettingsInCheck: true });
    async function configured<T extends { configure: (req: never) => Promise<void> }>(provider: T): Promise<T> {
        await provider.configure({ config: emulatorConfig(h.emulator) } as never);
        return provider;
    }
    const calls = () => uploadcareCalls(h.emulator);

    /** A second secret key of project B, through the emulator's Project API. */
    async function rotatedKey(): Promise<string> {
        const response = await fetch(`${h.emulator.url}/projects/${B.publicKey}/secrets/`, {
            method: "POST",
            headers: { authorization: `Bearer ${TOKEN}` },
        });
        expect(response.status).toBe(201);
        return ((await response.json()) as { secret: string }).secret;
    }

    beforeAll(async () => {
        h = await startHarness({ emulator: { extraProjects: [B, C], projectApiToken: TOKEN } });
    });
    afterAll(() => h.close());
    beforeEach(() => h.reset());

    it("a File is uploaded to, read from and deleted in the credentials' project; a rotated key only proves itself", async () => {
        const provider = await configured(createFileProvider(deps()));
        const { inputs, failures } = await provider.check({}, { source: text("in b"), credentials: B });
        expect(failures ?? []).toEqual([]);
        const { id, outs } = await provider.create(inputs);
        expect(outs.project).toBe(B.publicKey);
        expect(outs.credentials).toEqual(B);
        expect(h.emulator.files(B.publicKey).map((f) => f.uuid)).toContain(id);
        expect(h.emulator.files().map((f) => f.uuid)).not.toContain(id);

        const read = await provider.read(id, outs);
        expect(read.props?.project).toBe(B.publicKey);
        expect(read.props?.credentials).toEqual(B);

        const rotated = { publicKey: B.publicKey, secretKey: await rotatedKey() };
        const news = (await provider.check(inputs, { ...inputs, credentials: rotated })).inputs;
        expect(await provider.diff(id, outs, news)).toEqual({ changes: true });
        h.reset();
        const fresh = await configured(createFileProvider(deps()));
        const updated = await fresh.update(id, outs, news);
        expect(calls()).toEqual(["GET /project/"]);
        expect(updated.outs?.credentials).toEqual(rotated);
        expect(updated.outs?.uuid).toBe(id);

        await fresh.delete(id, updated.outs);
        expect(h.emulator.files(B.publicKey).find((f) => f.uuid === id)?.datetimeRemoved).toBeTruthy();
    });

    it("another public key replaces; the same keys change nothing; an unknown key previews as an update", async () => {
        const provider = await configured(createWebhookProvider(deps()));
        const target = "https://example.com/hooks/credentials";
        const { inputs } = await provider.check({}, { targetUrl: target, event: "file.uploaded", credentials: B });
        const { id, outs } = await provider.create(inputs);
        expect(outs.project).toBe(B.publicKey);
        expect(h.emulator.webhooks(B.publicKey).map((w) => String(w.id))).toContain(id);
        expect(h.emulator.webhooks().map((w) => String(w.id))).not.toContain(id);

        expect(await provider.diff(id, outs, inputs)).toEqual({ changes: false });
        expect(await provider.diff(id, outs, { ...inputs, credentials: C })).toEqual({
            changes: true,
            replaces: ["credentials"],
            deleteBeforeReplace: false,
        });
        const unknown = { ...inputs, credentials: { publicKey: UNKNOWN, secretKey: UNKNOWN } };
        expect((await provider.diff(id, outs, unknown)).replaces).toBeUndefined();
        expect((await provider.diff(id, outs, unknown)).changes).toBe(true);

        h.reset();
        const read = await provider.read(id, outs);
        expect(read.id).toBe(id);
        await provider.delete(id, outs);
        expect(h.emulator.webhooks(B.publicKey).map((w) => String(w.id))).not.toContain(id);
    });

    it("a Group of files in B is created in B and its 404 is trusted only from B", async () => {
        const provider = await configured(createGroupProvider(deps()));
        const files = h.emulator.createFiles(2, { stored: true, projectPublicKey: B.publicKey });
        const { inputs } = await provider.check({}, { files, credentials: B });
        const { id, outs } = await provider.create(inputs);
        expect(outs.project).toBe(B.publicKey);
        expect(h.emulator.groups(B.publicKey).map((g) => g.id)).toContain(id);

        h.emulator.deleteGroupOutOfBand(id);
        // With the configured keys (project A) the 404 proves nothing; with B's it means gone.
        const { credentials: _b, ...withoutKeys } = outs;
        const unproven = await failure(provider.read(id, withoutKeys));
        expect(unproven.message).toContain(B.publicKey);
        expect((await provider.read(id, outs)).id).toBe("");
    });

    it("credentials added to a resource of state without `project` (0.1.0) record the configured project first", async () => {
        const provider = await configured(createFileProvider(deps()));
        const { inputs } = await provider.check({}, { source: text("in a") });
        const { id, outs } = await provider.create(inputs);
        const { project: _a, ...oldState } = outs;
        // B's keys on a file made with A's: another project, so a replace; and an update under B's keys is never
        // allowed to take B's 404 as "gone".
        expect(await provider.diff(id, oldState, { ...inputs, credentials: B })).toMatchObject({
            replaces: ["credentials"],
        });
        const update = await failure(
            provider.update(id, oldState, { ...inputs, metadata: { a: "1" }, credentials: B }),
        );
        expect(update.code).toBe("UPLOADCARE_PROJECT_UNPROVEN");
        expect(update.message).toContain(h.emulator.publicKey);
        expect(h.emulator.files().find((f) => f.uuid === id)?.datetimeRemoved).toBeNull();
        // The configured project's own key as credentials is the same project: an update, no replace.
        const same = { publicKey: h.emulator.publicKey, secretKey: h.emulator.secretKey };
        expect(await provider.diff(id, oldState, { ...inputs, credentials: same })).toEqual({ changes: true });
    });

    it("check refuses malformed credentials and wrong keys before anything is sent, never quoting the secret", async () => {
        const provider = await configured(createWebhookProvider(deps()));
        const base = { targetUrl: "https://example.com/hooks/check", event: "file.stored" };
        const shapes = await provider.check({}, { ...base, credentials: { publicKey: "", secretKey: 42, extra: 1 } });
        expect(shapes.failures?.map((f) => f.property)).toEqual([
            "credentials.publicKey",
            "credentials.secretKey",
            "credentials.extra",
        ]);
        const wrong = { publicKey: B.publicKey, secretKey: "not-the-secret-of-b" };
        const refused = await provider.check({}, { ...base, credentials: wrong });
        expect(refused.failures).toHaveLength(1);
        expect(refused.failures?.[0]).toMatchObject({ property: "credentials" });
        expect(refused.failures?.[0]?.reason).toContain("refused the keys");
        expect(refused.failures?.[0]?.reason).toContain("this resource's credentials input");
        expect(JSON.stringify(refused.failures)).not.toContain(wrong.secretKey);
        expect(h.emulator.webhooks(B.publicKey).filter((w) => w.targetUrl === base.targetUrl)).toEqual([]);
    });
});
