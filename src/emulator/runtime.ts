import { Faults } from "./admin/faults";
import { BurstThrottle, RateLimiter, UploadSlots } from "./admin/ratelimit";
import { RequestLog } from "./http/requestLog";
import { BlobStore } from "./state/blobs";
import type { State } from "./state/state";
import type { EmulatorOptions, FaultRule } from "./types";
import { FromUrlJobs } from "./upload/fromUrlJobs";
import { MultipartUploads } from "./upload/multipartStore";
import { WebhookDeliveries } from "./webhooks/delivery";

/** Defaults of the body and upload limits (see `EmulatorOptions`). */
export const DEFAULT_MAX_UPLOAD_BODY_BYTES = 100 * 1024 * 1024;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_MAX_CONCURRENT_UPLOADS = 16;

/**
 * Everything one emulator shares between the request pipeline and its in-process controls: the stored data, the
 * injected behaviour (faults, limits) and the request log.
 */
export interface Runtime {
    readonly options: EmulatorOptions;
    readonly state: State;
    readonly now: () => Date;
    readonly faults: Faults;
    readonly limiter: RateLimiter;
    readonly bursts: BurstThrottle;
    readonly uploads: UploadSlots;
    readonly log: RequestLog;
    /** Signatures received (`recordSignatures` only). */
    readonly signatures: string[];
    /** Webhook delivery and its log. */
    readonly deliveries: WebhookDeliveries;
    /** Uploaded bytes, on disk. */
    readonly blobs: BlobStore;
    readonly multipart: MultipartUploads;
    readonly fromUrl: FromUrlJobs;
}

export function createEmulatorRuntime(state: State, options: EmulatorOptions): Runtime {
    const now = options.now ?? (() => new Date());
    const blobs = BlobStore.open(options.statePath);
    const runtime: Runtime = {
        options,
        state,
        now,
        faults: new Faults(options.seed ?? 1),
        limiter: new RateLimiter(),
        bursts: new BurstThrottle(),
        uploads: new UploadSlots(options.maxConcurrentUploads ?? DEFAULT_MAX_CONCURRENT_UPLOADS),
        log: new RequestLog(options.requestLogLimit ?? 10_000, options.quiet ?? false),
        signatures: [],
        deliveries: new WebhookDeliveries(state, { quiet: options.quiet ?? false, now }),
        blobs,
        multipart: new MultipartUploads(blobs),
        fromUrl: new FromUrlJobs(options.allowLoopbackSources ?? false),
    };
    // A removed file's bytes go at once (the CDN then answers 404 for it); the record stays, as the REST API shows.
    state.events.on((event) => {
        if (event.name === "file.deleted") blobs.remove(event.file.uuid);
    });
    if (options.rateLimit !== undefined) runtime.limiter.set(options.rateLimit);
    if (options.throttleBursts !== undefined) runtime.bursts.set(options.throttleBursts);
    runtime.faults.inject(initialFaults(options));
    return runtime;
}

/** Latency first, so it adds to every request, whatever other rule decides its fate; the error rate last. */
function initialFaults(options: EmulatorOptions): FaultRule[] {
    const rules: FaultRule[] = [];
    if (options.latencyMs) {
        rules.push({ action: "delay", delayMs: options.latencyMs, times: Number.POSITIVE_INFINITY });
    }
    rules.push(...(options.faults ?? []));
    if (options.errorRate) {
        rules.push({ action: "status", status: 503, probability: options.errorRate, times: Number.POSITIVE_INFINITY });
    }
    return rules;
}

/** What a closing emulator lets go of: downloads in flight, and a temporary byte store. */
export function closeRuntime(runtime: Runtime): void {
    runtime.fromUrl.close();
    runtime.blobs.close();
}
