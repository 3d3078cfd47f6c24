/** The overall deadline of one request: sending it, the response headers and the whole body. */
import { UploadcareNetworkError } from "./errors";
import { proxyFor } from "./proxy";

/** Where users raise the deadline (provider settings and the native plugin's config). */
const REQUEST_TIMEOUT_SETTING = "uploadcare:requestTimeoutMs (or UPLOADCARE_REQUEST_TIMEOUT_MS)";

/**
 * A request that did not finish within its deadline: a server or proxy that answers too slowly, or keeps a
 * response alive by dripping bytes (which the per-chunk body timeout alone never ends). It may have been applied
 * (`ambiguous` is true), so callers that recover a lost answer (group and file creates, multipart complete) look
 * the outcome up as after a lost connection. The transport does not send it again itself: each attempt could
 * take the whole deadline again.
 */
export class UploadcareTimeoutError extends UploadcareNetworkError {
    readonly timeoutMs: number;

    constructor(details: { method: string; url: string; timeoutMs: number; proxy?: string }, cause: unknown) {
        const reason =
            `no complete answer within ${details.timeoutMs} ms, the per-request deadline. ` +
            `If the link is slow rather than the server stuck, raise ${REQUEST_TIMEOUT_SETTING}`;
        super(
            {
                method: details.method,
                url: details.url,
                reason,
                ambiguous: true,
                ...(details.proxy ? { proxy: details.proxy } : {}),
            },
            cause,
            "UPLOADCARE_TIMEOUT",
        );
        this.timeoutMs = details.timeoutMs;
    }
}

/**
 * Runs `attempt` with a signal that aborts after `timeoutMs`; undici then destroys the socket, and a request or
 * response body in flight, and `attempt` rejects. That rejection becomes an `UploadcareTimeoutError`.
 */
export async function withDeadline<T>(
    timeoutMs: number,
    request: { method: string; url: URL },
    attempt: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    try {
        return await attempt(deadline.signal);
    } catch (cause) {
        if (!deadline.signal.aborted) throw cause;
        const { url } = request;
        const proxy = proxyFor(url);
        throw new UploadcareTimeoutError(
            { method: request.method, url: url.origin + url.pathname, timeoutMs, ...(proxy ? { proxy } : {}) },
            cause,
        );
    } finally {
        clearTimeout(timer);
    }
}
