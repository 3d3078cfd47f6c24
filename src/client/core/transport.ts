import type { ApiCall, ApiResponse, ClientDeps, UploadcareClient } from "./call";
import { baseUrlOf, type ClientConfig, joinUrl, validateClientConfig } from "./config";
import { withDeadline } from "./deadline";
import { defaultTimeouts, dispatcherFor, type TransportTimeouts } from "./dispatcher";
import { apiErrorFor, UploadcareError, UploadcareThrottledError } from "./errors";
import { effectiveStatus, errorDetails, networkFailure } from "./failures";
import { headersFor } from "./headers";
import { Limiter } from "./limiter";
import { type AttemptOutcome, defaultRetryPolicy, nextRetry, type RetryCounters, type RetryPolicy } from "./retry";
import { undici } from "./undici";
import { badResponse } from "./validate";

/** No endpoint the provider uses answers with more; a larger body is not Uploadcare's. */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

const PACKAGE_VERSION: string = (require("../../../package.json") as { version: string }).version;

/** Everything one client's calls share, fixed at creation. */
interface Transport {
    readonly client: UploadcareClient;
    readonly deps: ClientDeps;
    readonly policy: RetryPolicy;
    readonly timeouts: TransportTimeouts;
    readonly limiter: Limiter;
    readonly maxBytes: number;
    readonly secrets: readonly string[];
    readonly userAgent: string;
    readonly sleep: (ms: number) => Promise<void>;
    readonly random: () => number;
}

export function createClient(config: ClientConfig, deps: ClientDeps = {}): UploadcareClient {
    validateClientConfig(config);
    const policy: RetryPolicy = { ...defaultRetryPolicy, ...deps.retry };
    const now = deps.now ?? (() => new Date());
    const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const client: UploadcareClient = {
        config: Object.freeze({ ...config }),
        retry: Object.freeze(policy),
        now,
        sleep,
        call: (call) => callWithRetries(transport, call),
    };
    const transport: Transport = {
        client,
        deps,
        policy,
        timeouts: { ...defaultTimeouts, ...deps.timeouts },
        limiter: deps.limiter ?? new Limiter(8),
        maxBytes: deps.maxResponseBytes ?? MAX_RESPONSE_BYTES,
        secrets: [config.secretKey, config.projectApiToken].filter((s): s is string => Boolean(s)),
        userAgent:
            deps.userAgent ??
            // A Project API client works for the account, not a project: no public key then.
            `PulumiUploadcare/${PACKAGE_VERSION}${config.publicKey ? `/${config.publicKey}` : ""} (JavaScript; Node/${process.versions.node}; pulumi)`,
        sleep,
        random: deps.random ?? Math.random,
    };
    return client;
}

/** One attempt: a response (any status), or a thrown network failure; all of it within the request deadline. */
async function sendOnce(t: Transport, call: ApiCall, url: URL): Promise<ApiResponse> {
    const headers = headersFor(call, t.client.config, t.userAgent, t.client.now());
    if (call.contentLength !== undefined) headers["content-length"] = String(call.contentLength);
    return withDeadline(t.timeouts.requestMs, { method: call.method, url }, async (signal) => {
        const res = await undici().request(url, {
            dispatcher: t.deps.dispatcher ?? dispatcherFor(url, t.timeouts),
            method: call.method,
            headers,
            body: typeof call.body === "function" ? call.body() : (call.body ?? null),
            headersTimeout: t.timeouts.headersMs,
            bodyTimeout: t.timeouts.bodyMs,
            signal,
        });
        const text = await readCapped(res.body, t.maxBytes);
        if (text === undefined) {
            throw badResponse(t.client, call, res.statusCode, `the body is larger than ${t.maxBytes} bytes`);
        }
        return { status: res.statusCode, headers: res.headers, text, json: parseJson(text) };
    });
}

/** What a non-accepted answer means: the error to throw, and what retrying needs to know. */
function statusFailure(
    t: Transport,
    call: ApiCall,
    url: URL,
    response: ApiResponse,
    status: number,
    throttled: number,
) {
    const outcome: AttemptOutcome = { kind: "status", status };
    if (status >= 200 && status < 300) {
        // A success the endpoint never answers (a proxy's 200 for a DELETE): not Uploadcare, and not done.
        return {
            outcome,
            error: badResponse(t.client, call, status, `HTTP ${status} is not an answer this endpoint gives`),
        };
    }
    const details = errorDetails(call, url, response, status, t.client.now());
    if (details.retryAfterMs !== undefined) outcome.retryAfterMs = details.retryAfterMs;
    const hint = `Still throttled after ${throttled} retries; run the command again later`;
    const error =
        status === 429
            ? new UploadcareThrottledError({ ...details, hint }, t.secrets)
            : apiErrorFor(details, t.secrets);
    return { outcome, error };
}

async function callWithRetries(t: Transport, call: ApiCall): Promise<ApiResponse> {
    const { config } = t.client;
    const url = call.url ? new URL(call.url) : joinUrl(baseUrlOf(config, call.api).url, call.path);
    const counters: RetryCounters = { throttle: 0, error: 0 };
    for (let attempt = 0; ; attempt++) {
        let failed: { outcome: AttemptOutcome; error: Error };
        try {
            const response = await t.limiter.run(() => sendOnce(t, call, url));
            const status = effectiveStatus(call, response);
            if (call.ok.includes(status)) return response;
            failed = statusFailure(t, call, url, response, status, counters.throttle);
        } catch (cause) {
            // Our own errors (a bad body, a missing key, a missed deadline) are final; anything else failed below
            // HTTP. A deadline is minutes long: retrying would multiply the longest wait by the retry count.
            if (UploadcareError.isUploadcareError(cause)) throw cause;
            const error = networkFailure(call, url, cause);
            failed = { outcome: { kind: "network", ambiguous: error.ambiguous, reason: error.message }, error };
        }
        const decision = nextRetry(failed.outcome, call.idempotent, counters, t.policy, t.random);
        if (!decision.retry) throw failed.error;
        counters[decision.counter]++;
        const { delayMs, reason } = decision;
        t.deps.onRetry?.({ method: call.method, path: call.path, attempt, reason, delayMs });
        await t.sleep(delayMs);
    }
}

/** The body as text, or undefined once it passes `maxBytes` (the rest is not read). */
async function readCapped(
    body: AsyncIterable<Buffer> & { destroy(): unknown },
    maxBytes: number,
): Promise<string | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
        size += chunk.length;
        if (size > maxBytes) {
            body.destroy();
            return undefined;
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
    if (!text) return undefined;
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}
