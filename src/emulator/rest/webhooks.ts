/**
 * REST `/webhooks/` (https://uploadcare.com/api-refs/rest-api/v0.7.0/#tag/Webhook): list, create, update, delete by
 * id and the documented unsubscribe by URL. Bodies are JSON or form-urlencoded (both are accepted by Uploadcare).
 * Error bodies follow the documented details (`target_url` is missing.) and, for the rest, Django REST framework's
 * field-keyed form, as the recorded duplicate answer shows (`{"non_field_errors": [...]}`).
 */
import { emptyReply, type Reply } from "../http/reply";
import type { Project } from "../state/state";
import type { WebhookRecord } from "../types";
import { projectNumber, type WebhookFields } from "../webhooks/store";
import { restDetail, restJson } from "./reply";
import { NOT_FOUND, type RestDeps, type RestRequest, type Route } from "./types";

export const WEBHOOK_EVENTS = ["file.uploaded", "file.infected", "file.stored", "file.deleted", "file.info_updated"];
export const TARGET_URL_MISSING = "`target_url` is missing.";
export const ALREADY_SUBSCRIBED = "This project is already subscribed on this event";

/** The object every webhook endpoint answers with (the signing secret in clear, as Uploadcare does). */
export function restWebhook(h: WebhookRecord): Record<string, unknown> {
    return {
        id: h.id,
        project: projectNumber(h.projectPublicKey),
        created: h.created,
        updated: h.updated,
        event: h.event,
        target_url: h.targetUrl,
        is_active: h.isActive,
        signing_secret: h.signingSecret,
        version: h.version,
    };
}

type Body = { ok: true; fields: Record<string, unknown> } | { ok: false; reply: Reply };

/** A JSON object or a form; anything else is a 400 in DRF's words. */
function parseBody(req: RestRequest): Body {
    const text = req.body.toString("utf8");
    const type = String(req.headers["content-type"] ?? "").toLowerCase();
    if (type.includes("application/x-www-form-urlencoded")) {
        return { ok: true, fields: Object.fromEntries(new URLSearchParams(text)) };
    }
    if (text.trim() === "") return { ok: true, fields: {} };
    try {
        const value: unknown = JSON.parse(text);
        if (typeof value === "object" && value !== null && !Array.isArray(value)) {
            return { ok: true, fields: value as Record<string, unknown> };
        }
        return { ok: false, reply: restDetail(400, "Expected JSON object.") };
    } catch (error) {
        return { ok: false, reply: restDetail(400, `JSON parse error - ${(error as Error).message}`) };
    }
}

const fieldError = (errors: Record<string, string[]>): Reply => restJson(400, errors);

function parseBoolean(value: unknown): boolean | undefined {
    if (typeof value === "boolean") return value;
    const text = String(value).toLowerCase();
    if (["true", "1", "on", "yes"].includes(text)) return true;
    if (["false", "0", "off", "no"].includes(text)) return false;
    return undefined;
}

/** `format: uri`, at most 255 characters (Django's URLField takes http and https here). */
function urlProblem(value: unknown): string | undefined {
    if (typeof value !== "string") return "Not a valid string.";
    if (value.length > 255) return "Ensure this field has no more than 255 characters.";
    try {
        const url = new URL(value);
        if ((url.protocol === "http:" || url.protocol === "https:") && url.hostname) return undefined;
    } catch {}
    return "Enter a valid URL.";
}

/** Checks the fields a body gives; `partial` for PUT, where every field is optional. */
function validate(raw: Record<string, unknown>, partial: boolean): { fields: Partial<WebhookFields> } | Reply {
    const errors: Record<string, string[]> = {};
    const fields: Partial<WebhookFields> = {};
    if (raw.target_url !== undefined) {
        const problem = urlProblem(raw.target_url);
        if (problem) errors.target_url = [problem];
        else fields.targetUrl = raw.target_url as string;
    }
    if (raw.event !== undefined) {
        if (WEBHOOK_EVENTS.includes(String(raw.event))) fields.event = String(raw.event);
        else errors.event = [`"${String(raw.event)}" is not a valid choice.`];
    } else if (!partial) errors.event = ["This field is required."];
    if (raw.is_active !== undefined) {
        const active = parseBoolean(raw.is_active);
        if (active === undefined) errors.is_active = ["Must be a valid boolean."];
        else fields.isActive = active;
    }
    if (raw.signing_secret !== undefined && raw.signing_secret !== null) {
        const secret = String(raw.signing_secret);
        if (secret.length > 32) errors.signing_secret = ["Ensure this field has no more than 32 characters."];
        else fields.signingSecret = secret === "" ? null : secret;
    }
    if (raw.version !== undefined && raw.version !== "0.7") {
        errors.version = [`"${String(raw.version)}" is not a valid choice.`];
    }
    return Object.keys(errors).length > 0 ? fieldError(errors) : { fields };
}

