/**
 * The one rule for a failed write: did it happen? A request that failed before it could arrive, or that
 * Uploadcare refused (4xx), did not. A 5xx, or a connection lost after the request was sent, may have been
 * applied: its outcome is unknown, and a non-idempotent request (`POST`) must not simply be sent again.
 *
 * A timeout is unknown too, but it already took the whole per-request deadline (`uploadcare:requestTimeoutMs`,
 * 10 minutes by default), and the server may still be working on it. So nothing is ever sent again after a
 * timeout: a lost create is still looked up (./createOnce.ts), but not re-sent, and a blind re-send (a File's
 * unstored upload) stops there. Otherwise one `up` could wait `(maxRetries + 1) ×` the deadline.
 */
import { UploadcareApiError, UploadcareNetworkError, UploadcareTimeoutError } from "../../../client";

/** `failed`: not applied. `unknown`: may have been applied. `timed-out`: unknown, and the deadline is spent. */
export type FailureOutcome = "failed" | "unknown" | "timed-out";

export function outcomeOf(error: unknown): FailureOutcome {
    if (error instanceof UploadcareTimeoutError) return "timed-out";
    if (error instanceof UploadcareNetworkError && error.ambiguous) return "unknown";
    if (error instanceof UploadcareApiError && error.status >= 500) return "unknown";
    return "failed";
}

/** The request may have been applied: its answer was lost (a 5xx, a dropped connection, a timeout). */
export function isAmbiguous(error: unknown): boolean {
    return outcomeOf(error) !== "failed";
}

/**
 * Whether a request whose outcome is unknown may be sent again as attempt `attempt + 1`: only within the retry
 * budget, and never after a timeout (see above).
 */
export function maySendAgain(error: unknown, attempt: number, maxRetries: number): boolean {
    return outcomeOf(error) === "unknown" && attempt < maxRetries;
}

/**
 * Sends a request that is safe to repeat blindly (its duplicate is harmless, like an unstored upload) until it
 * succeeds, fails clearly, times out or the budget is spent; `onLost` is told before each new attempt.
 */
export async function sendUntilKnown<T>(
    send: () => Promise<T>,
    maxRetries: number,
    onLost: (error: Error) => void,
): Promise<T> {
    for (let attempt = 0; ; attempt++) {
        try {
            return await send();
        } catch (error) {
            if (!maySendAgain(error, attempt, maxRetries)) throw error;
            onLost(error as Error);
        }
    }
}
