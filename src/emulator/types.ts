/**
 * Public types of the local Uploadcare emulator. Kept free of runtime code so the provider, the CLI and tests can
 * import them without starting anything, and free of imports, so every module of the emulator can use them.
 */

export interface EmulatorOptions {
    /** Interface to bind; default "127.0.0.1" (never all interfaces unless asked). */
    host?: string;
    /** TCP port; default 0 = an ephemeral port chosen by the OS. */
    port?: number;
    /** Keys of the default project; defaults "demopublickey" / "demoprivatekey" (Uploadcare's public demo keys). */
    publicKey?: string;
    secretKey?: string;
    /** Number of demo files (stored images) created at start in the default project; default 0. */
    seedFiles?: number;
    /**
     * Groups that exist before the first request, as if made by the project's upload widgets; default 0. Group i
     * holds seeded files 2i and 2i+1 (modulo `seedFiles`; one file makes groups of 1), so it needs `seedFiles` >= 1.
     * Ids are deterministic (`seededGroupIds()`), datetimes increasing and older than any later group. Seeded only
     * into a fresh state: with `statePath`, an existing file is taken as it is, so deleted groups stay deleted.
     */
    seedGroups?: number;
    /** More projects, e.g. to check that files of another project are refused. */
    extraProjects?: { publicKey: string; secretKey: string; seedFiles?: number }[];
    /** Injected clock; default () => new Date(). Drives datetimes, the REST date check and signature expiry. */
    now?: () => Date;
    /** If set: state is loaded from this JSON file at start and rewritten after every mutation. */
    statePath?: string;
    /**
     * Requires `statePath`. Follow a state file that another process's emulator writes: never write it, and before
     * each request reload it if it changed (replacing all files and groups in memory). Requests that would change
     * state answer 503 "read-only". While the file does not exist, seeded files and groups live in memory only
     * (with the ids the writer will give them). Default false.
     */
    readOnlyState?: boolean;
    /**
     * Do not keep the process alive: the listening socket and every connection are unref'd. For an
     * emulator that lives inside a short process (a Pulumi program doing lookups), which must end when
     * its own work is done.
     */
    unref?: boolean;
    /**
     * Signed uploads on for the options' projects (the default one and `extraProjects`): the Upload API then requires
     * a token (`Authorization: Bearer`) or `signature` + `expire`. Projects made through the Project API have their
     * own setting (`features.uploads.is_signed_upload_enabled`).
     */
    signedUploads?: boolean;
    /**
     * The bearer token the Project API (`/projects/…`) accepts. Unset: every Project API request is answered 401
     * `invalid_token`.
     */
    projectApiToken?: string;
    /**
     * With `jsonerrors=1` the Upload API answers `{"error":{...}}`
     * (https://uploadcare.com/api-refs/upload-api/); the docs do not say whether the HTTP status is then the real
     * 4xx or 200, so both can be emulated. Default "real".
     */
    uploadJsonErrorsStatus?: "real" | 200;
    /** Read-after-write lag: REST `GET /groups/:id/` answers 404 for this long after the group was created. */
    readLagMs?: number;
    /** No per-request log lines on stderr. */
    quiet?: boolean;
    /** Seed of the PRNG behind `FaultRule.probability`, so flaky-network runs are reproducible. Default 1. */
    seed?: number;
    /**
     * A missing `Accept` header is answered 406 by default: the version lives in the Accept header
     * (https://uploadcare.com/api-refs/rest-api/v0.7.0/), and old API versions treated a missing one as v0.5.
     * Set false to treat a missing header as v0.7.
     */
    requireAcceptHeader?: boolean;
    /**
     * How REST group info shows removed files: "object" (full file object with `datetime_removed`, as recorded in
     * 2023) or "null" (as recorded for an old group in 2021). When the real API shows which is not documented.
     */
    restRemovedFiles?: "object" | "null";
    /**
     * Whether REST group info ends each member's `default_effects` with "/" (default true, as recorded). Nothing
     * documents the slash, so false answers without it, for clients that must not depend on it.
     */
    restEffectsTrailingSlash?: boolean;
    /** Initial REST + Upload rate limit in requests per second (token bucket); default none. */
    rateLimit?: number;
    /**
     * Periodic throttling: for `durationMs` out of every `everyMs` every REST and Upload request is answered 429 with
     * a Retry-After pointing at the end of the burst. Default none.
     */
    throttleBursts?: { everyMs: number; durationMs: number };
    /** Fault rules active from the start (as `injectFaults` would add them). */
    faults?: FaultRule[];
    /** Share of REST and Upload requests answered 503 (0..1, drawn from the seeded PRNG); default 0. */
    errorRate?: number;
    /** Added to every REST and Upload request before it is handled; default 0. */
    latencyMs?: number;
    /**
     * Keep every REST request signature, Upload API `signature` value and bearer token (upload JWTs, the Project API
     * token) received, for tests that check that no signature leaks into logs or state. In-process only: never
     * exposed by the admin API, the CLI or the request log.
     */
    recordSignatures?: boolean;
    /** The request log keeps the newest this many entries (default 10000), so a long-running emulator stays small. */
    requestLogLimit?: number;
    /**
     * Largest request body accepted on the Upload API upload route `POST /base/`, in bytes; default 100 MB (direct
     * uploads are for files under 100 MB: https://uploadcare.com/api-refs/upload-api/). Larger bodies get 413.
     */
    maxUploadBodyBytes?: number;
    /** Largest request body accepted anywhere else (REST, `POST /group/`, admin API), in bytes; default 1 MB. */
    maxBodyBytes?: number;
    /**
     * Uploads (`POST /base/`) in progress at once; one more is answered 429 with Retry-After; default 16.
     */
    maxConcurrentUploads?: number;
    /**
     * The CDN of the URLs in answers (`original_file_url`, groups' `cdn_url`): "cname" (default) the per-project
     * `https://<prefix>.ucarecd.net/` that projects created since September 2025 get (prefix derived from the public
     * key); "legacy" the shared `https://ucarecdn.com/` of older projects; "emulator" the emulator itself, which serves the bytes of
     * uploaded files at `<url>/<uuid>/` whatever this option says.
     */
    cdn?: "legacy" | "cname" | "emulator";
    /** CDN base URL used in answers instead of any `cdn` choice, e.g. a proxy in front of the emulator. */
    cdnBaseUrl?: string;
    /**
     * `POST /from_url/` may fetch loopback sources (`127.0.0.0/8`, `::1`, `localhost`), e.g. a test's own server.
     * Default false: like Uploadcare, which fetches only public URLs, the emulator refuses loopback, private and
     * link-local sources ("Only public IPs are allowed."). The emulator's own port is refused either way.
     */
    allowLoopbackSources?: boolean;
}

