import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createProjectLookup } from "../../src/provider/lookups";
import { emulatorConfig } from "../support/providerHarness";
import { checked, startWebhookHarness, type WebhookHarness } from "./webhookHarness";

const TARGET = "http://127.0.0.1:9/hooks/uploadcare";

describe("Webhook check", () => {
    let h: WebhookHarness;
    beforeAll(async () => {
        h = await startWebhookHarness();
    });
    afterAll(() => h.close());

    it("defaults isActive, keeps the rest, and sends no request", async () => {
        const inputs = await checked(h.provider, { targetUrl: "https://example.com/h", event: "file.stored" });
        expect(inputs).toEqual({ targetUrl: "https://example.com/h", event: "file.stored", isActive: true });
        expect(h.emulator.requests).toEqual([]);
    });

    it("refuses an unknown event, listing the valid ones", async () => {
        const { failures } = await h.provider.check({}, { targetUrl: TARGET, event: "file.renamed" });
        expect(failures).toEqual([
            {
                property: "event",
                reason: 'must be one of "file.uploaded", "file.stored", "file.deleted", "file.info_updated", "file.infected", got the string "file.renamed"',
            },
        ]);
    });

    it("refuses plain http off this machine, bad URLs, long ones, unknown keys and missing fields", async () => {
        const fail = async (news: Record<string, unknown>) =>
            ((await h.provider.check({}, news)).failures ?? []).map((f) => `${f.property}: ${f.reason}`);
        expect(await fail({ targetUrl: "http://example.com/h", event: "file.uploaded" })).toEqual([
            'targetUrl: "http://example.com/h" is plain http: use https:// (plain http is only for a receiver on this machine, such as localhost or 127.0.0.1, with the emulator)',
        ]);
        expect(await fail({ targetUrl: "http://localhost:8080/h", event: "file.uploaded" })).toEqual([]);
        expect(await fail({ targetUrl: "http://[::1]:8080/h", event: "file.uploaded" })).toEqual([]);
        expect((await fail({ targetUrl: "nope", event: "file.uploaded" }))[0]).toMatch(/is not a URL/);
        expect((await fail({ targetUrl: "ftp://x.org/", event: "file.uploaded" }))[0]).toMatch(/must start with https/);
        expect((await fail({ targetUrl: `https://x.org/${"a".repeat(250)}`, event: "file.uploaded" }))[0]).toMatch(
            /at most 255/,
        );
        expect(await fail({})).toEqual([
            "targetUrl: is required: the https:// URL Uploadcare posts events to",
            expect.stringMatching(/^event: is required: one of "file.uploaded"/),
        ]);
        expect(await fail({ targetUrl: TARGET, event: "file.uploaded", target: "x", isActive: "yes" })).toEqual([
            'target: unknown input "target"; a Webhook takes targetUrl, event, isActive, signingSecret and webhookId',
            'isActive: must be true or false, got the string "yes"',
        ]);
        expect((await fail({ webhookId: "12a" }))[0]).toMatch(/^webhookId: must be an Uploadcare webhook id/);
    });

    it("refuses a signing secret over 32 characters without quoting it", async () => {
        const secret = `${"s".repeat(20)}TOPSECRET-VALUE!`;
        const { failures } = await h.provider.check(
            {},
            { targetUrl: TARGET, event: "file.uploaded", signingSecret: secret },
        );
        expect(failures).toEqual([
            {
                property: "signingSecret",
                reason: "is 36 characters long; Uploadcare takes at most 32: use a shorter secret",
            },
        ]);
        expect(JSON.stringify(failures)).not.toContain("TOPSECRET");
    });

    it("lets unknown (preview) values through, and needs no targetUrl or event when adopting", async () => {
        const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        expect(await checked(h.provider, { targetUrl: unknown, event: unknown, signingSecret: unknown })).toMatchObject(
            {
                targetUrl: unknown,
            },
        );
        expect(await checked(h.provider, { webhookId: 42 })).toEqual({ webhookId: "42", isActive: true });
    });
});

