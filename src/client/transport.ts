import type { Dispatcher } from "undici";
import { type ClientConfig, joinUrl, validateClientConfig } from "./config";
import { defaultTimeouts, sharedDispatcher, type TransportTimeouts } from "./dispatcher";
import { type ApiErrorDetails, apiErrorFor, UploadcareNetworkError, UploadcareThrottledError } from "./errors";
import { Limiter } from "./limiter";
import { proxyFor } from "./proxy";
import { backoffDelay, defaultRetryPolicy, parseRetryAfter, type RetryPolicy, throttleDelay } from "./retry";
import { httpDate, signRequest } from "./sign";

export const REST_ACCEPT = "application/vnd.uploadcare-v0.7+json";
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export interface RetryEvent {
    method: string;
    path: string;
    attempt: number;
    reason: string;
    delayMs: number;
}

/** Everything that varies between production and tests; all optional. */
export interface ClientDeps {
    dispatcher?: Dispatcher;
    limiter?: Limiter;
    retry?: Partial<RetryPolicy>;
    timeouts?: Partial<TransportTimeouts>;
    now?: () => Date;
    sleep?: (ms: number) => Promise<void>;
    random?: () => number;
    userAgent?: string;
    /** Called before each retry wait (for logs and metrics); never receives secrets. */
    onRetry?: (event: RetryEvent) => void;
}

export interface ApiCall {
    api: "rest" | "upload";
    method: "GET" | "POST" | "PUT" | "DELETE";
    /** Path plus query, e.g. `/groups/?limit=100`. */
    path: string;
    body?: string;
    contentType?: string;
    /** Statuses this endpoint treats as success (uploadcare-js-api-clients' `okCodes`). */
    ok: readonly number[];
    /** Safe to send twice: GET, DELETE and storage PUT. POST /group/ is not. */
    idempotent: boolean;
}

export interface ApiResponse {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    text: string;
    json: unknown;
}

export interface UploadcareClient {
    readonly config: Readonly<ClientConfig>;
    readonly retry: Readonly<RetryPolicy>;
    readonly now: () => Date;
    call(call: ApiCall): Promise<ApiResponse>;
}

// Errors raised before a single byte of the request could reach the server: always safe to retry.
const NOT_SENT_CODES = new Set([
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "UND_ERR_CONNECT_TIMEOUT",
    "EHOSTUNREACH",
    "ENETUNREACH",
]);

const PACKAGE_VERSION: string = (require("../../package.json") as { version: string }).version;

export function createClient(config: ClientConfig, deps: ClientDeps = {}): UploadcareClient {
    validateClientConfig(config);
    const policy: RetryPolicy = { ...defaultRetryPolicy, ...deps.retry };
    const timeouts: TransportTimeouts = { ...defaultTimeouts, ...deps.timeouts };
    const now = deps.now ?? (() => new Date());
    const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const random = deps.random ?? Math.random;
    const limiter = deps.limiter ?? new Limiter(8);
    const secrets = config.secretKey ? [config.secretKey] : [];
    const userAgent =
        deps.userAgent ??
        `PulumiUploadcare/${PACKAGE_VERSION}/${config.publicKey} (JavaScript; Node/${process.versions.node}; pulumi)`;

    function headersFor(call: ApiCall): Record<string, string> {
        const headers: Record<string, string> = { "user-agent": userAgent };
        if (call.contentType) headers["content-type"] = call.contentType;
        if (call.api === "upload") return headers;
        // REST: the content type is part of what is signed, so it is sent even on empty bodies, as
        // every official client does.
        const contentType = call.contentType ?? "application/json";
        const date = httpDate(now());
        headers.accept = REST_ACCEPT;
        headers["content-type"] = contentType;
        headers.date = date;
        if (!config.secretKey) throw new Error("internal: REST call without a secret key");
        if (config.authScheme === "simple") {
            headers.authorization = `Uploadcare.Simple ${config.publicKey}:${config.secretKey}`;
        } else {
            const signature = signRequest(
                { method: call.method, body: call.body ?? "", contentType, date, uri: call.path },
                config.secretKey,
            );
            headers.authorization = `Uploadcare ${config.publicKey}:${signature}`;
        }
        return headers;
    }

    async function once(call: ApiCall, url: URL): Promise<ApiResponse> {
        // Loaded on first use: a Pulumi program that only declares Groups never pays for undici.
        const { request } = require("undici") as typeof import("undici");
        const res = await request(url, {
            method: call.method,
            headers: headersFor(call),
            body: call.body ?? null,
            dispatcher: deps.dispatcher ?? sharedDispatcher(timeouts),
            headersTimeout: timeouts.headersMs,
            bodyTimeout: timeouts.bodyMs,
        });
        const text = await res.body.text();
        return { status: res.statusCode, headers: res.headers, text, json: parseJson(text) };
    }

    async function call(call: ApiCall): Promise<ApiResponse> {
        const base = call.api === "rest" ? config.apiBaseUrl : config.uploadBaseUrl;
        const url = joinUrl(base, call.path);
        let throttleRetries = 0;
        let errorRetries = 0;
        for (let attempt = 0; ; attempt++) {
            let response: ApiResponse;
            try {
                response = await limiter.run(() => once(call, url));
            } catch (cause) {
                const failure = networkFailure(call, url, cause);
                const retryable = !failure.ambiguous || call.idempotent;
                if (retryable && errorRetries < policy.maxErrorRetries) {
                    const delayMs = backoffDelay(errorRetries++, policy, random);
                    deps.onRetry?.({ method: call.method, path: call.path, attempt, reason: failure.message, delayMs });
                    await sleep(delayMs);
                    continue;
                }
                throw failure;
            }
            const status = effectiveStatus(call, response);
            if (call.ok.includes(status)) return response;

            const details = errorDetails(call, url, response, status, now());
            if (status === 429 && throttleRetries < policy.maxThrottleRetries) {
                // A throttled request was not processed, so even POST /group/ is safe to repeat.
                const delayMs = throttleDelay(details.retryAfterMs, policy);
                throttleRetries++;
                deps.onRetry?.({ method: call.method, path: call.path, attempt, reason: "HTTP 429", delayMs });
                await sleep(delayMs);
                continue;
            }
            if (status >= 500 && call.idempotent && errorRetries < policy.maxErrorRetries) {
                const delayMs = backoffDelay(errorRetries++, policy, random);
                deps.onRetry?.({ method: call.method, path: call.path, attempt, reason: `HTTP ${status}`, delayMs });
                await sleep(delayMs);
                continue;
            }
            if (status === 429) {
                throw new UploadcareThrottledError(
                    {
                        ...details,
                        hint: `Still throttled after ${throttleRetries} retries; run the command again later`,
                    },
                    secrets,
                );
            }
            throw apiErrorFor(details, secrets);
        }
    }

    return { config: Object.freeze({ ...config }), retry: Object.freeze(policy), now, call };
}