export interface RequestLogEntry {
    time: string;
    method: string;
    /** Path + query; query values are `***` except those of known paging, filter and id parameters. */
    path: string;
    /** Status answered; 0 when the connection was reset before an answer was computed. */
    status: number;
    api: "rest" | "upload" | "admin" | "cdn" | "project";
    /**
     * What the emulator injected: "status:503", "reset-before", "reset-after", "delay:200", "rate-limit",
     * "throttle-burst".
     */
    fault?: string;
}

export interface FaultRule {
    method?: string;
    /** A string matches as a prefix of the path (query excluded). */
    path?: string | RegExp;
    action: "status" | "reset-before" | "reset-after" | "delay";
    status?: number;
    /** For 429: the Retry-After header (seconds, or an HTTP date). */
    retryAfter?: number | string;
    delayMs?: number;
    /** How many matching requests the rule applies to; default 1; Infinity allowed. */
    times?: number;
    /** 0..1, default 1; drawn from the emulator's seeded PRNG. */
    probability?: number;
}

/** One file of a group, as given at creation: the UUID plus the CDN operations (`resize/800x/`, or ""). */
export interface GroupMember {
    uuid: string;
    defaultEffects: string;
}

export interface GroupRecord {
    /** `<uuid>~<count>` */
    id: string;
    projectPublicKey: string;
    /** `2026-11-26T12:00:00.123456Z` (microseconds, unique and increasing across the emulator). */
    datetimeCreated: string;
    files: GroupMember[];
}