describe("Webhook lifecycle against the emulator", () => {
    let h: WebhookHarness;
    let id: string;
    beforeAll(async () => {
        h = await startWebhookHarness();
    });
    afterAll(() => h.close());
    beforeEach(() => h.reset());

    it("create: GET /webhooks/ then one POST after the key check; outputs carry the id, project and secret", async () => {
        const inputs = await checked(h.provider, { targetUrl: TARGET, event: "file.uploaded", signingSecret: "first" });
        const created = await h.provider.create(inputs);
        id = created.id;
        expect(h.calls()).toEqual(["GET /webhooks/", "POST /webhooks/"]);
        expect(created.outs).toMatchObject({
            webhookId: id,
            targetUrl: TARGET,
            event: "file.uploaded",
            isActive: true,
            version: "0.7",
            project: h.emulator.publicKey,
            signingSecret: "first",
        });
        expect(h.emulator.webhooks()).toMatchObject([{ id: Number(id), signingSecret: "first" }]);
    });

    it("read: GET /webhooks/ filtered by id", async () => {
        const read = await h.provider.read(id, { project: h.emulator.publicKey });
        expect(read).toMatchObject({ id, props: { webhookId: id, isActive: true, signingSecret: "first" } });
        expect(h.calls()).toEqual(["GET /webhooks/"]);
    });

    it("diff: nothing, an update in place for every field, a replace only to adopt another webhook", async () => {
        const olds = (await h.provider.read(id, { project: h.emulator.publicKey })).props as Record<string, unknown>;
        const same = { targetUrl: TARGET, event: "file.uploaded", isActive: true, signingSecret: "first" };
        expect(await h.provider.diff(id, olds, same)).toEqual({ changes: false });
        expect(await h.provider.diff(id, olds, { ...same, signingSecret: undefined })).toEqual({ changes: false });
        for (const change of [
            { isActive: false },
            { signingSecret: "second" },
            { event: "file.stored" },
            { targetUrl: `${TARGET}2` },
        ]) {
            expect(await h.provider.diff(id, olds, { ...same, ...change })).toEqual({ changes: true });
        }
        expect(await h.provider.diff(id, olds, { ...same, webhookId: id })).toEqual({ changes: false });
        expect(await h.provider.diff(id, olds, { ...same, webhookId: "99999" })).toEqual({
            changes: true,
            replaces: ["webhookId"],
            deleteBeforeReplace: false,
        });
    });

    it("update: one PUT with the changed fields only", async () => {
        const olds = (await h.provider.read(id, { project: h.emulator.publicKey })).props as Record<string, unknown>;
        h.reset();
        const news = await checked(h.provider, {
            targetUrl: TARGET,
            event: "file.uploaded",
            isActive: false,
            signingSecret: "second",
        });
        const { outs } = await h.provider.update(id, olds, news);
        expect(h.calls()).toEqual([`PUT /webhooks/${id}/`]);
        expect(outs).toMatchObject({ isActive: false, signingSecret: "second" });
        expect(h.emulator.webhooks()).toMatchObject([{ isActive: false, signingSecret: "second" }]);
        // webhookId naming this very webhook: nothing to send.
        h.reset();
        await h.provider.update(id, outs as Record<string, unknown>, { ...news, webhookId: id });
        expect(h.calls()).toEqual([]);
    });

    it("adopt: webhookId takes over an existing webhook, with a PUT only for what differs", async () => {
        // Each adoption runs in its own provider process (a later stack): one process never lets two resources own it.
        const later = await h.another();
        const adopted = await later.create(await checked(later, { webhookId: id, isActive: false }));
        expect(adopted).toMatchObject({ id, outs: { webhookId: id, isActive: false, targetUrl: TARGET } });
        expect(h.calls()).toEqual(["GET /webhooks/"]);
        // isActive defaults to true, as for a new webhook: adopting an inactive one activates it.
        h.reset();
        const third = await h.another();
        await third.create(await checked(third, { webhookId: id }));
        expect(h.calls()).toEqual(["GET /webhooks/", `PUT /webhooks/${id}/`]);
        expect(h.emulator.webhooks()[0]?.isActive).toBe(true);
    });

    it("delete: DELETE /webhooks/:id/ removes exactly this webhook; a sibling of the same URL survives", async () => {
        const sibling = await h.provider.create(await checked(h.provider, { targetUrl: TARGET, event: "file.stored" }));
        h.reset();
        await h.provider.delete(id, { project: h.emulator.publicKey });
        expect(h.calls()).toEqual([`DELETE /webhooks/${id}/`]);
        expect(h.emulator.webhooks().map((w) => String(w.id))).toEqual([sibling.id]);
    });
});

describe("getProject", () => {
    it("answers GET /project/ as name, public key, autostore and collaborators, shared with the proof", async () => {
        const h = await startWebhookHarness();
        try {
            const lookup = createProjectLookup({ env: {}, config: emulatorConfig(h.emulator) });
            const first = await lookup();
            expect(first).toEqual({
                name: "Demo project",
                publicKey: h.emulator.publicKey,
                autostoreEnabled: true,
                collaborators: [],
            });
            expect(await lookup()).toEqual(first);
            expect(h.emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /project/"]);
        } finally {
            await h.close();
        }
    });
});
