import { UploadcareEmulatorError } from "../errors";
import { isLoopbackAddress, isLoopbackHost, isLoopbackOrigin } from "../http/loopback";
import { emptyReply, jsonReply, type Reply } from "../http/reply";
import { READ_ONLY_MESSAGE, READ_ONLY_STATUS } from "../state/readOnly";
import type { Emulator, FaultRule } from "../types";
import { ruleFromJson } from "./faults";
import type { ThrottleBursts } from "./ratelimit";

export const ADMIN_PREFIX = "/__emulator/";

/**
 * What the admin API can do: part of the public `Emulator`, plus the read-backs only the admin API shows. The
 * emulator implements it, so in-process and HTTP controls share one code path.
 */
export type AdminControls = Pick<
    Emulator,
    | "url"
    | "publicKey"
    | "requests"
    | "clearRequests"
    | "injectFaults"
    | "clearFaults"
    | "activeFaults"
    | "setRateLimit"
    | "setThrottleBursts"
    | "groups"
    | "files"
    | "createFiles"
    | "deleteGroupOutOfBand"
    | "removeFileOutOfBand"
    | "webhooks"
    | "deleteWebhookOutOfBand"
    | "webhookDeliveries"
    | "clearWebhookDeliveries"
> & {
    /** `readOnlyState`: the routes that change files or groups answer 503 (faults, rate limits etc. still work). */
    readonly readOnly: boolean;
    projectKeys(): string[];
    rateLimit(): number | undefined;
    throttleBursts(): ThrottleBursts | undefined;
};

export interface AdminRequest {
    method: string;
    path: string;
    body: Buffer;
    remoteAddress: string | undefined;
    /** The `Host` and `Origin` headers, if sent. */
    host: string | undefined;
    origin: string | undefined;
}

/** Admin routes that change files or groups (as opposed to the emulator's own behaviour: faults, limits, log). */
const STATE_CHANGES = /^(?:POST files|DELETE groups\/[^/]+|DELETE files\/[^/]+|DELETE webhooks\/[^/]+)$/;

const adminError = (status: number, error: string): Reply => jsonReply(status, { error });

/**
 * Why the admin API refuses to answer this caller at all, or undefined. A loopback peer is not enough: a web page
 * the user opens can make the browser send requests to 127.0.0.1, either directly (its `Origin` gives it away) or
 * through a DNS name rebound to 127.0.0.1 (its `Host` is that name). Checked before the body is read.
 */
export function adminRefusal(req: Omit<AdminRequest, "body">): Reply | undefined {
    if (!isLoopbackAddress(req.remoteAddress)) return adminError(403, "the emulator admin API only answers loopback");
    if (!isLoopbackHost(req.host)) return adminError(403, "the emulator admin API needs a loopback Host header");
    if (req.origin !== undefined && !isLoopbackOrigin(req.origin)) {
        return adminError(403, "the emulator admin API refuses requests from web pages of other origins");
    }
    return undefined;
}

/**
 * `/__emulator/…`: GET state, GET|DELETE requests, POST|DELETE faults (rule objects or one-line specs), POST
 * rate-limit {rps}, POST throttle-bursts {everyMs, durationMs} (or null), POST files {count, stored,
 * projectPublicKey} → {uuids}, DELETE groups/:id, DELETE files/:uuid, GET webhooks (signing secrets shown as
 * "[set]"), DELETE webhooks/:id, GET|DELETE webhook-deliveries. Signatures are never exposed here.
 */
export function handleAdmin(req: AdminRequest, controls: AdminControls): Reply {
    const refused = adminRefusal(req);
    if (refused) return refused;
    const route = `${req.method.toUpperCase()} ${req.path.slice(ADMIN_PREFIX.length).replace(/\/$/, "")}`;
    let body: unknown;
    try {
        body = req.body.length > 0 ? JSON.parse(req.body.toString("utf8")) : undefined;
    } catch {
        return adminError(400, "body is not JSON");
    }
    if (controls.readOnly && STATE_CHANGES.test(route)) return adminError(READ_ONLY_STATUS, READ_ONLY_MESSAGE);
    try {
        return dispatch(route, body, controls) ?? adminError(404, `no admin route ${route}`);
    } catch (e) {
        // Bad input in any shape (a rule, a regex, a count, a project key) is the caller's fault: 400, not 500.
        if (e instanceof UploadcareEmulatorError || e instanceof URIError) {
            return adminError(400, e.message);
        }
        throw e;
    }
}

type Route = (body: unknown, c: AdminControls) => Reply;