export interface FileRecord {
    uuid: string;
    projectPublicKey: string;
    size: number;
    mimeType: string;
    originalFilename: string;
    isImage: boolean;
    /** Width/height when the content was recognised as an image. */
    image: { width: number; height: number; format: string } | null;
    datetimeUploaded: string;
    /** Time of the last store request; null while unstored and once removed. */
    datetimeStored: string | null;
    datetimeRemoved: string | null;
    metadata: Record<string, string>;
    /** File tags, normalised, in storage order; absent (no tags) in state files written before tags existed. */
    tags?: string[];
    /** SHA-256 (hex) of the bytes, for files uploaded with their content (not demo files, which have none). */
    sha256?: string;
}

export interface Emulator {
    /** e.g. "http://127.0.0.1:43123", no trailing slash; serves the REST API, the Upload API and `/__emulator/`. */
    url: string;
    publicKey: string;
    secretKey: string;
    /** UUIDs of the demo files seeded into the default project (stable: derived from the public key). */
    seededFiles: string[];
    /**
     * Ids of the seeded groups of the default project (`seedGroups`) that exist at start, in seed order: all of them
     * on a fresh state, the ones not deleted since on a restart.
     */
    seededGroups: string[];
    close(): Promise<void>;
    requests: RequestLogEntry[];
    clearRequests(): void;
    injectFaults(rules: FaultRule[]): void;
    clearFaults(): void;
    /** The fault rules still in force (not used up), in the order they are matched. */
    activeFaults(): FaultRule[];
    setRateLimit(rps: number | undefined): void;
    /** Starts (or, with undefined, stops) periodic throttle bursts; the first burst starts now. */
    setThrottleBursts(bursts: { everyMs: number; durationMs: number } | undefined): void;
    /** Signatures received so far, oldest first; always empty unless started with `recordSignatures`. */
    signatures(): string[];
    /** Current groups of the default (or given) project. */
    groups(projectPublicKey?: string): GroupRecord[];
    files(projectPublicKey?: string): FileRecord[];
    /** The bytes of an uploaded file (any project), read from disk; undefined for unknown, removed and demo files. */
    fileBytes(uuid: string): Promise<Buffer | undefined>;
    /** The three mutations below throw on a read-only emulator (`readOnlyState`). */
    createFiles(count: number, opts?: { stored?: boolean; projectPublicKey?: string }): string[];
    /** Returns whether the group existed. */
    deleteGroupOutOfBand(id: string): boolean;
    /** Marks the file removed, as if deleted in the dashboard; returns whether it existed. */
    removeFileOutOfBand(uuid: string): boolean;
    /** Webhook subscriptions of the default (or given) project, signing secrets included (in-process only). */
    webhooks(projectPublicKey?: string): WebhookRecord[];
    /** Deletes a webhook as if in the dashboard; returns whether it existed. Throws on a read-only emulator. */
    deleteWebhookOutOfBand(id: number): boolean;
    /** The webhook delivery log, oldest first (never a signing secret or a signature). */
    webhookDeliveries(): WebhookDelivery[];
    clearWebhookDeliveries(): void;
    /** Resolves once every webhook delivery in flight (retries included) is over. */
    flushWebhookDeliveries(): Promise<void>;
}

/** A webhook subscription (`/webhooks/` of the REST API). */
export interface WebhookRecord {
    id: number;
    projectPublicKey: string;
    targetUrl: string;
    event: string;
    isActive: boolean;
    /** In clear, as Uploadcare keeps and returns it; null when none is set. */
    signingSecret: string | null;
    version: string;
    created: string;
    updated: string;
}

/** One entry of the webhook delivery log. */
export interface WebhookDelivery {
    time: string;
    webhookId: number;
    event: string;
    fileUuid: string;
    targetUrl: string;
    /** "delivered": a 2xx; "failed": no 2xx after the last attempt; "skipped": not a loopback target. */
    outcome: "delivered" | "failed" | "skipped";
    /** The last answer's status; absent when none came (network error, skipped). */
    status?: number;
    attempts: number;
    /** Whether `X-Uc-Signature` was sent (the subscription has a signing secret). */
    signed: boolean;
    reason?: string;
}
