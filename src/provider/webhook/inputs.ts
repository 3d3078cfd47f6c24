/**
 * Validation of Webhook inputs, run in `check` (no network): every refusal names the field and the fix, and never
 * quotes a signing secret. Events and limits are Uploadcare's (https://uploadcare.com/docs/webhooks/#event-types;
 * REST API reference, "Create webhook": `target_url` ≤ 255 characters, `signing_secret` ≤ 32).
 */
import {
    describeValue as describe,
    MAX_SIGNING_SECRET_LENGTH,
    MAX_TARGET_URL_LENGTH,
    requireWebhookId,
    type UploadcareInputError,
    WEBHOOK_EVENTS,
    type WebhookEvent,
} from "../../client";
import { isUnknown, userinfoProblem } from "../runtime/checks";
import { type Checked, checkKnownKeys, parseOrThrow, startCheck } from "../runtime/lifecycle";

export interface WebhookInputs {
    /** Set when adopting: the existing webhook to manage. */
    webhookId?: string;
    /** Required unless adopting (then taken from Uploadcare when absent). */
    targetUrl?: string;
    event?: WebhookEvent;
    isActive: boolean;
    /** Absent: not managed (whatever Uploadcare has stays). */
    signingSecret?: string;
}

const KNOWN = ["webhookId", "targetUrl", "event", "isActive", "signingSecret"];
const given = (value: unknown) => value !== undefined && value !== null;

/** `https://…`, or plain `http://` on a loopback host (a receiver on this machine, for the emulator). */
export function targetUrlProblem(value: unknown): string | undefined {
    if (typeof value !== "string" || value.trim() === "") {
        return `must be the URL Uploadcare posts events to, such as https://example.com/uploadcare, got ${describe(value)}`;
    }
    if (value.length > MAX_TARGET_URL_LENGTH) {
        return `is ${value.length} characters long; Uploadcare takes at most ${MAX_TARGET_URL_LENGTH}`;
    }
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        return `"${value}" is not a URL; give an absolute https:// URL`;
    }
    const credentials = userinfoProblem(url, "authenticate deliveries with signingSecret (Uploadcare signs each one)");
    if (credentials) return credentials;
    if (url.protocol === "https:") return undefined;
    if (url.protocol === "http:" && isLoopbackHostname(url.hostname)) return undefined;
    if (url.protocol === "http:") {
        return `"${value}" is plain http: use https:// (plain http is only for a receiver on this machine, such as localhost or 127.0.0.1, with the emulator)`;
    }
    return `"${value}" must start with https://`;
}

function isLoopbackHostname(hostname: string): boolean {
    const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
    return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function checkTarget(news: Record<string, unknown>, { inputs, failures }: Checked, adopting: boolean): void {
    if (!given(news.targetUrl)) {
        delete inputs.targetUrl;
        if (!adopting)
            failures.push({
                property: "targetUrl",
                reason: "is required: the https:// URL Uploadcare posts events to",
            });
        return;
    }
    if (isUnknown(news.targetUrl)) return;
    const problem = targetUrlProblem(news.targetUrl);
    if (problem) failures.push({ property: "targetUrl", reason: problem });
}

function checkEvent(news: Record<string, unknown>, { inputs, failures }: Checked, adopting: boolean): void {
    const valid = WEBHOOK_EVENTS.map((e) => `"${e}"`).join(", ");
    if (!given(news.event)) {
        delete inputs.event;
        if (!adopting) failures.push({ property: "event", reason: `is required: one of ${valid}` });
        return;
    }
    if (isUnknown(news.event) || (WEBHOOK_EVENTS as readonly unknown[]).includes(news.event)) return;
    failures.push({ property: "event", reason: `must be one of ${valid}, got ${describe(news.event)}` });
}

function checkFlags(news: Record<string, unknown>, { inputs, failures }: Checked): void {
    if (!given(news.isActive)) inputs.isActive = true;
    else if (typeof news.isActive !== "boolean" && !isUnknown(news.isActive)) {
        failures.push({ property: "isActive", reason: `must be true or false, got ${describe(news.isActive)}` });
    }
    const secret = news.signingSecret;
    if (!given(secret) || secret === "") {
        delete inputs.signingSecret;
        return;
    }
    if (isUnknown(secret)) return;
    // The value is never quoted: check failures are printed by the engine.
    if (typeof secret !== "string") {
        failures.push({ property: "signingSecret", reason: `must be a string, got a ${typeof secret}` });
    } else if (secret.length > MAX_SIGNING_SECRET_LENGTH) {
        failures.push({
            property: "signingSecret",
            reason: `is ${secret.length} characters long; Uploadcare takes at most ${MAX_SIGNING_SECRET_LENGTH}: use a shorter secret`,
        });
    }
}

function checkWebhookId(news: Record<string, unknown>, { inputs, failures }: Checked): void {
    if (isUnknown(news.webhookId)) return;
    try {
        inputs.webhookId = requireWebhookId(news.webhookId, "webhookId");
    } catch (error) {
        failures.push(...((error as UploadcareInputError).failures ?? []));
    }
}

/** The canonical inputs (`isActive` defaulted, `webhookId` as text) and every failure, each naming its field. */
export function checkWebhookInputs(news: Record<string, unknown>): Checked {
    const checked = startCheck(news);
    checkKnownKeys(
        checked,
        news,
        KNOWN,
        () => "; a Webhook takes targetUrl, event, isActive, signingSecret and webhookId",
    );
    const adopting = given(news.webhookId);
    if (adopting) checkWebhookId(news, checked);
    else delete checked.inputs.webhookId;
    checkTarget(news, checked, adopting);
    checkEvent(news, checked, adopting);
    checkFlags(news, checked);
    return checked;
}

/** Re-validates stored inputs inside create/update, so a request is never built from bad data. */
export function parseWebhookInputs(props: Record<string, unknown>): Promise<WebhookInputs> {
    return parseOrThrow("Webhook", props, checkWebhookInputs, (inputs) => ({
        ...(typeof inputs.webhookId === "string" ? { webhookId: inputs.webhookId } : {}),
        ...(typeof inputs.targetUrl === "string" ? { targetUrl: inputs.targetUrl } : {}),
        ...(typeof inputs.event === "string" ? { event: inputs.event as WebhookEvent } : {}),
        isActive: inputs.isActive !== false,
        ...(typeof inputs.signingSecret === "string" ? { signingSecret: inputs.signingSecret } : {}),
    }));
}
