/** Retry timing: when to try again after a throttle, a 5xx or a dropped connection. */

export interface RetryPolicy {
    /** Attempts after the first for 429 answers (Uploadcare's own JS client uses 5). */
    maxThrottleRetries: number;
    /** Attempts after the first for 5xx answers and network errors on idempotent requests. */
    maxErrorRetries: number;
    /** First backoff step; doubles each attempt (full jitter). */
    baseDelayMs: number;
    /** No single wait is longer than this, whatever Retry-After says. */
    maxDelayMs: number;
    /** Wait after a 429 that carries no usable Retry-After (Uploadcare's clients use 15 s). */
    defaultThrottleDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
    maxThrottleRetries: 5,
    maxErrorRetries: 4,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    defaultThrottleDelayMs: 15_000,
};

/**
 * Parses a Retry-After value: delay seconds (`"10"`) or an HTTP date. Returns milliseconds from `now`,
 * or undefined when the value is missing or unusable. A date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | undefined {
    const raw = Array.isArray(value) ? value[0] : value;
    if (raw === undefined) return undefined;
    const text = raw.trim();
    if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
    // HTTP dates always name a weekday or month; this keeps bare numbers like "-1" from Date.parse.
    if (!/[a-z]/i.test(text)) return undefined;
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    return Math.max(0, at - now.getTime());
}

/** Exponential backoff with full jitter: a random wait in [0, min(max, base·2^attempt)]. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
    return Math.round(random() * ceiling);
}

/** The wait before retrying a 429: Retry-After when given, capped; else the documented default. */
export function throttleDelay(retryAfterMs: number | undefined, policy: RetryPolicy): number {
    return Math.min(policy.maxDelayMs, retryAfterMs ?? policy.defaultThrottleDelayMs);
}

/** What one attempt ended with, as far as retrying is concerned. */
export type AttemptOutcome =
    | { kind: "network"; ambiguous: boolean; reason: string }
    | { kind: "status"; status: number; retryAfterMs?: number };

/** Retries spent so far on one call. */
export interface RetryCounters {
    throttle: number;
    error: number;
}

type RetryDecision = { retry: true; delayMs: number; reason: string; counter: keyof RetryCounters } | { retry: false };

/**
 * Whether to send a call again after `outcome`, and after how long. Pure: the caller keeps the counters.
 * - 429: Uploadcare did not process the request, so even a non-idempotent call may be repeated.
 * - 5xx and lost connections: only idempotent calls, or failures before a byte was sent.
 */
export function nextRetry(
    outcome: AttemptOutcome,
    idempotent: boolean,
    counters: RetryCounters,
    policy: RetryPolicy,
    random: () => number,
): RetryDecision {
    if (outcome.kind === "network") {
        if ((outcome.ambiguous && !idempotent) || counters.error >= policy.maxErrorRetries) return { retry: false };
        return {
            retry: true,
            delayMs: backoffDelay(counters.error, policy, random),
            reason: outcome.reason,
            counter: "error",
        };
    }
    const reason = `HTTP ${outcome.status}`;
    if (outcome.status === 429) {
        if (counters.throttle >= policy.maxThrottleRetries) return { retry: false };
        return { retry: true, delayMs: throttleDelay(outcome.retryAfterMs, policy), reason, counter: "throttle" };
    }
    if (outcome.status >= 500 && idempotent && counters.error < policy.maxErrorRetries) {
        return { retry: true, delayMs: backoffDelay(counters.error, policy, random), reason, counter: "error" };
    }
    return { retry: false };
}