function list(_req: RestRequest, project: Project, deps: RestDeps): Reply {
    return restJson(200, deps.state.webhooks.list(project.publicKey).map(restWebhook));
}

function create(req: RestRequest, project: Project, deps: RestDeps): Reply {
    const body = parseBody(req);
    if (!body.ok) return body.reply;
    if (body.fields.target_url === undefined || body.fields.target_url === "") {
        return restDetail(400, TARGET_URL_MISSING);
    }
    const checked = validate(body.fields, false);
    if (!("fields" in checked)) return checked;
    const { targetUrl = "", event = "", isActive = true, signingSecret = null } = checked.fields;
    const store = deps.state.webhooks;
    if (store.duplicateOf(project.publicKey, targetUrl, event))
        return fieldError({ non_field_errors: [ALREADY_SUBSCRIBED] });
    const created = store.create(project.publicKey, { targetUrl, event, isActive, signingSecret }, "0.7");
    return restJson(201, restWebhook(created));
}

/** Ids are integers; anything else (or another project's id) is "Not found.", as DRF's lookup answers. */
function findWebhook(project: Project, deps: RestDeps, id: string): WebhookRecord | undefined {
    return /^[0-9]{1,15}$/.test(id) ? deps.state.webhooks.get(project.publicKey, Number(id)) : undefined;
}

function getOne(_req: RestRequest, project: Project, deps: RestDeps, id: string): Reply {
    const hook = findWebhook(project, deps, id);
    return hook ? restJson(200, restWebhook(hook)) : restDetail(404, NOT_FOUND);
}

function update(req: RestRequest, project: Project, deps: RestDeps, id: string): Reply {
    const hook = findWebhook(project, deps, id);
    if (!hook) return restDetail(404, NOT_FOUND);
    const body = parseBody(req);
    if (!body.ok) return body.reply;
    const checked = validate(body.fields, true);
    if (!("fields" in checked)) return checked;
    const targetUrl = checked.fields.targetUrl ?? hook.targetUrl;
    const event = checked.fields.event ?? hook.event;
    if (deps.state.webhooks.duplicateOf(project.publicKey, targetUrl, event, hook.id)) {
        return fieldError({ non_field_errors: [ALREADY_SUBSCRIBED] });
    }
    return restJson(200, restWebhook(deps.state.webhooks.update(hook, checked.fields)));
}

/** `DELETE /webhooks/:id/` → 204 with no body, as pyuploadcare's recorded traffic shows. */
function remove(_req: RestRequest, project: Project, deps: RestDeps, id: string): Reply {
    const hook = findWebhook(project, deps, id);
    if (!hook) return restDetail(404, NOT_FOUND);
    deps.state.webhooks.delete(hook);
    return emptyReply(204);
}

/**
 * `DELETE /webhooks/unsubscribe/` with `target_url` → 204. The docs do not say what happens when the URL is
 * subscribed to several events; the emulator removes every subscription of that URL in the project (it names a
 * URL, not a subscription), and answers 404 "Not found." when there is none.
 */
function unsubscribe(req: RestRequest, project: Project, deps: RestDeps): Reply {
    const body = parseBody(req);
    if (!body.ok) return body.reply;
    const target = body.fields.target_url;
    if (target === undefined || target === "") return restDetail(400, TARGET_URL_MISSING);
    const hooks = deps.state.webhooks.list(project.publicKey).filter((h) => h.targetUrl === target);
    if (hooks.length === 0) return restDetail(404, NOT_FOUND);
    for (const hook of hooks) deps.state.webhooks.delete(hook);
    return emptyReply(204);
}

/** `Allow` values as recorded (`DELETE, OPTIONS` on unsubscribe; `DELETE, GET, HEAD, OPTIONS, PUT` on an id). */
export const WEBHOOK_ROUTES: Route[] = [
    { pattern: /^\/webhooks\/$/, allow: "GET, HEAD, OPTIONS, POST", methods: { GET: list, POST: create } },
    { pattern: /^\/webhooks\/unsubscribe\/$/, allow: "DELETE, OPTIONS", methods: { DELETE: unsubscribe } },
    {
        pattern: /^\/webhooks\/([^/]+)\/$/,
        allow: "DELETE, GET, HEAD, OPTIONS, PUT",
        methods: { GET: getOne, PUT: update, DELETE: remove },
    },
];
