import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
    type ApiResponse,
    createWebhook,
    listWebhooks,
    type UploadcareClient,
    UploadcareValidationError,
} from "../../src/client";
import { checked, startWebhookHarness, type WebhookHarness } from "./webhookHarness";

const TARGET = "http://127.0.0.1:9/hooks/failures";
const SECRET = "sign-me-please";

describe("Webhook error paths", () => {
    let h: WebhookHarness;
    beforeAll(async () => {
        h = await startWebhookHarness();
    });
    afterAll(() => h.close());
    beforeEach(() => {
        h.reset();
        for (const hook of h.emulator.webhooks()) h.emulator.deleteWebhookOutOfBand(hook.id);
    });

    const create = async (news: Record<string, unknown>) => h.provider.create(await checked(h.provider, news));

    it("a duplicate of a sibling Webhook of this run says two resources cannot declare it, never to adopt it", async () => {
        const first = await create({ targetUrl: TARGET, event: "file.uploaded", signingSecret: SECRET });
        h.reset();
        const error = await create({ targetUrl: TARGET, event: "file.uploaded" }).catch((e) => e);
        expect(error.code).toBe("UPLOADCARE_CONFLICT");
        expect(error.message).toBe(
            `Cannot create the webhook file.uploaded → ${TARGET}: another Webhook resource of this stack already subscribes ` +
                `that URL to that event (webhook ${first.id}), and Uploadcare allows one subscription per project, URL and ` +
                "event, so two Webhook resources cannot both declare it. Keep one of the two resources, or change targetUrl " +
                "or event. Nothing was created.",
        );
        expect(error.message).not.toContain("webhookId");
        expect(h.calls()).toEqual(["GET /webhooks/"]);
        await h.provider.delete(String(first.id), {});
    });

    it("a duplicate create names both subscriptions and how to manage the existing one; nothing is created", async () => {
        // Made by another provider process (another stack, or by hand): adopting it is the way to manage it.
        const outside = await h.another();
        const first = await outside.create(
            await checked(outside, { targetUrl: TARGET, event: "file.uploaded", signingSecret: SECRET }),
        );
        h.reset();
        const error = await create({ targetUrl: TARGET, event: "file.uploaded", signingSecret: SECRET }).catch(
            (e) => e,
        );
        expect(error.code).toBe("UPLOADCARE_CONFLICT");
        expect(error.message).toBe(
            `Cannot create the webhook file.uploaded → ${TARGET}: project ${h.emulator.publicKey} already has webhook ${first.id} ` +
                `(file.uploaded → ${TARGET}, active) for the same URL and event, and Uploadcare allows one per project, URL and event. ` +
                `If no other Webhook resource of this stack manages webhook ${first.id}, give this Webhook webhookId: ` +
                `"${first.id}" to manage it (it adopts it); or delete ` +
                `webhook ${first.id} (dashboard, Webhooks page), or change targetUrl or event. Nothing was created.`,
        );
        expect(error.message).not.toContain(SECRET);
        // The list before the POST shows the duplicate: no POST is sent.
        expect(h.calls()).toEqual(["GET /webhooks/"]);
        expect(h.emulator.webhooks()).toHaveLength(1);
    });

    it("an update into a sibling's URL and event is the same conflict, and changes nothing", async () => {
        const a = await create({ targetUrl: TARGET, event: "file.uploaded" });
        await create({ targetUrl: TARGET, event: "file.stored" });
        const news = await checked(h.provider, { targetUrl: TARGET, event: "file.stored" });
        const error = await h.provider.update(a.id, a.outs, news).catch((e) => e);
        expect(error.code).toBe("UPLOADCARE_CONFLICT");
        expect(error.message).toMatch(
            /^Cannot update the webhook file.stored → .*: another Webhook resource of this stack already subscribes that URL to that event \(webhook \d+\).*Nothing was changed\.$/,
        );
        expect(h.emulator.webhooks().find((w) => String(w.id) === a.id)?.event).toBe("file.uploaded");
    });

    it("a lost POST answer: the webhook is found and taken, not created twice", async () => {
        h.emulator.injectFaults([{ method: "POST", path: "/webhooks/", action: "reset-after", times: 1 }]);
        const created = await create({ targetUrl: TARGET, event: "file.deleted", signingSecret: SECRET });
        expect(h.calls()).toEqual(["GET /webhooks/", "POST /webhooks/", "GET /webhooks/"]);
        expect(h.emulator.webhooks().map((w) => String(w.id))).toEqual([created.id]);
        expect(h.logs.join("\n")).toMatch(
            /POST \/webhooks\/ outcome unknown .* looking for the webhook before retrying/,
        );
        expect(h.logs.join("\n")).not.toContain(SECRET);
    });

    it("a lost POST answer with nothing created: sent again once the list shows nothing", async () => {
        h.emulator.injectFaults([{ method: "POST", path: "/webhooks/", action: "status", status: 502, times: 1 }]);
        await create({ targetUrl: TARGET, event: "file.info_updated" });
        expect(h.calls()).toEqual(["GET /webhooks/", "POST /webhooks/", "GET /webhooks/", "POST /webhooks/"]);
        expect(h.emulator.webhooks()).toHaveLength(1);
    });

    it("update of a webhook deleted out of band: proven gone, told to refresh", async () => {
        const a = await create({ targetUrl: TARGET, event: "file.uploaded" });
        h.emulator.deleteWebhookOutOfBand(Number(a.id));
        const news = await checked(h.provider, { targetUrl: TARGET, event: "file.uploaded", isActive: false });
        const error = await h.provider.update(a.id, a.outs, news).catch((e) => e);
        expect(error.code).toBe("UPLOADCARE_GONE");
        expect(error.message).toMatch(/no longer exists in project .* Run `pulumi refresh`/);
    });

    it("refresh of a deleted webhook drops it only when the project is proven", async () => {
        const a = await create({ targetUrl: TARGET, event: "file.uploaded" });
        h.emulator.deleteWebhookOutOfBand(Number(a.id));
        expect(await h.provider.read(a.id, a.outs)).toEqual({ id: "" });
        const foreign = { ...a.outs, project: "someone-elses-key" };
        const error = await h.provider.read(a.id, foreign).catch((e) => e);
        expect(error.code).toBe("UPLOADCARE_PROJECT_UNPROVEN");
        const missing = await h.provider.read(a.id, {}).catch((e) => e);
        expect(missing.message).toMatch(/Webhook.get\("\d+"\): project .* has no webhook \d+/);
    });

    it("adopting a webhook id the project does not have is refused, naming it", async () => {
        const error = await create({ webhookId: "424242" }).catch((e) => e);
        expect(error.code).toBe("UPLOADCARE_NOT_FOUND");
        expect(error.message).toMatch(/Cannot adopt webhook 424242: project demopublickey has no webhook 424242/);
    });

    it("delete: a 404 is success once proven; an unproven 404 keeps the state", async () => {
        const a = await create({ targetUrl: TARGET, event: "file.uploaded" });
        h.emulator.deleteWebhookOutOfBand(Number(a.id));
        await h.provider.delete(a.id, a.outs);
        const error = await h.provider.delete(a.id, { ...a.outs, project: "another-key" }).catch((e) => e);
        expect(error.code).toBe("UPLOADCARE_PROJECT_UNPROVEN");
    });

    it("delete on an API without DELETE /webhooks/:id/ (405): unsubscribes a sole URL, refuses to touch siblings", async () => {
        const sole = await create({ targetUrl: `${TARGET}/sole`, event: "file.uploaded" });
        h.reset();
        h.emulator.injectFaults([
            { method: "DELETE", path: /^\/webhooks\/\d+\/$/, action: "status", status: 405, times: 2 },
        ]);
        await h.provider.delete(sole.id, sole.outs);
        expect(h.calls()).toEqual([`DELETE /webhooks/${sole.id}/`, "GET /webhooks/", "DELETE /webhooks/unsubscribe/"]);
        expect(h.emulator.webhooks()).toEqual([]);
        const a = await create({ targetUrl: TARGET, event: "file.uploaded" });
        const b = await create({ targetUrl: TARGET, event: "file.stored" });
        const error = await h.provider.delete(a.id, a.outs).catch((e) => e);
        expect(error.code).toBe("UPLOADCARE_CONFLICT");
        expect(error.message).toContain(`would also remove webhook(s) ${b.id} (file.stored)`);
        expect(h.emulator.webhooks()).toHaveLength(2);
    });

    it("update and create refuse inputs that are not known (a program bug past check)", async () => {
        const error = await h.provider
            .create({ targetUrl: TARGET, event: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" })
            .catch((e) => e);
        expect(error.code).toBe("UPLOADCARE_INPUT");
        expect(h.calls()).toEqual([]);
    });
});

describe("webhook client: signing secrets never appear in errors", () => {
    const fake = (respond: () => ApiResponse | Promise<ApiResponse>): UploadcareClient =>
        ({
            config: {
                publicKey: "pk",
                secretKey: "sk-secret",
                apiBaseUrl: "https://api.example",
                uploadBaseUrl: "https://u.example",
            },
            retry: { maxErrorRetries: 0, maxThrottleRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
            now: () => new Date(),
            call: async () => respond(),
        }) as unknown as UploadcareClient;

    it("a refusal that quotes the secret is redacted", async () => {
        const client = fake(() => {
            throw new UploadcareValidationError(
                {
                    method: "POST",
                    path: "/webhooks/",
                    origin: "https://api.example",
                    status: 400,
                    detail: `bad secret ${SECRET}`,
                },
                [],
            );
        });
        const error = await createWebhook(client, {
            target_url: TARGET,
            event: "file.uploaded",
            signing_secret: SECRET,
        }).catch((e) => e);
        expect(error.message).toContain("bad secret [REDACTED]");
        expect(error.detail).toBe("bad secret [REDACTED]");
    });

    it("a list body of the wrong shape is described, never quoted", async () => {
        const body = [{ id: "x", signing_secret: SECRET }];
        const client = fake(() => ({
            status: 200,
            headers: { "content-type": "application/json" },
            text: JSON.stringify(body),
            json: body,
        }));
        const error = await listWebhooks(client).catch((e) => e);
        expect(error.code).toBe("UPLOADCARE_BAD_RESPONSE");
        expect(error.message).toMatch(
            /expected a list of webhooks as JSON, got "application\/json" \(\d+ bytes, not shown/,
        );
        expect(error.message).not.toContain(SECRET);
    });
});
