/**
 * A token bucket per emulator (the real API documents no numbers, only 429 + Retry-After). Capacity = one second
 * of requests (at least one), so a burst of `rps` passes and the rest waits. Uses the monotonic clock, not the
 * injected one: the injected clock is often frozen in tests, and throttling must still let time pass.
 */
export class RateLimiter {
    private rps: number | undefined;
    private tokens = 0;
    private last = 0;

    constructor(private readonly monotonicMs: () => number = () => performance.now()) {}

    set(rps: number | undefined): void {
        if (rps !== undefined && !(rps > 0)) throw new RangeError("rate limit must be > 0 requests per second");
        this.rps = rps;
        this.tokens = this.capacity();
        this.last = this.monotonicMs();
    }

    get limit(): number | undefined {
        return this.rps;
    }

    /** At least one token, so limits below 1 rps still let a request through now and then. */
    private capacity(): number {
        return Math.max(1, this.rps ?? 0);
    }

    /** Takes a token; returns undefined when allowed, else the Retry-After in whole seconds (>= 1). */
    take(): number | undefined {
        if (this.rps === undefined) return undefined;
        const now = this.monotonicMs();
        this.tokens = Math.min(this.capacity(), this.tokens + ((now - this.last) / 1000) * this.rps);
        this.last = now;
        if (this.tokens >= 1) {
            this.tokens -= 1;
            return undefined;
        }
        return Math.max(1, Math.ceil((1 - this.tokens) / this.rps));
    }
}