function parseJson(text: string): unknown {
    if (!text) return undefined;
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

/** The Upload API with `jsonerrors=1` may answer 200 with `{error: {status_code}}`; use the real code. */
function effectiveStatus(call: ApiCall, response: ApiResponse): number {
    if (call.api === "upload" && isRecord(response.json) && isRecord(response.json.error)) {
        const code = response.json.error.status_code;
        return typeof code === "number" && code >= 400 ? code : Math.max(response.status, 400);
    }
    return response.status;
}

function errorDetails(call: ApiCall, url: URL, response: ApiResponse, status: number, now: Date): ApiErrorDetails {
    const details: ApiErrorDetails = { method: call.method, path: call.path, origin: url.origin, status };
    const body = response.json;
    if (isRecord(body) && isRecord(body.error)) {
        if (typeof body.error.content === "string") details.detail = body.error.content;
        if (typeof body.error.error_code === "string") details.errorCode = body.error.error_code;
    } else if (isRecord(body) && typeof body.detail === "string") {
        details.detail = body.detail;
    } else if (isRecord(body)) {
        // Field-keyed validation errors: {"non_field_errors": ["…"]}.
        details.detail = Object.entries(body)
            .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(", ") : String(value)}`)
            .join("; ");
    } else if (response.text && response.text.length < 500) {
        details.detail = response.text.trim();
    }
    const requestId = response.headers["x-uploadcare-request-id"];
    if (typeof requestId === "string") details.requestId = requestId;
    const retryAfter = parseRetryAfter(response.headers["retry-after"], now);
    if (retryAfter !== undefined) details.retryAfterMs = retryAfter;
    if (status === 401) {
        const hint = clockSkewHint(response.headers.date, now);
        if (hint) details.hint = hint;
    }
    return details;
}

/** Signed requests fail when the local clock is more than 15 minutes off the server's. */
function clockSkewHint(serverDate: string | string[] | undefined, now: Date): string | undefined {
    const text = Array.isArray(serverDate) ? serverDate[0] : serverDate;
    if (!text) return undefined;
    const server = Date.parse(text);
    if (Number.isNaN(server)) return undefined;
    const skew = now.getTime() - server;
    if (Math.abs(skew) <= MAX_CLOCK_SKEW_MS) return undefined;
    const minutes = Math.round(Math.abs(skew) / 60_000);
    return (
        `Your clock is ${minutes} minutes ${skew > 0 ? "ahead of" : "behind"} the server's Date header ` +
        "(signed requests allow 15); fix the system time (e.g. enable NTP)"
    );
}

function networkFailure(call: ApiCall, url: URL, cause: unknown): UploadcareNetworkError {
    const code = errorCode(cause);
    const ambiguous = !(code && NOT_SENT_CODES.has(code));
    const reason = cause instanceof Error ? cause.message : String(cause);
    const proxy = proxyFor(url);
    return new UploadcareNetworkError(
        {
            method: call.method,
            url: url.origin + url.pathname,
            ...(code ? { causeCode: code } : {}),
            reason,
            ambiguous,
            ...(proxy ? { proxy } : {}),
        },
        cause,
    );
}

function errorCode(cause: unknown): string | undefined {
    let current: unknown = cause;
    for (let depth = 0; depth < 4 && isRecord(current); depth++) {
        if (typeof current.code === "string") return current.code;
        current = current.cause;
    }
    return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
