/**
 * `POST /webhooks/` is not idempotent, and Uploadcare allows one subscription per project, URL and event. A
 * duplicate is explained (which webhook is already there, and how to manage it); after a lost answer the provider
 * looks for the webhook before sending again, so nothing is created twice and nothing is half-created.
 */
import {
    createWebhook,
    isDuplicateSubscription,
    listWebhooks,
    type RestWebhook,
    UploadcareApiError,
    type UploadcareClient,
    UploadcareConflictError,
    UploadcareNetworkError,
    type WebhookFields,
} from "../../client";
import type { WebhookInputs } from "./inputs";

export interface CreateContext {
    sleep(ms: number): Promise<void>;
    log(line: string): void;
}

/** The body of `POST /webhooks/` (and of a reconciling `PUT`) for these inputs. */
export function fieldsOf(inputs: WebhookInputs): WebhookFields {
    return {
        ...(inputs.targetUrl !== undefined ? { target_url: inputs.targetUrl } : {}),
        ...(inputs.event !== undefined ? { event: inputs.event } : {}),
        is_active: inputs.isActive,
        ...(inputs.signingSecret !== undefined ? { signing_secret: inputs.signingSecret } : {}),
    };
}

function describeHook(hook: Pick<RestWebhook, "event" | "target_url">): string {
    return `${hook.event} → ${hook.target_url}`;
}

/** The clear error for a duplicate: the subscription asked for, the one already there, and what to do. */
export async function duplicateError(
    client: UploadcareClient,
    wanted: { targetUrl: string; event: string },
    verb: string,
): Promise<UploadcareConflictError> {
    const hooks = await listWebhooks(client).catch(() => []);
    const existing = hooks.find((h) => h.target_url === wanted.targetUrl && h.event === wanted.event);
    const project = client.config.publicKey;
    const which = existing
        ? `webhook ${existing.id} (${describeHook(existing)}, ${existing.is_active ? "active" : "inactive"})`
        : "another webhook";
    const manage = existing
        ? `To manage webhook ${existing.id} from this stack, give this Webhook webhookId: "${existing.id}" (it adopts it); or delete webhook ${existing.id} (dashboard, Webhooks page)`
        : "Find it with GET /webhooks/ or on the dashboard's Webhooks page, then adopt it with webhookId, or delete it";
    return new UploadcareConflictError(
        `Cannot ${verb} the webhook ${describeHook({ event: wanted.event, target_url: wanted.targetUrl })}: project ${project} ` +
            `already has ${which} for the same URL and event, and Uploadcare allows one per project, URL and event. ` +
            `${manage}, or change targetUrl or event. Nothing was ${verb === "create" ? "created" : "changed"}.`,
    );
}

function isAmbiguous(error: unknown): boolean {
    return (
        (error instanceof UploadcareNetworkError && error.ambiguous) ||
        (error instanceof UploadcareApiError && error.status >= 500)
    );
}

/** The webhook a lost POST created: same URL and event, and the settings that POST sent. */
async function findCreated(
    client: UploadcareClient,
    fields: WebhookFields,
): Promise<RestWebhook | "other" | undefined> {
    const hooks = await listWebhooks(client);
    const match = hooks.find((h) => h.target_url === fields.target_url && h.event === fields.event);
    if (!match) return undefined;
    const sameSecret = (match.signing_secret ?? undefined) === fields.signing_secret;
    return match.is_active === fields.is_active && sameSecret ? match : "other";
}

/** A new webhook, or the one an earlier, ambiguous attempt created. */
export async function createOnce(
    ctx: CreateContext,
    client: UploadcareClient,
    inputs: WebhookInputs & { targetUrl: string; event: string },
): Promise<RestWebhook> {
    const fields = fieldsOf(inputs);
    for (let attempt = 0; ; attempt++) {
        try {
            return await createWebhook(client, fields);
        } catch (error) {
            if (isDuplicateSubscription(error)) throw await duplicateError(client, inputs, "create");
            if (!isAmbiguous(error) || attempt >= client.retry.maxErrorRetries) throw error;
            ctx.log(
                `POST /webhooks/ outcome unknown (${(error as Error).message}); looking for the webhook before retrying`,
            );
            await ctx.sleep(250 * (attempt + 1));
            const found = await findCreated(client, fields);
            if (found === "other") throw await duplicateError(client, inputs, "create");
            if (found) return found;
        }
    }
}
