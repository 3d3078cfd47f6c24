/**
 * Errors with stable `code`s (branch on `error.code`, as with undici). Messages name the method, path,
 * status and Uploadcare's own reason, and never carry the secret key or a signature: every message is
 * passed through `redact()` with the secrets the client knows about before it is stored.
 */
import { shownText } from "./shown";

export type UploadcareErrorCode =
    | "UPLOADCARE_CONFIG"
    | "UPLOADCARE_INPUT"
    | "UPLOADCARE_AUTH"
    | "UPLOADCARE_NOT_FOUND"
    | "UPLOADCARE_THROTTLED"
    | "UPLOADCARE_VALIDATION"
    | "UPLOADCARE_API"
    | "UPLOADCARE_BAD_RESPONSE"
    | "UPLOADCARE_PROJECT_UNPROVEN"
    | "UPLOADCARE_GONE"
    | "UPLOADCARE_CONFLICT"
    | "UPLOADCARE_OUTCOME_UNKNOWN"
    | "UPLOADCARE_STORE"
    | "UPLOADCARE_PARTIAL_CREATE"
    | "UPLOADCARE_EMULATOR"
    | "UPLOADCARE_NETWORK"
    | "UPLOADCARE_TIMEOUT"
    | "UPLOADCARE_FROM_URL";

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
    constructor(message: string, options?: { cause?: unknown }) {
        super("UPLOADCARE_CONFIG", message, options);
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
        const errorCode = safe(details.errorCode);
        const requestId = safe(details.requestId);
        const reason = [safe(details.detail), errorCode ? `(${errorCode})` : undefined].filter(Boolean).join(" ");
        const message =
            `Uploadcare ${details.method} ${details.origin}${safe(details.path)} failed with HTTP ${details.status}` +
            (reason ? `: ${reason}` : "") +
            // "…credentials. Your clock is…", not "…credentials.. Your clock is…".
            (details.hint ? `${reason.endsWith(".") ? "" : "."} ${details.hint}` : "") +
            (requestId ? ` [request id ${requestId}]` : "");
        super(code, message);
        this.method = details.method;
        this.path = safe(details.path) ?? "";
        this.origin = details.origin;
        this.status = details.status;
        this.detail = safe(details.detail);
        this.errorCode = errorCode;
        this.requestId = requestId;
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
export class UploadcareGroupNotFoundError extends UploadcareNotFoundError {
    readonly groupId: string;
    readonly publicKey: string;

    constructor(groupId: string, publicKey: string, lead: string, origin = "https://api.uploadcare.com") {
        super({ method: "GET", path: `/groups/${groupId}/`, origin, status: 404 });
        this.groupId = groupId;
        this.publicKey = publicKey;
        this.message =
            `${shownText(lead, 200)}: project ${publicKey} has no such group. It was deleted, belongs to another project ` +
            '(check the keys), or its "~N" file count is wrong. getGroups() lists the groups the project has.';
    }
}

/**
 * A 2xx answer whose body is not what the endpoint documents: an HTML captive portal, a proxy's own
 * page, `{}`. Nothing is read from it, so no output is ever built from a body Uploadcare did not send.
 */
export class UploadcareBadResponseError extends UploadcareApiError {
    constructor(details: ApiErrorDetails, secrets: readonly string[] = []) {
        super("UPLOADCARE_BAD_RESPONSE", details, secrets);
    }
}

/**
 * Uploadcare answered 404 for a resource in state, but the provider could not prove it is talking to
 * the REST API of the project that owns the resource, so the 404 may only mean "wrong endpoint or keys".
 * The operation fails and the state keeps the resource.
 */
export class UploadcareProjectUnprovenError extends UploadcareError {
    constructor(
        readonly resourceId: string,
        readonly recordedProject: string,
        readonly publicKey: string,
        readonly apiBaseUrl: string,
        reason: string,
        secrets: readonly string[] = [],
        cause?: unknown,
    ) {
        super(
            "UPLOADCARE_PROJECT_UNPROVEN",
            redact(
                `Uploadcare answered 404 for ${shownText(resourceId)}, which belongs to project ${recordedProject}, but ` +
                    `${apiBaseUrl} with public key ${publicKey} is not proven to be that project's REST API: ${reason}. ` +
                    "Nothing was removed from the state. Check uploadcare:apiBaseUrl (https://api.uploadcare.com, " +
                    "with no path) and uploadcare:publicKey / uploadcare:secretKey (or the UPLOADCARE_* variables), " +
                    "then run the command again.",
                secrets,
            ),
            cause === undefined ? undefined : { cause },
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

/** A resource in state that Uploadcare no longer has (proven), where an operation needs it to exist. */
export class UploadcareGoneError extends UploadcareError {
    constructor(message: string) {
        super("UPLOADCARE_GONE", message);
    }
}

/** What Uploadcare has contradicts what the program asks for (a group with other files, a duplicate). */
export class UploadcareConflictError extends UploadcareError {
    constructor(message: string) {
        super("UPLOADCARE_CONFLICT", message);
    }
}

/** A non-idempotent request may or may not have been applied, and the provider could not find out. */
export class UploadcareOutcomeUnknownError extends UploadcareError {
    constructor(message: string, cause: unknown) {
        super("UPLOADCARE_OUTCOME_UNKNOWN", message, { cause });
    }
}

/** Uploadcare answered a batch store, but could not store some files (UUID → its reason). */
export class UploadcareStoreError extends UploadcareError {
    constructor(readonly problems: Readonly<Record<string, string>>) {
        const list = Object.entries(problems).map(([uuid, reason]) => `${uuid}: ${reason}`);
        super("UPLOADCARE_STORE", `Uploadcare could not store ${list.length} file(s): ${list.join("; ")}`);
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
        code: "UPLOADCARE_NETWORK" | "UPLOADCARE_TIMEOUT" = "UPLOADCARE_NETWORK",
    ) {
        const via = details.proxy ? ` via proxy ${details.proxy}` : "";
        super(
            code,
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

/**
 * Uploadcare could not fetch a `from_url` source: it refused the URL, the download failed, or it did not finish in
 * time (`timedOut`). Names the URL (without user info or query, which may carry credentials) and Uploadcare's reason.
 */
export class UploadcareFromUrlError extends UploadcareError {
    constructor(
        readonly sourceUrl: string,
        readonly reason: string,
        readonly errorCode: string | undefined,
        readonly timedOut: boolean,
        options?: { cause?: unknown },
    ) {
        super(
            "UPLOADCARE_FROM_URL",
            `Uploadcare could not upload from ${shownText(sourceUrl, 200)}: ${reason}${errorCode ? ` (${errorCode})` : ""}`,
            options,
        );
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

/** Replaces each secret, and `Uploadcare <pub>:<sig>` and `Bearer <token>` credentials, with a marker. */
export function redact(text: string, secrets: readonly string[]): string {
    let out = text.replace(/(Uploadcare(?:\.Simple)?\s+[^:\s]+:|[Bb]earer\s+)[^\s"',]+/g, "$1[REDACTED]");
    for (const secret of secrets) {
        if (secret.length >= 4) out = out.split(secret).join("[REDACTED]");
    }
    return out;
}
