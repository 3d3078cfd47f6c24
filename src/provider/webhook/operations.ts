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
import type { Claims } from "../runtime/claims";
import { type ProviderRuntime, recordedProject } from "../runtime/runtime";
import { type CreateContext, createOnce, duplicateError, fieldsOf } from "./create";
import { changedInputs } from "./diff";
import { parseWebhookInputs, type WebhookInputs } from "./inputs";
import { outputsFrom, type WebhookOutputs } from "./outputs";
import { unsubscribeInstead } from "./unsubscribe";

export interface WebhookContext extends CreateContext {
    runtime: ProviderRuntime;
    /** Webhooks this process created or adopted: two resources never own the same one. */
    claimed: Claims;
}

/** A webhook the program names (`webhookId`, `Webhook.get`) that is not there: explained, after the proof. */
async function notFound(ctx: WebhookContext, client: UploadcareClient, id: string, lead: string): Promise<never> {
    const { publicKey, apiBaseUrl } = client.config;
    await ctx.runtime.proof.confirmGone(client, `webhook ${id}`, publicKey);
    throw new UploadcareNotFoundError({
        method: "GET",
        path: "/webhooks/",
        origin: new URL(apiBaseUrl).origin,
        status: 404,
        detail: `${lead}: project ${publicKey} has no webhook ${id}. It was deleted or belongs to another project (check the keys); GET /webhooks/ or the dashboard's Webhooks page lists the project's webhooks.`,
    });
}

/** Takes over an existing webhook, then makes it match the inputs that are given (one PUT, only if they differ). */
async function adopt(ctx: WebhookContext, client: UploadcareClient, id: string, inputs: WebhookInputs) {
    const hook = (await listWebhooks(client)).find((h) => String(h.id) === id);
    if (!hook) return notFound(ctx, client, id, `Cannot adopt webhook ${id}`);
    ctx.claimed.claim(id, `adopt webhook ${id} with webhookId: "${id}"`);
    const project = client.config.publicKey;
    const current = outputsFrom(hook, project);
    const changed = changedInputs(current, inputs as unknown as Record<string, unknown>);
    if (changed.length === 0) return { id, outs: current };
    const updated = await put(ctx, client, id, pick(fieldsOf(inputs), changed), current);
    return { id, outs: outputsFrom(updated, project) };
}

export async function createWebhookResource(ctx: WebhookContext, props: Record<string, unknown>) {
    const inputs = parseWebhookInputs(props);
    if (inputs.webhookId !== undefined) {
        return adopt(ctx, await ctx.runtime.writer("adopting a webhook"), inputs.webhookId, inputs);
    }
    const client = await ctx.runtime.writer("creating a webhook");
    const { targetUrl = "", event = "file.uploaded" } = inputs;
    const created = await createOnce(ctx, client, { ...inputs, targetUrl, event });
    ctx.claimed.claim(String(created.id), `create webhook ${created.id} (${event} → ${targetUrl})`);
    return { id: String(created.id), outs: outputsFrom(created, client.config.publicKey) };
}

export async function readWebhookResource(ctx: WebhookContext, rawId: string, props: Record<string, unknown> = {}) {
    const id = requireWebhookId(rawId);
    const previous = stripProvider(props) as Partial<WebhookOutputs>;
    const client = await ctx.runtime.client("reading a webhook", true);
    const hook = (await listWebhooks(client)).find((h) => String(h.id) === id);
    if (hook) return { id, props: outputsFrom(hook, recordedProject(client, previous)) };
    // Webhook.get sends no stored outputs: a missing webhook is an error there, not an empty resource.
    if (Object.keys(previous).length === 0) return notFound(ctx, client, id, `Webhook.get("${id}")`);
    // On refresh, an empty id drops the webhook from state: only once the project is proven.
    await ctx.runtime.proof.confirmGone(client, `webhook ${id}`, recordedProject(client, previous));
    return { id: "" };
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
    try {
        return await updateWebhook(client, id, fields);
    } catch (error) {
        if (isDuplicateSubscription(error)) {
            const wanted = {
                targetUrl: fields.target_url ?? before.targetUrl ?? "",
                event: fields.event ?? before.event ?? "",
            };
            throw await duplicateError(client, wanted, "update");
        }
        if (!(error instanceof UploadcareNotFoundError)) throw error;
        throw await ctx.runtime.proof.goneError(client, `webhook ${id}`, recordedProject(client, before));
    }
}

export async function updateWebhookResource(
    ctx: WebhookContext,
    rawId: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
) {
    const id = requireWebhookId(rawId);
    const inputs = parseWebhookInputs(news);
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
    const result = await deleteWebhook(client, id);
    ctx.claimed.release(id);
    if (result === "unsupported") return unsubscribeInstead(ctx, client, id, recordedProject(client, previous));
    // A 404 is "already deleted" only once the project is proven.
    if (result === "not-found")
        await ctx.runtime.proof.confirmGone(client, `webhook ${id}`, recordedProject(client, previous));
}
