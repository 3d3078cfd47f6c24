/**
 * Reading a 2xx answer. A body that is not the documented JSON (an HTML captive portal, a proxy's page, `{}`)
 * becomes an `UploadcareBadResponseError`, never a `TypeError` or outputs without an id.
 */
import type { ApiCall, ApiResponse, UploadcareClient } from "./call";
import { baseUrlOf } from "./config";
import { UploadcareBadResponseError } from "./errors";

/** A type guard for a response body: the shapes in ./shapes.ts, or an endpoint's own. */
export type Shape<T> = (value: unknown) => value is T;

export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

const EXCERPT_CHARS = 120;

/** A short, single-line start of a body for an error message (redacted by the error itself). */
function excerpt(text: string): string {
    const line = text.replace(/\s+/g, " ").trim();
    return line.length > EXCERPT_CHARS ? `${line.slice(0, EXCERPT_CHARS)}…` : line;
}

/**
 * The body of a successful answer as `what`, or an `UploadcareBadResponseError` naming the method, path,
 * status, content type and the start of the body.
 */
export function bodyAs<T>(client: UploadcareClient, call: ApiCall, res: ApiResponse, what: string, shape: Shape<T>): T {
    const type = headerText(res.headers["content-type"]);
    if (/json/i.test(type) && shape(res.json)) return res.json;
    throw badResponse(client, call, res.status, `expected ${what} as JSON, got ${describeBody(type, res.text)}`);
}

export function badResponse(
    client: UploadcareClient,
    call: ApiCall,
    status: number,
    reason: string,
): UploadcareBadResponseError {
    const { url: base, setting } = baseUrlOf(client.config, call.api);
    const project = call.api === "project" ? "" : ` for project ${client.config.publicKey}`;
    const { secretKey, projectApiToken } = client.config;
    return new UploadcareBadResponseError(
        {
            method: call.method,
            path: call.path,
            origin: new URL(base).origin,
            status,
            detail: `${reason}. This is not an answer of Uploadcare's API`,
            hint: `Check ${setting} (${base})${project}, and any proxy between you and Uploadcare`,
        },
        [secretKey, projectApiToken].filter((s): s is string => Boolean(s)),
    );
}

function describeBody(type: string, text: string): string {
    const kind = type ? `"${type.split(";")[0]}"` : "no content type";
    return text ? `${kind} starting "${excerpt(text)}"` : `${kind} with an empty body`;
}

function headerText(value: string | string[] | undefined): string {
    return (Array.isArray(value) ? value[0] : value) ?? "";
}
