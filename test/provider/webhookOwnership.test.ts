/**
 * A Webhook create takes over only a webhook it provably made: never one made outside the stack, whatever the
 * fault on `POST /webhooks/`, and never one another resource of the same run owns.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FaultRule } from "../../src/emulator";
import { failure } from "../support/failure";
import { checked, startWebhookHarness, type WebhookHarness } from "./webhookHarness";

const TARGET = "http://127.0.0.1:9/hooks/ownership";
const SECRET = "same-secret";
const FAULTS: [string, Omit<FaultRule, "method" | "path">][] = [
    ["a 503", { action: "status", status: 503 }],
    ["a reset before the request", { action: "reset-before" }],
    ["a reset after the commit", { action: "reset-after" }],
];

describe("Webhook create: ownership before adoption", () => {
    let h: WebhookHarness;
    beforeAll(async () => {
        h = await startWebhookHarness();
    });
    afterAll(() => h.close());
    beforeEach(() => {
        h.reset();
        for (const hook of h.emulator.webhooks()) h.emulator.deleteWebhookOutOfBand(hook.id);
    });

    /** A webhook made outside this stack (another provider process), with exactly the settings asked for. */
    async function outsideWebhook(news: Record<string, unknown>) {
        const outside = await h.another();
        const made = await outside.create(await checked(outside, news));
        h.reset();
        return made;
    }

    it.each(FAULTS)(
        "%s on POST /webhooks/: a webhook made outside the stack is not adopted, and stays",
        async (_name, fault) => {
            const news = { targetUrl: TARGET, event: "file.uploaded", signingSecret: SECRET };
            const theirs = await outsideWebhook(news);
            h.emulator.injectFaults([{ method: "POST", path: "/webhooks/", times: 1, ...fault }]);
            const error = await failure(h.provider.create(await checked(h.provider, news)));
            expect(error.code).toBe("UPLOADCARE_CONFLICT");
            expect(error.message).toContain(`already has webhook ${theirs.id}`);
            expect(error.message).toContain(`webhookId: "${theirs.id}"`);
            expect(error.message).not.toContain(SECRET);
            // The list before the POST shows it: nothing is sent, so the fault never fires.
            expect(h.calls()).toEqual(["GET /webhooks/"]);
            expect(h.emulator.webhooks().map((w) => String(w.id))).toEqual([theirs.id]);
        },
    );

    it("two Webhooks of one run with the same webhookId: the second is refused, naming both", async () => {
        const theirs = await outsideWebhook({ targetUrl: TARGET, event: "file.stored" });
        const news = await checked(h.provider, { webhookId: theirs.id });
        await h.provider.create(news);
        const error = await failure(h.provider.create(news));
        expect(error.code).toBe("UPLOADCARE_CONFLICT");
        expect(error.message).toBe(
            `Cannot adopt webhook ${theirs.id} with webhookId: "${theirs.id}": another Webhook resource of this stack ` +
                `already adopted webhook ${theirs.id} with webhookId: "${theirs.id}". Two resources must never own the ` +
                "same Uploadcare object (destroying either would delete it under the other): keep one of them, or " +
                "give them different webhookId values. Nothing was changed.",
        );
        expect(h.calls()).toEqual(["GET /webhooks/", "GET /webhooks/"]);
    });

    it("a webhook this run created cannot be adopted by another Webhook; once deleted, its id is free again", async () => {
        const ours = await h.provider.create(await checked(h.provider, { targetUrl: TARGET, event: "file.deleted" }));
        const error = await failure(h.provider.create(await checked(h.provider, { webhookId: ours.id })));
        expect(error.message).toMatch(
            new RegExp(`another Webhook resource of this stack already created webhook ${ours.id} \\(file.deleted → `),
        );
        await h.provider.delete(ours.id, ours.outs);
        expect(h.emulator.webhooks()).toEqual([]);
    });
});

describe("Webhook create: a webhook that appears during a lost POST", () => {
    let h: WebhookHarness;
    let during: (() => Promise<void>) | undefined;
    beforeAll(async () => {
        h = await startWebhookHarness({
            onSleep: async () => {
                const run = during;
                during = undefined;
                await run?.();
            },
        });
    });
    afterAll(() => h.close());
    beforeEach(() => {
        h.reset();
        for (const hook of h.emulator.webhooks()) h.emulator.deleteWebhookOutOfBand(hook.id);
    });

    it("one listed before the POST and moved to this URL and event meanwhile is someone else's: not adopted", async () => {
        const outside = await h.another();
        const theirs = await outside.create(
            await checked(outside, { targetUrl: `${TARGET}/old`, event: "file.uploaded" }),
        );
        const news = await checked(h.provider, { targetUrl: TARGET, event: "file.uploaded" });
        // Between the failed POST and the lookup, someone points their webhook at this URL and event.
        during = async () => {
            await outside.update(theirs.id, theirs.outs as Record<string, unknown>, await checked(outside, news));
        };
        h.reset();
        h.emulator.injectFaults([{ method: "POST", path: "/webhooks/", action: "reset-before", times: 1 }]);
        const error = await failure(h.provider.create(news));
        expect(error.code).toBe("UPLOADCARE_CONFLICT");
        expect(error.message).toContain(`webhookId: "${theirs.id}"`);
        const moved = `PUT /webhooks/${theirs.id}/`;
        expect(h.calls()).toEqual(["GET /webhooks/", "POST /webhooks/", moved, "GET /webhooks/"]);
        expect(h.emulator.webhooks().map((w) => String(w.id))).toEqual([theirs.id]);
    });
});

describe("Webhook create: a candidate the server dates before the list before the POST", () => {
    // The emulator's records (and the provider's signed Date) run an hour behind the HTTP Date header, so a
    // webhook the POST made looks older than the list before it: nothing proves it is this create's.
    const behind = () => new Date(Date.now() - 3_600_000);
    let h: WebhookHarness;
    beforeAll(async () => {
        h = await startWebhookHarness({ emulator: { now: behind }, now: behind });
    });
    afterAll(() => h.close());

    it("is not adopted: UPLOADCARE_OUTCOME_UNKNOWN names it and how to adopt or delete it", async () => {
        h.emulator.injectFaults([{ method: "POST", path: "/webhooks/", action: "reset-after", times: 1 }]);
        const news = await checked(h.provider, { targetUrl: TARGET, event: "file.uploaded", signingSecret: SECRET });
        const error = await failure(h.provider.create(news));
        const [candidate] = h.emulator.webhooks();
        expect(error.code).toBe("UPLOADCARE_OUTCOME_UNKNOWN");
        expect(error.message).toMatch(
            new RegExp(
                `^POST /webhooks/ may or may not have created the webhook file.uploaded → ${TARGET} \\(.*\\)\\. ` +
                    `Webhook ${candidate?.id} now has that URL and event, but it was created at ${candidate?.created}, ` +
                    "before this create listed the project's webhooks, so it is not taken over",
            ),
        );
        expect(error.message).toContain(`give this Webhook webhookId: "${candidate?.id}" (it adopts it)`);
        expect(error.message).toContain(`delete webhook ${candidate?.id}`);
        expect(error.message).not.toContain(SECRET);
        expect(h.emulator.webhooks()).toHaveLength(1);
    });
});
