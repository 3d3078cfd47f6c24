/**
 * The types every part of the client shares: one call as an endpoint function describes it, its response, and the
 * client that sends it. They live here, apart from the transport, so imports go one way: endpoint functions,
 * headers, failures and validation depend on these types, and the transport depends on them too.
 */
import type { Readable } from "node:stream";
import type { Dispatcher } from "undici";
import type { ClientConfig } from "./config";
import type { TransportTimeouts } from "./dispatcher";
import type { Limiter } from "./limiter";
import type { RetryPolicy } from "./retry";

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
    /** Largest response body read (default 16 MB). */
    maxResponseBytes?: number;
    /** Called before each retry wait (for logs and metrics); never receives secrets. */
    onRetry?: (event: RetryEvent) => void;
}

export interface ApiCall {
    /** Which API: its base URL, its authentication (`project`: the Project API's bearer token). */
    api: "rest" | "upload" | "project";
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
    /** Path plus query, e.g. `/groups/?limit=100`; with `url`, only what messages show of it (no query). */
    path: string;
    /**
     * Text, bytes, or a function that opens the body as a new stream for each attempt (a file on disk, never read
     * whole into memory). A stream body is retried like any other: the function re-creates it.
     */
    body?: string | Uint8Array | (() => Readable);
    /** Sent as Content-Length with a stream body (presigned part URLs refuse chunked bodies). */
    contentLength?: number;
    /** An absolute URL to send to instead of the API's base URL + `path` (a multipart part's presigned URL). */
    url?: string;
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
    /** The injectable wait of `ClientDeps.sleep`, for callers that poll (`waitForFromUrl`). */
    readonly sleep: (ms: number) => Promise<void>;
    call(call: ApiCall): Promise<ApiResponse>;
}
