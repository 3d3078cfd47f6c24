/**
 * A token bucket per emulator (the real API documents no numbers, only 429 + Retry-After). Capacity = one second
 * of requests (at least one), so a burst of `rps` passes and the rest waits. Uses the monotonic clock, not the
 * injected one: the injected clock is often frozen in tests, and throttling must still let time pass.
 */
import { UploadcareEmulatorError } from "../errors";
export class RateLimiter {
    private rps: number | undefined;
    private tokens = 0;
    private last = 0;

    constructor(private readonly monotonicMs: () => number = () => performance.now()) {}

    set(rps: number | undefined): void {
        if (rps !== undefined && !(rps > 0))
            throw new UploadcareEmulatorError("rate limit must be > 0 requests per second");
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

/** Periodic throttle bursts: for `durationMs` out of every `everyMs`, every API request is answered 429. */
export interface ThrottleBursts {
    everyMs: number;
    durationMs: number;
}

/**
 * Models a service that throttles a whole client for a while, then lets it through: within a burst window every
 * request is refused with a Retry-After that points at the end of the window (whole seconds, at least 1), so a
 * client honouring Retry-After gets through with one wait per burst. The first burst starts when set.
 */
export class BurstThrottle {
    private bursts: ThrottleBursts | undefined;
    private start = 0;

    constructor(private readonly monotonicMs: () => number = () => performance.now()) {}

    set(bursts: ThrottleBursts | undefined): void {
        if (bursts !== undefined) {
            const { everyMs, durationMs } = bursts;
            if (!(Number.isFinite(everyMs) && Number.isFinite(durationMs) && durationMs > 0 && everyMs > durationMs)) {
                throw new UploadcareEmulatorError("throttle bursts need 0 < durationMs < everyMs");
            }
        }
        this.bursts = bursts && { everyMs: bursts.everyMs, durationMs: bursts.durationMs };
        this.start = this.monotonicMs();
    }

    get current(): ThrottleBursts | undefined {
        return this.bursts && { ...this.bursts };
    }

    /** undefined when the request may pass, else the Retry-After in whole seconds (>= 1). */
    take(): number | undefined {
        if (!this.bursts) return undefined;
        const phase = (this.monotonicMs() - this.start) % this.bursts.everyMs;
        if (phase >= this.bursts.durationMs) return undefined;
        return Math.max(1, Math.ceil((this.bursts.durationMs - phase) / 1000));
    }
}

/**
 * Counts uploads in progress. Over the limit an upload is refused (429 + Retry-After), not queued: a queued upload
 * would hold its socket and, unread, its body in the kernel's buffers for as long as the queue is long, while a
 * client that honours Retry-After (as Uploadcare's clients do for `RequestThrottledError`) just comes back later.
 */
export class UploadSlots {
    private inUse = 0;

    constructor(readonly limit: number) {
        if (!(Number.isInteger(limit) && limit > 0))
            throw new UploadcareEmulatorError("maxConcurrentUploads must be an integer > 0");
    }

    /** Takes a slot; returns its release function (safe to call twice), or undefined when all are taken. */
    take(): (() => void) | undefined {
        if (this.inUse >= this.limit) return undefined;
        this.inUse++;
        let released = false;
        return () => {
            if (released) return;
            released = true;
            this.inUse--;
        };
    }
}
