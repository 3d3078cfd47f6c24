/** Turning a failed attempt into the details an `UploadcareError` carries. */

import type { ApiCall, ApiResponse } from "./call";
import type { ApiErrorDetails } from "./errors";
import { UploadcareNetworkError } from "./errors";
import { proxyFor } from "./proxy";
import { parseRetryAfter } from "./retry";
import { isRecord } from "./validate";

const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

// Errors raised before a single byte of the request could reach the server: always safe to retry.
const NOT_SENT_CODES = new Set([
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "UND_ERR_CONNECT_TIMEOUT",
    "EHOSTUNREACH",
    "ENETUNREACH",
]);

/** The Upload API with `jsonerrors=1` may answer 200 with `{error: {status_code}}`; use the real code. */
export function effectiveStatus(call: ApiCall, response: ApiResponse): number {
    if (call.api === "upload" && isRecord(response.json) && isRecord(response.json.error)) {
        const code = response.json.error.status_code;
        return typeof code === "number" && code >= 400 ? code : Math.max(response.status, 400);
    }
    return response.status;
}

/** Uploadcare's own reason from a REST `detail`, an Upload API `error`, or field-keyed validation errors. */
function reasonOf(response: ApiResponse): Pick<ApiErrorDetails, "detail" | "errorCode"> {
    const body = response.json;
    if (isRecord(body) && isRecord(body.error)) {
        return {
            ...(typeof body.error.content === "string" ? { detail: body.error.content } : {}),
            ...(typeof body.error.error_code === "string" ? { errorCode: body.error.error_code } : {}),
        };
    }
    if (isRecord(body) && typeof body.detail === "string") return { detail: body.detail };
    // The Project API's `{"message": …, "code": …}` (https://github.com/uploadcare/uploadcare-go, `ucare/error.go`).
    if (isRecord(body) && typeof body.message === "string") {
        return { detail: body.message, ...(typeof body.code === "string" ? { errorCode: body.code } : {}) };
    }
    if (isRecord(body)) {
        // Field-keyed validation errors: {"non_field_errors": ["…"]}.
        const detail = Object.entries(body)
            .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(", ") : String(value)}`)
            .join("; ");
        return { detail };
    }
    if (response.text && response.text.length < 500) return { detail: response.text.trim() };
    return {};
}

export function errorDetails(
    call: ApiCall,
    url: URL,
    response: ApiResponse,
    status: number,
    now: Date,
): ApiErrorDetails {
    const details: ApiErrorDetails = {
        method: call.method,
        path: call.path,
        origin: url.origin,
        status,
        ...reasonOf(response),
    };
    const requestId = response.headers["x-uploadcare-request-id"];
    if (typeof requestId === "string") details.requestId = requestId;
    const retryAfter = parseRetryAfter(response.headers["retry-after"], now);
    if (retryAfter !== undefined) details.retryAfterMs = retryAfter;
    if (status === 401 && call.api === "project") {
        details.hint =
            "Check uploadcare:projectApiToken (or UPLOADCARE_PROJECT_API_TOKEN): it is the account's Project API token";
    } else if (status === 401) {
        const hint = clockSkewHint(response.headers.date, now);
        if (hint) details.hint = hint;
    } else if (status === 404 && call.api === "upload" && call.method === "POST" && !details.errorCode) {
        details.hint = wrongUploadBaseHint(url, call);
    } else if (details.errorCode === "FileSizeLimitExceededError") {
        details.hint =
            "The project's file size limit (a Project's filesizeLimit, or the dashboard's upload settings) is below " +
            "this file's size: raise the limit, or upload a smaller file";
    }
    return details;
}

/**
 * Every Upload API POST route exists, and the real API names its errors (`error_code`): a bare 404 there means
 * the base URL points somewhere else, so the message names the setting that sent the request.
 */
function wrongUploadBaseHint(url: URL, call: ApiCall): string {
    const route = call.path.split("?")[0] ?? call.path;
    const base = url.pathname.endsWith(route) ? url.pathname.slice(0, -route.length) : "";
    return (
        `uploadcare:uploadBaseUrl (or UPLOADCARE_UPLOAD_BASE_URL) is ${url.origin}${base}, which has no Upload API ` +
        `${route} route: use https://upload.uploadcare.com (no path) or the emulator's URL`
    );
}

/** Signed requests fail when the local clock is more than 15 minutes off the server's. */
function clockSkewHint(serverDate: string | string[] | undefined, now: Date): string | undefined {
    const text = Array.isArray(serverDate) ? serverDate[0] : serverDate;
    if (!text) return undefined;
    const server = Date.parse(text);
    if (Number.isNaN(server)) return undefined;
    const skew = now.getTime() - server;
    if (Math.abs(skew) <= MAX_CLOCK_SKEW_MS) return undefined;
    const minutes = Math.round(Math.abs(skew) / 60_000);
    return (
        `Your clock is ${minutes} minutes ${skew > 0 ? "ahead of" : "behind"} the server's Date header ` +
        "(signed requests allow 15); fix the system time (e.g. enable NTP)"
    );
}

export function networkFailure(call: ApiCall, url: URL, cause: unknown): UploadcareNetworkError {
    const code = errorCode(cause);
    const reason = cause instanceof Error ? cause.message : String(cause);
    const proxy = proxyFor(url);
    return new UploadcareNetworkError(
        {
            method: call.method,
            url: url.origin + url.pathname,
            ...(code ? { causeCode: code } : {}),
            reason,
            ambiguous: !(code && NOT_SENT_CODES.has(code)),
            ...(proxy ? { proxy } : {}),
        },
        cause,
    );
}

function errorCode(cause: unknown): string | undefined {
    let current: unknown = cause;
    for (let depth = 0; depth < 4 && isRecord(current); depth++) {
        if (typeof current.code === "string") return current.code;
        current = current.cause;
    }
    return undefined;
}
