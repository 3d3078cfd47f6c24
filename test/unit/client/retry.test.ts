import { describe, expect, it } from "vitest";
import {
    backoffDelay,
    defaultRetryPolicy,
    nextRetry,
    parseRetryAfter,
    throttleDelay,
} from "../../../src/client/core/retry";

const now = new Date("2026-11-26T12:00:00Z");

describe("parseRetryAfter", () => {
    it("reads delay seconds", () => {
        expect(parseRetryAfter("10", now)).toBe(10_000);
        expect(parseRetryAfter(" 0 ", now)).toBe(0);
        expect(parseRetryAfter("1.5", now)).toBe(1_500);
    });

    it("reads an HTTP date relative to now", () => {
        expect(parseRetryAfter("Thu, 26 Nov 2026 12:00:30 GMT", now)).toBe(30_000);
    });

    it("treats a date in the past as no wait", () => {
        expect(parseRetryAfter("Thu, 26 Nov 2026 11:00:00 GMT", now)).toBe(0);
    });

    it("ignores missing and unusable values", () => {
        expect(parseRetryAfter(undefined, now)).toBeUndefined();
        expect(parseRetryAfter("soon", now)).toBeUndefined();
        expect(parseRetryAfter("-1", now)).toBeUndefined();
        expect(parseRetryAfter("", now)).toBeUndefined();
    });

    it("uses the first of repeated headers", () => {
        expect(parseRetryAfter(["2", "9"], now)).toBe(2_000);
    });
});

describe("retry delays", () => {
    it("caps Retry-After at the policy maximum and defaults to 15 s without it", () => {
        expect(throttleDelay(3_000, defaultRetryPolicy)).toBe(3_000);
        expect(throttleDelay(3_600_000, defaultRetryPolicy)).toBe(defaultRetryPolicy.maxDelayMs);
        expect(throttleDelay(undefined, defaultRetryPolicy)).toBe(15_000);
    });

    it("grows exponentially with full jitter under a cap", () => {
        const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1_000 };
        expect(backoffDelay(0, policy, () => 1)).toBe(100);
        expect(backoffDelay(3, policy, () => 1)).toBe(800);
        expect(backoffDelay(10, policy, () => 1)).toBe(1_000);
        expect(backoffDelay(3, policy, () => 0)).toBe(0);
        expect(backoffDelay(3, policy, () => 0.5)).toBe(400);
    });
});

describe("nextRetry", () => {
    const policy = { ...defaultRetryPolicy, maxErrorRetries: 2, maxThrottleRetries: 1, baseDelayMs: 100 };
    const fresh = () => ({ throttle: 0, error: 0 });
    const half = () => 0.5;

    it("retries a 429 even for a non-idempotent call, after Retry-After, within the throttle budget", () => {
        const throttled = { kind: "status" as const, status: 429, retryAfterMs: 2_000 };
        expect(nextRetry(throttled, false, fresh(), policy, half)).toEqual({
            retry: true,
            delayMs: 2_000,
            reason: "HTTP 429",
            counter: "throttle",
        });
        expect(nextRetry(throttled, false, { throttle: 1, error: 0 }, policy, half)).toEqual({ retry: false });
    });

    it("retries a 5xx only when the call is idempotent, with backoff", () => {
        const failed = { kind: "status" as const, status: 503 };
        expect(nextRetry(failed, true, { throttle: 0, error: 1 }, policy, half)).toMatchObject({
            retry: true,
            delayMs: 100,
        });
        expect(nextRetry(failed, false, fresh(), policy, half)).toEqual({ retry: false });
        expect(nextRetry(failed, true, { throttle: 0, error: 2 }, policy, half)).toEqual({ retry: false });
    });

    it("never retries a 4xx other than 429", () => {
        for (const status of [400, 401, 403, 404, 422]) {
            expect(nextRetry({ kind: "status", status }, true, fresh(), policy, half)).toEqual({ retry: false });
        }
    });

    it("retries a network failure when nothing was sent, or when the call is idempotent", () => {
        const notSent = { kind: "network" as const, ambiguous: false, reason: "ECONNREFUSED" };
        const lost = { kind: "network" as const, ambiguous: true, reason: "socket hang up" };
        expect(nextRetry(notSent, false, fresh(), policy, half)).toMatchObject({ retry: true, counter: "error" });
        expect(nextRetry(lost, true, fresh(), policy, half)).toMatchObject({ retry: true, reason: "socket hang up" });
        expect(nextRetry(lost, false, fresh(), policy, half)).toEqual({ retry: false });
    });
});
