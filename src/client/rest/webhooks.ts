/**
 * REST API v0.7 webhooks (https://uploadcare.com/api-refs/rest-api/v0.7.0/#tag/Webhook): one function per
 * endpoint. Webhook bodies carry signing secrets in clear, so nothing here ever quotes a body in an error, and
 * every error message is redacted of the signing secrets the caller names.
 */
import type { ApiCall, ApiResponse, UploadcareClient } from "../core/call";
import {
    redact,
    UploadcareApiError,
    UploadcareError,
    UploadcareInputError,
    UploadcareValidationError,
} from "../core/errors";
import { describeValue } from "../core/ids";
import { badResponse, isRecord, type Shape } from "../core/validate";
import { restCall } from "./request";

/** The events of https://uploadcare.com/docs/webhooks/#event-types (`file.infected` is deprecated there). */
export const WEBHOOK_EVENTS = [
    "file.uploaded",
    "file.stored",
    "file.deleted",
    "file.info_updated",
    "file.infected",
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** `target_url` is "format: uri, ≤ 255 characters"; `signing_secret` "≤ 32 characters" (REST API spec). */
export const MAX_TARGET_URL_LENGTH = 255;
export const MAX_SIGNING_SECRET_LENGTH = 32;

/** A webhook as `GET /webhooks/`, `POST /webhooks/` and `PUT /webhooks/:id/` answer it (snake_case, as sent). */
export interface RestWebhook {
    id: number;
    /** Uploadcare's numeric project id (not the public key). */
    project?: number;
    created?: string;
    updated?: string;
    event: string;
    target_url: string;
    is_active: boolean;
    /** Returned in clear; `null` when none is set. */
    signing_secret?: string | null;
    /** `"0.7"`; lists may show `""`, `"0.5"` or `"0.6"` for old subscriptions. */
    version?: string;
}

/** What `POST /webhooks/` and `PUT /webhooks/:id/` take. */
export interface WebhookFields {
    target_url?: string;
    event?: string;
    is_active?: boolean;
    signing_secret?: string;
}

const isRestWebhook = (value: unknown): value is RestWebhook =>
    isRecord(value) &&
    Number.isInteger(value.id) &&
    typeof value.target_url === "string" &&
    typeof value.event === "string" &&
    typeof value.is_active === "boolean";

const isWebhookList = (value: unknown): value is RestWebhook[] => Array.isArray(value) && value.every(isRestWebhook);

/** A webhook id as a request path segment: a positive integer, nothing else. */
export function requireWebhookId(value: unknown, field = "webhook id"): string {
    const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
    if (/^[1-9][0-9]{0,15}$/.test(text)) return text;
    const reason = `must be an Uploadcare webhook id (a positive whole number, as GET /webhooks/ lists it), got ${describeValue(value)}`;
    throw new UploadcareInputError(`${field} ${reason}`, [{ property: field, reason }]);
}

/** Uploadcare's answer to a second subscription of the same project, URL and event. */
export function isDuplicateSubscription(error: unknown): boolean {
    return error instanceof UploadcareValidationError && /already subscribed/i.test(error.detail ?? "");
}

/**
 * The body as `what`, or an error that names the content type and size only: a webhook body is never quoted,
 * because it may hold signing secrets.
 */
function webhookBody<T>(client: UploadcareClient, call: ApiCall, res: ApiResponse, what: string, shape: Shape<T>): T {
    const raw = res.headers["content-type"];
    const type = (Array.isArray(raw) ? raw[0] : raw) ?? "";
    if (/json/i.test(type) && shape(res.json)) return res.json;
    const kind = type ? `"${type.split(";")[0]}"` : "no content type";
    const reason = `expected ${what} as JSON, got ${kind} (${res.text.length} bytes, not shown: webhook bodies hold signing secrets)`;
    throw badResponse(client, call, res.status, reason);
}

/** Runs a call; any error it throws has the given secrets (signing secrets sent or received) replaced. */
async function redacting<T>(secrets: readonly (string | undefined)[], run: () => Promise<T>): Promise<T> {
    try {
        return await run();
    } catch (error) {
        const known = secrets.filter((s): s is string => typeof s === "string" && s.length > 0);
        if (UploadcareError.isUploadcareError(error) && known.length > 0) {
            error.message = redactAll(error.message, known);
            if (error instanceof UploadcareApiError && error.detail !== undefined) {
                (error as { detail: string | undefined }).detail = redactAll(error.detail, known);
            }
        }
        throw error;
    }
}

/** Like `redact`, but for secrets of any length (a signing secret may be a single character). */
function redactAll(text: string, secrets: readonly string[]): string {
    let out = redact(text, secrets);
    for (const secret of secrets) out = out.split(secret).join("[REDACTED]");
    return out;
}

/** `GET /webhooks/`: every webhook of the project, as a plain array (not paginated). */
export async function listWebhooks(client: UploadcareClient): Promise<RestWebhook[]> {
    return (await listWebhooksDated(client)).hooks;
}

/**
 * `GET /webhooks/` with the server's clock: the response's `Date` header (RFC 9110 §6.6.1, whole seconds, so at
 * or before the moment the list was made). `date` is undefined when the header is missing or not a date.
 */
export async function listWebhooksDated(client: UploadcareClient): Promise<{ hooks: RestWebhook[]; date?: Date }> {
    const call = restCall("GET", "/webhooks/", [200]);
    const res = await client.call(call);
    const hooks = webhookBody(client, call, res, "a list of webhooks", isWebhookList);
    const raw = res.headers.date;
    const date = new Date((Array.isArray(raw) ? raw[0] : raw) ?? Number.NaN);
    return Number.isNaN(date.getTime()) ? { hooks } : { hooks, date };
}

/**
 * `POST /webhooks/` → 201. Sent as JSON, as the official JS client does (the spec shows a form; both are
 * accepted). Not idempotent: a lost answer may have created the webhook. A duplicate (same project, URL and
 * event) is a 400 that `isDuplicateSubscription` recognises.
 */
export async function createWebhook(client: UploadcareClient, fields: WebhookFields): Promise<RestWebhook> {
    return redacting([fields.signing_secret], async () => {
        const call = restCall("POST", "/webhooks/", [201], fields, false);
        return webhookBody(client, call, await client.call(call), "the created webhook", isRestWebhook);
    });
}

/** `PUT /webhooks/:id/` → 200 with the webhook; a 404 throws `UploadcareNotFoundError`. Same body, same result. */
export async function updateWebhook(client: UploadcareClient, id: string, fields: WebhookFields): Promise<RestWebhook> {
    return redacting([fields.signing_secret], async () => {
        const call = restCall("PUT", `/webhooks/${requireWebhookId(id)}/`, [200], fields);
        return webhookBody(client, call, await client.call(call), "the updated webhook", isRestWebhook);
    });
}

/**
 * `DELETE /webhooks/:id/` → 204: deletes exactly one subscription. Not in the REST API reference, but what the
 * official Python and Go clients send (pyuploadcare `WebhooksAPI.delete`, uploadcare-go `webhook.Delete`), and the
 * recorded `Allow` header of `/webhooks/:id/` lists DELETE. "not-found" (404) is for the caller to prove;
 * "unsupported" (405) means this API does not offer it.
 */
export async function deleteWebhook(
    client: UploadcareClient,
    id: string,
): Promise<"deleted" | "not-found" | "unsupported"> {
    const path = `/webhooks/${requireWebhookId(id)}/`;
    const res = await client.call(restCall("DELETE", path, [204, 404, 405]));
    return res.status === 404 ? "not-found" : res.status === 405 ? "unsupported" : "deleted";
}

/**
 * The documented `DELETE /webhooks/unsubscribe/` with `{"target_url": …}` → 204. It names a URL, not a
 * subscription: every event that URL is subscribed to may go (the docs do not say), so callers use it only when
 * the URL has a single subscription.
 */
export async function unsubscribeWebhook(
    client: UploadcareClient,
    targetUrl: string,
): Promise<"deleted" | "not-found"> {
    const call = restCall("DELETE", "/webhooks/unsubscribe/", [204, 404], { target_url: targetUrl });
    return (await client.call(call)).status === 404 ? "not-found" : "deleted";
}
