/**
 * The Webhook lifecycle, one function per operation; provider.ts wires them to Pulumi's method names. Requests:
 * create = POST /webhooks/ (after the once-per-process GET /project/ key check), read = GET /webhooks/ filtered by
 * id, update = PUT /webhooks/:id/ with the changed fields only, delete = DELETE /webhooks/:id/.
 */
import {
    deleteWebhook,
    isDuplicateSubscription,
    listWebhooks,
    requireWebhookId,
    type UploadcareClient,
    UploadcareNotFoundError,
    updateWebhook,
    type WebhookFields,
} from "../../client";
import { stripProvider } from "../runtime/checks";
import { tracked } from "../runtime/lifecycle";
import { type ProviderRuntime, recordedProject } from "../runtime/runtime";
import { type CreateContext, createWebhookOnce, duplicateError, fieldsOf } from "./create";
import { changedInputs } from "./diff";
import { parseWebhookInputs, type WebhookInputs } from "./inputs";
import { outputsFrom, type WebhookOutputs } from "./outputs";
import { unsubscribeInstead } from "./unsubscribe";

export interface WebhookContext extends CreateContext {
    runtime: ProviderRuntime;
}

const listed = (client: UploadcareClient, id: string) => async () =>
    (await listWebhooks(client)).find((h) => String(h.id) === id);

/** A webhook the program names (`webhookId`, `Webhook.get`) that must be there: explained when proven missing. */
function named(ctx: WebhookContext, client: UploadcareClient, id: string, lead: string) {
    const { publicKey, apiBaseUrl } = client.config;
    const missing = () =>
        new UploadcareNotFoundError({
            method: "GET",
            path: "/webhooks/",
            origin: new URL(apiBaseUrl).origin,
            status: 404,
            detail: `${lead}: project ${publicKey} has no webhook ${id}. It was deleted or belongs to another project (check the keys); GET /webhooks/ or the dashboard's Webhooks page lists the project's webhooks.`,
        });
    return tracked(ctx.runtime, client, `webhook ${id}`).require(listed(client, id), missing);
}

/** Takes over an existing webhook, then makes it match the inputs that are given (one PUT, only if they differ). */
async function adopt(ctx: WebhookContext, client: UploadcareClient, id: string, inputs: WebhookInputs) {
    const hook = await named(ctx, client, id, `Cannot adopt webhook ${id}`);
    ctx.claimed.claim(id, `adopt webhook ${id} with webhookId: "${id}"`);
    const project = client.config.publicKey;
    const current = outputsFrom(hook, project);
    const changed = changedInputs(current, inputs as unknown as Record<string, unknown>);
    if (changed.length === 0) return { id, outs: current };
    const updated = await put(ctx, client, id, pick(fieldsOf(inputs), changed), current);
    return { id, outs: outputsFrom(updated, project) };
}

export async function createWebhookResource(ctx: WebhookContext, props: Record<string, unknown>) {
    const inputs = await parseWebhookInputs(props);
    if (inputs.webhookId !== undefined) {
        return adopt(ctx, await ctx.runtime.writer("adopting a webhook"), inputs.webhookId, inputs);
    }
    const client = await ctx.runtime.writer("creating a webhook");
    const { targetUrl = "", event = "file.uploaded" } = inputs;
    const created = await createWebhookOnce(ctx, client, { ...inputs, targetUrl, event });
    return { id: String(created.id), outs: outputsFrom(created, client.config.publicKey) };
}

export async function readWebhookResource(ctx: WebhookContext, rawId: string, props: Record<string, unknown> = {}) {
    const id = requireWebhookId(rawId);
    const previous = stripProvider(props) as Partial<WebhookOutputs>;
    const client = await ctx.runtime.client("reading a webhook", true);
    // Webhook.get sends no stored outputs: a missing webhook is an error there, not an empty resource. On refresh,
    // an empty id drops the webhook from state: only once the project is proven.
    const hook =
        Object.keys(previous).length === 0
            ? await named(ctx, client, id, `Webhook.get("${id}")`)
            : await tracked(ctx.runtime, client, `webhook ${id}`, previous).read(listed(client, id));
    return hook ? { id, props: outputsFrom(hook, recordedProject(client, previous)) } : { id: "" };
}

const FIELD_OF: Record<string, keyof WebhookFields> = {
    targetUrl: "target_url",
    event: "event",
    isActive: "is_active",
    signingSecret: "signing_secret",
};

function pick(fields: WebhookFields, keys: readonly string[]): WebhookFields {
    const wanted = new Set(keys.map((k) => FIELD_OF[k]));
    return Object.fromEntries(Object.entries(fields).filter(([k]) => wanted.has(k as keyof WebhookFields)));
}

/** `PUT /webhooks/:id/`; a proven 404 says to refresh, a duplicate names the webhook in the way. */
async function put(
    ctx: WebhookContext,
    client: UploadcareClient,
    id: string,
    fields: WebhookFields,
    before: Partial<WebhookOutputs>,
) {
    return tracked(ctx.runtime, client, `webhook ${id}`, before).update(async () => {
        try {
            return await updateWebhook(client, id, fields);
        } catch (error) {
            if (!isDuplicateSubscription(error)) throw error;
            const wanted = {
                targetUrl: fields.target_url ?? before.targetUrl ?? "",
                event: fields.event ?? before.event ?? "",
            };
            throw await duplicateError(client, wanted, "update", undefined, ctx.claimed);
        }
    });
}

export async function updateWebhookResource(
    ctx: WebhookContext,
    rawId: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
) {
    const id = requireWebhookId(rawId);
    const inputs = await parseWebhookInputs(news);
    const before = stripProvider(olds) as Partial<WebhookOutputs>;
    const changed = changedInputs(before, inputs as unknown as Record<string, unknown>);
    // Only `webhookId` changed to name this very webhook: nothing to send.
    if (changed.length === 0) return { outs: before };
    const client = await ctx.runtime.writer("updating a webhook");
    const updated = await put(ctx, client, id, pick(fieldsOf(inputs), changed), before);
    return { outs: outputsFrom(updated, recordedProject(client, before)) };
}

/** Deletes exactly this webhook: a sibling subscription of the same URL to another event stays. */
export async function deleteWebhookResource(ctx: WebhookContext, rawId: string, props: Record<string, unknown> = {}) {
    const id = requireWebhookId(rawId);
    const previous = stripProvider(props) as Partial<WebhookOutputs>;
    const client = await ctx.runtime.client("deleting a webhook", true);
    const target = tracked(ctx.runtime, client, `webhook ${id}`, previous);
    // A 404 is "already deleted" only once the project is proven.
    const result = await target.delete(() => deleteWebhook(client, id).finally(() => ctx.claimed.release(id)));
    if (result === "unsupported") await unsubscribeInstead(ctx, client, id, target);
}