const ROUTES: Record<string, Route> = {
    "GET state": (_body, c) => jsonReply(200, stateOf(c)),
    "GET requests": (_body, c) => jsonReply(200, c.requests),
    "DELETE requests": (_body, c) => {
        c.clearRequests();
        return emptyReply(204);
    },
    "GET faults": (_body, c) => jsonReply(200, c.activeFaults().map(faultToJson)),
    "POST faults": postFaults,
    "DELETE faults": (_body, c) => {
        c.clearFaults();
        return emptyReply(204);
    },
    "POST rate-limit": postRateLimit,
    "POST throttle-bursts": postThrottleBursts,
    "POST files": postFiles,
    "GET webhooks": (_body, c) => jsonReply(200, webhooksOf(c)),
    "GET webhook-deliveries": (_body, c) => jsonReply(200, c.webhookDeliveries()),
    "DELETE webhook-deliveries": (_body, c) => {
        c.clearWebhookDeliveries();
        return emptyReply(204);
    },
};

function dispatch(route: string, body: unknown, c: AdminControls): Reply | undefined {
    const handler = ROUTES[route];
    if (handler) return handler(body, c);
    const group = /^DELETE groups\/([^/]+)$/.exec(route)?.[1];
    if (group) {
        const ok = c.deleteGroupOutOfBand(decodeURIComponent(group));
        return ok ? emptyReply(204) : adminError(404, "no such group");
    }
    const webhook = /^DELETE webhooks\/([0-9]{1,15})$/.exec(route)?.[1];
    if (webhook) {
        const ok = c.deleteWebhookOutOfBand(Number(webhook));
        return ok ? emptyReply(204) : adminError(404, "no such webhook");
    }
    const file = /^DELETE files\/([^/]+)$/.exec(route)?.[1];
    if (file) {
        const ok = c.removeFileOutOfBand(decodeURIComponent(file));
        return ok ? emptyReply(204) : adminError(404, "no such file");
    }
    return undefined;
}

function stateOf(c: AdminControls): Record<string, unknown> {
    return {
        url: c.url,
        publicKey: c.publicKey,
        rateLimit: c.rateLimit() ?? null,
        throttleBursts: c.throttleBursts() ?? null,
        faults: c.activeFaults().map(faultToJson),
        projects: Object.fromEntries(c.projectKeys().map((pk) => [pk, { groups: c.groups(pk), files: c.files(pk) }])),
    };
}

/** Every project's webhooks; a signing secret is never shown, only whether one is set. */
function webhooksOf(c: AdminControls): Record<string, unknown> {
    return Object.fromEntries(
        c
            .projectKeys()
            .map((pk) => [pk, c.webhooks(pk).map((h) => ({ ...h, signingSecret: h.signingSecret ? "[set]" : null }))]),
    );
}

const asObject = (body: unknown) => (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;

function postFaults(body: unknown, c: AdminControls): Reply {
    if (!Array.isArray(body)) return adminError(400, "expected a JSON array of fault rules");
    const rules = body.map(ruleFromJson);
    c.injectFaults(rules);
    return jsonReply(200, { injected: rules.length });
}

function postRateLimit(body: unknown, c: AdminControls): Reply {
    const rps = asObject(body).rps;
    if (rps !== null && rps !== undefined && typeof rps !== "number") {
        return adminError(400, "rps must be a number or null");
    }
    c.setRateLimit(rps ?? undefined);
    return jsonReply(200, { rps: rps ?? null });
}

function postThrottleBursts(body: unknown, c: AdminControls): Reply {
    if (body === null || body === undefined) {
        c.setThrottleBursts(undefined);
        return jsonReply(200, { throttleBursts: null });
    }
    const { everyMs, durationMs } = asObject(body);
    if (typeof everyMs !== "number" || typeof durationMs !== "number") {
        return adminError(400, "expected {everyMs, durationMs} (numbers) or null");
    }
    c.setThrottleBursts({ everyMs, durationMs });
    return jsonReply(200, { throttleBursts: { everyMs, durationMs } });
}

function postFiles(body: unknown, c: AdminControls): Reply {
    const obj = asObject(body);
    const count = obj.count ?? 1;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 0 || count > 10_000) {
        return adminError(400, "count must be an integer within 0..10000");
    }
    const opts: { stored?: boolean; projectPublicKey?: string } = { stored: obj.stored !== false };
    if (typeof obj.projectPublicKey === "string") opts.projectPublicKey = obj.projectPublicKey;
    return jsonReply(200, { uuids: c.createFiles(count, opts) });
}

/** RegExp paths and Infinity do not survive JSON.stringify; give them the shapes `POST faults` accepts. */
function faultToJson(rule: FaultRule): Record<string, unknown> {
    const out: Record<string, unknown> = { ...rule };
    if (rule.path instanceof RegExp) out.path = { regex: rule.path.source, flags: rule.path.flags };
    if (rule.times === Number.POSITIVE_INFINITY) out.times = "Infinity";
    return out;
}
