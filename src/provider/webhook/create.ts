/**
 * `POST /webhooks/` is not idempotent, and Uploadcare allows one subscription per project, URL and event
 * (https://uploadcare.com/api-refs/rest-api/v0.7.0/#tag/Webhook). So a create first lists the project's webhooks
 * (`GET /webhooks/`, not paginated): a subscription already there is a duplicate, explained before anything is
 * sent. After a lost answer the provider lists again, and takes over only a webhook this create provably made: one
 * that was not in the first list and was created no earlier than that list's `Date`. Anything else is reported,
 * never adopted, so `destroy` can never delete a webhook the stack did not make.
 */
import {
    createWebhook,
    isDuplicateSubscription,
    listWebhooks,
    listWebhooksDated,
    type RestWebhook,
    type UploadcareClient,
    UploadcareConflictError,
    type UploadcareOutcomeUnknownError,
    type WebhookFields,
} from "../../client";
import type { Claims } from "../runtime/claims";
import { createOnce, type CreateContext as LifecycleContext, notProvenError } from "../runtime/lifecycle";
import type { WebhookInputs } from "./inputs";

export interface CreateContext extends LifecycleContext {
    /** Webhooks this process created or adopted: two resources never own the same one. */
    claimed: Claims;
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

/**
 * The clear error for a duplicate: the subscription asked for, the one already there, and what to do. When another
 * resource of this run owns that webhook (`siblings`), adopting it would give it two owners: say so instead.
 */
export async function duplicateError(
    client: UploadcareClient,
    wanted: { targetUrl: string; event: string },
    verb: string,
    listed?: RestWebhook[],
    siblings?: Claims,
): Promise<UploadcareConflictError> {
    const hooks = listed ?? (await listWebhooks(client).catch(() => []));
    const existing = hooks.find((h) => h.target_url === wanted.targetUrl && h.event === wanted.event);
    if (existing && siblings?.has(String(existing.id))) return siblingError(wanted, existing, verb);
    const project = client.config.publicKey;
    const which = existing
        ? `webhook ${existing.id} (${describeHook(existing)}, ${existing.is_active ? "active" : "inactive"})`
        : "another webhook";
    const manage = existing
        ? `If no other Webhook resource of this stack manages webhook ${existing.id}, give this Webhook webhookId: "${existing.id}" to manage it (it adopts it); or delete webhook ${existing.id} (dashboard, Webhooks page)`
        : "Find it with GET /webhooks/ or on the dashboard's Webhooks page, then adopt it with webhookId, or delete it";
    return new UploadcareConflictError(
        `Cannot ${verb} the webhook ${describeHook({ event: wanted.event, target_url: wanted.targetUrl })}: project ${project} ` +
            `already has ${which} for the same URL and event, and Uploadcare allows one per project, URL and event. ` +
            `${manage}, or change targetUrl or event. Nothing was ${verb === "create" ? "created" : "changed"}.`,
    );
}

function siblingError(
    wanted: { targetUrl: string; event: string },
    existing: RestWebhook,
    verb: string,
): UploadcareConflictError {
    return new UploadcareConflictError(
        `Cannot ${verb} the webhook ${describeHook({ event: wanted.event, target_url: wanted.targetUrl })}: another ` +
            `Webhook resource of this stack already subscribes that URL to that event (webhook ${existing.id}), and ` +
            "Uploadcare allows one subscription per project, URL and event, so two Webhook resources cannot both " +
            `declare it. Keep one of the two resources, or change targetUrl or event. Nothing was ${verb === "create" ? "created" : "changed"}.`,
    );
}

const sameSubscription = (hook: RestWebhook, fields: WebhookFields) =>
    hook.target_url === fields.target_url && hook.event === fields.event;

/** The project's webhooks just before the POST: their ids, and the server's clock then. */
interface BeforePost {
    ids: ReadonlySet<number>;
    date?: Date;
}

/** The error when a webhook for this URL and event appeared, but nothing proves this create made it. */
function unprovenError(hook: RestWebhook, why: string, cause: unknown): UploadcareOutcomeUnknownError {
    const id = String(hook.id);
    const what = { request: "POST /webhooks/", kind: "Webhook", idInput: "webhookId", id, why };
    return notProvenError(
        {
            ...what,
            wanted: `the webhook ${describeHook(hook)}`,
            matches: "now has that URL and event",
            otherwise: `delete webhook ${id} (dashboard, Webhooks page) or change targetUrl or event`,
        },
        cause,
    );
}

/**
 * After an ambiguous POST: the webhook it created, `undefined` if there is none (sending again is safe), or an
 * error when a webhook for this URL and event is there but is not provably this create's.
 */
async function findCreated(
    client: UploadcareClient,
    inputs: { targetUrl: string; event: string },
    fields: WebhookFields,
    before: BeforePost,
    cause: unknown,
): Promise<RestWebhook | undefined> {
    const hooks = await listWebhooks(client);
    const match = hooks.find((h) => sameSubscription(h, fields));
    if (!match) return undefined;
    // Listed before the POST (its URL or event changed since): someone else's, and the POST cannot have made one.
    if (before.ids.has(match.id)) throw await duplicateError(client, inputs, "create", hooks);
    const created = Date.parse(match.created ?? "");
    if (before.date && !(created >= before.date.getTime())) {
        const why = Number.isNaN(created)
            ? "Uploadcare gives no creation time to compare with the list taken before the POST"
            : `it was created at ${match.created}, before this create listed the project's webhooks`;
        throw unprovenError(match, why, cause);
    }
    // Other settings than the POST sent: someone else's, made since; the POST cannot have made a second one.
    const sameSecret = (match.signing_secret ?? undefined) === fields.signing_secret;
    if (match.is_active !== fields.is_active || !sameSecret)
        throw await duplicateError(client, inputs, "create", hooks);
    return match;
}

/** A new webhook, or the one an earlier, ambiguous attempt of this create provably made. */
export async function createWebhookOnce(
    ctx: CreateContext,
    client: UploadcareClient,
    inputs: WebhookInputs & { targetUrl: string; event: string },
): Promise<RestWebhook> {
    const fields = fieldsOf(inputs);
    const describe = (hook: RestWebhook) => ({
        id: String(hook.id),
        action: `create webhook ${hook.id} (${inputs.event} → ${inputs.targetUrl})`,
    });
    const result = await createOnce(ctx, client.retry.maxErrorRetries, {
        request: "POST /webhooks/",
        noun: "webhook",
        snapshot: async () => {
            const listed = await listWebhooksDated(client);
            if (listed.hooks.some((h) => sameSubscription(h, fields))) {
                throw await duplicateError(client, inputs, "create", listed.hooks, ctx.claimed);
            }
            return { ids: new Set(listed.hooks.map((h) => h.id)), ...(listed.date ? { date: listed.date } : {}) };
        },
        send: () => createWebhook(client, fields),
        find: (before: BeforePost, cause) => findCreated(client, inputs, fields, before, cause),
        explain: async (error) =>
            isDuplicateSubscription(error)
                ? await duplicateError(client, inputs, "create", undefined, ctx.claimed)
                : undefined,
        unlisted: (error) => error,
        claims: ctx.claimed,
        describe,
    });
    if ("made" in result) return result.made;
    // Provably this create's: adopted under the same claim as a webhook it made.
    const { id, action } = describe(result.found);
    ctx.claimed.claim(id, action);
    return result.found;
}
