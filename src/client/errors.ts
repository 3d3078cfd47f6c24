/**
 * Errors with stable `code`s (branch on `error.code`, as with undici). Messages name the method, path,
 * status and Uploadcare's own reason, and never carry the secret key or a signature: every message is
 * passed through `redact()` with the secrets the client knows about before it is stored.
 */

export type UploadcareErrorCode =
    | "UPLOADCARE_CONFIG"
    | "UPLOADCARE_INPUT"
    | "UPLOADCARE_AUTH"
    | "UPLOADCARE_NOT_FOUND"
    | "UPLOADCARE_THROTTLED"
    | "UPLOADCARE_VALIDATION"
    | "UPLOADCARE_API"
    | "UPLOADCARE_NETWORK";

const brand = Symbol.for("pulumi-uploadcare.error");

export class UploadcareError extends Error {
    readonly code: UploadcareErrorCode;
    readonly [brand] = true;

    constructor(code: UploadcareErrorCode, message: string, options?: { cause?: unknown }) {
        super(message, options);
        this.name = new.target.name;
        this.code = code;
    }

    /** Works across duplicate copies of this package, unlike `instanceof`. */
    static isUploadcareError(value: unknown): value is UploadcareError {
        return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
    }
}

/** Bad configuration found before any request is sent (missing key, unsafe base URL, …). */
export class UploadcareConfigError extends UploadcareError {
    constructor(message: string) {
        super("UPLOADCARE_CONFIG", message);
    }
}

/** Bad resource input found before any request is sent. */
export class UploadcareInputError extends UploadcareError {
    constructor(
        message: string,
        readonly failures: readonly { property: string; reason: string }[] = [],
    ) {
        super("UPLOADCARE_INPUT", message);
    }
}

export interface ApiErrorDetails {
    method: string;
    /** Path and query only; the origin is in `origin`. */
    path: string;
    origin: string;
    status: number;
    /** REST `detail` or Upload API `error.content`. */
    detail?: string;
    /** Upload API `error_code` (e.g. `GroupFilesNotFoundError`). */
    errorCode?: string;
    requestId?: string;
    retryAfterMs?: number;
    hint?: string;
}

/** Uploadcare answered with a status the endpoint does not accept. */
export class UploadcareApiError extends UploadcareError {
    readonly method: string;
    readonly path: string;
    readonly origin: string;
    readonly status: number;
    readonly detail: string | undefined;
    readonly errorCode: string | undefined;
    readonly requestId: string | undefined;

    constructor(code: UploadcareErrorCode, details: ApiErrorDetails, secrets: readonly string[] = []) {
        const safe = (text: string | undefined) => (text === undefined ? undefined : redact(text, secrets));
        const reason = [safe(details.detail), details.errorCode ? `(${details.errorCode})` : undefined]
            .filter(Boolean)
            .join(" ");
        const message =
            `Uploadcare ${details.method} ${details.origin}${safe(details.path)} failed with HTTP ${details.status}` +
            (reason ? `: ${reason}` : "") +
            // "…credentials. Your clock is…", not "…credentials.. Your clock is…".
            (details.hint ? `${reason.endsWith(".") ? "" : "."} ${details.hint}` : "") +
            (details.requestId ? ` [request id ${details.requestId}]` : "");
        super(code, message);
        this.method = details.method;
        this.path = safe(details.path) ?? "";
        this.origin = details.origin;
        this.status = details.status;
        this.detail = safe(details.detail);
        this.errorCode = details.errorCode;
        this.requestId = details.requestId;
    }
}

export class UploadcareAuthError extends UploadcareApiError {
    constructor(details: ApiErrorDetails, secrets: readonly string[] = []) {
        super("UPLOADCARE_AUTH", details, secrets);
    }
}

export class UploadcareNotFoundError extends UploadcareApiError {
    constructor(details: ApiErrorDetails, secrets: readonly string[] = []) {
        super("UPLOADCARE_NOT_FOUND", details, secrets);
    }
}

/**
 * A group id that Uploadcare answers 404 for, explained: which id, which project, and why that
 * usually happens. Thrown where an id was given by the user (adopting, looking up), not on refresh.
 */
export class UploadcareGroupNotFoundError extends UploadcareError {
    constructor(
        readonly groupId: string,
        readonly publicKey: string,
        lead: string,
    ) {
        super(
            "UPLOADCARE_NOT_FOUND",
            `${lead}: project ${publicKey} has no such group. It was deleted, belongs to another project ` +
                '(check the keys), or its "~N" file count is wrong. getGroups() lists the groups the project has.',
        );
    }
}

export class UploadcareThrottledError extends UploadcareApiError {
    readonly retryAfterMs: number | undefined;
    constructor(details: ApiErrorDetails, secrets: readonly string[] = []) {
        super("UPLOADCARE_THROTTLED", details, secrets);
        this.retryAfterMs = details.retryAfterMs;
    }
}

export class UploadcareValidationError extends UploadcareApiError {
    constructor(details: ApiErrorDetails, secrets: readonly string[] = []) {
        super("UPLOADCARE_VALIDATION", details, secrets);
    }
}

/** The request failed below HTTP: DNS, connect, TLS, reset, timeout. */
export class UploadcareNetworkError extends UploadcareError {
    readonly method: string;
    readonly url: string;
    /** undici's own code, e.g. `UND_ERR_CONNECT_TIMEOUT` or `ECONNREFUSED`. */
    readonly causeCode: string | undefined;
    /**
     * True when the request may have reached Uploadcare and been applied (connection lost after the
     * request was sent). Callers must not blindly repeat a non-idempotent request after this.
     */
    readonly ambiguous: boolean;

    constructor(
        details: {
            method: string;
            url: string;
            causeCode?: string;
            reason: string;
            ambiguous: boolean;
            proxy?: string;
        },
        cause: unknown,
    ) {
        const via = details.proxy ? ` via proxy ${details.proxy}` : "";
        super(
            "UPLOADCARE_NETWORK",
            `Uploadcare ${details.method} ${details.url}${via} failed: ${details.reason}` +
                (details.causeCode ? ` (${details.causeCode})` : ""),
            { cause },
        );
        this.method = details.method;
        this.url = details.url;
        this.causeCode = details.causeCode;
        this.ambiguous = details.ambiguous;
    }
}

/** Maps a non-accepted HTTP status to the error class users branch on. */
export function apiErrorFor(details: ApiErrorDetails, secrets: readonly string[]): UploadcareApiError {
    if (details.status === 401 || details.status === 403) return new UploadcareAuthError(details, secrets);
    if (details.status === 404) return new UploadcareNotFoundError(details, secrets);
    if (details.status === 429) return new UploadcareThrottledError(details, secrets);
    if (details.status === 400 || details.status === 413 || details.status === 422) {
        return new UploadcareValidationError(details, secrets);
    }
    return new UploadcareApiError("UPLOADCARE_API", details, secrets);
}

/** Replaces every occurrence of each secret (and of `Uploadcare <pub>:<sig>` signatures) with a marker. */
export function redact(text: string, secrets: readonly string[]): string {
    let out = text.replace(/(Uploadcare(?:\.Simple)?\s+[^:\s]+:)[^\s"',]+/g, "$1[REDACTED]");
    for (const secret of secrets) {
        if (secret.length >= 4) out = out.split(secret).join("[REDACTED]");
    }
    return out;
}
