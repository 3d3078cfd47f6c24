import type { IncomingHttpHeaders } from "node:http";
import { sameText } from "../http/constantTime";
import { usedSecret } from "../state/projects";
import type { Project } from "../state/state";
import { restSignatureMatches } from "./signature";

/**
 * Documented 401/400 `detail` strings (https://uploadcare.com/api-refs/rest-api/v0.7.0/, shared error responses;
 * older docs for "not provided").
 */
export const AUTH_DETAIL = {
    notProvided: "Authentication credentials were not provided.",
    incorrect: "Incorrect authentication credentials.",
    invalidSignature: "Invalid signature. Please check your Secret key.",
    simpleOverHttp: "Simple authentication over HTTP is forbidden. Please, use HTTPS or signed requests instead.",
    publicKeyNotFound: (publicKey: string) => `Public key ${publicKey} not found.`,
} as const;

/** "The date you provide MUST NOT exceed the 15-minute offset from the server time" (REST auth docs). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export interface AuthInput {
    method: string;
    /** Path + query exactly as received (`req.url`): that is what the client signed. */
    url: string;
    headers: IncomingHttpHeaders;
    body: Buffer;
    /** Whether the request came over HTTPS (only via `X-Forwarded-Proto: https` for the emulator). */
    secure: boolean;
}

export type AuthResult = { ok: true; project: Project } | { ok: false; status: 400 | 401; detail: string };

/** What the headers alone prove: the project, and for signed requests the date to check the signature with. */
type Credentials =
    | { ok: true; project: Project; signed: false }
    | { ok: true; project: Project; signed: true; signature: string; date: string }
    | { ok: false; status: 400 | 401; detail: string };

/**
 * Verifies `Authorization: Uploadcare <pub>:<sig>` by recomputing the signature from the bytes that arrived, or
 * `Uploadcare.Simple <pub>:<secret>` (refused over plain HTTP, as the real API does).
 */
export function authenticate(
    input: AuthInput,
    projectOf: (publicKey: string) => Project | undefined,
    now: Date,
): AuthResult {
    const credentials = checkCredentials(input, projectOf, now);
    if (!credentials.ok || !credentials.signed) return credentials;
    const { project, date, signature } = credentials;
    const received = {
        method: input.method,
        body: input.body,
        contentType: headerValue(input.headers["content-type"]) ?? "",
        date,
        uri: input.url,
    };
    const key = usedSecret(project, now, (secret) => restSignatureMatches(received, secret, signature));
    if (!key) return fail(401, AUTH_DETAIL.invalidSignature);
    return { ok: true, project };
}

/**
 * Every check that needs no body: scheme, public key, Simple auth's secret, the date. Lets a request whose body is
 * too large to read still get the 400/401 it deserves; only the signature itself needs the body.
 */
export function checkCredentials(
    input: Omit<AuthInput, "body">,
    projectOf: (publicKey: string) => Project | undefined,
    now: Date,
): Credentials {
    const header = input.headers.authorization;
    if (!header) return fail(401, AUTH_DETAIL.notProvided);
    const space = header.indexOf(" ");
    const scheme = space < 0 ? header : header.slice(0, space);
    const param = space < 0 ? "" : header.slice(space + 1).trim();
    // Like DRF: a scheme nobody handles means "no credentials", not "wrong credentials".
    if (scheme !== "Uploadcare" && scheme !== "Uploadcare.Simple") return fail(401, AUTH_DETAIL.notProvided);
    const colon = param.indexOf(":");
    if (colon <= 0) return fail(401, AUTH_DETAIL.incorrect);
    const publicKey = param.slice(0, colon);
    const credential = param.slice(colon + 1);

    if (scheme === "Uploadcare.Simple") {
        if (!input.secure) return fail(400, AUTH_DETAIL.simpleOverHttp);
        const project = projectOf(publicKey);
        if (!project) return fail(401, AUTH_DETAIL.publicKeyNotFound(publicKey));
        if (!usedSecret(project, now, (secret) => sameText(credential, secret)))
            return fail(401, AUTH_DETAIL.incorrect);
        return { ok: true, project, signed: false };
    }

    // The docs name both headers and no precedence: X-Uploadcare-Date wins here because the official JS client
    // sends it and a proxy could add a Date of its own.
    const date = headerValue(input.headers["x-uploadcare-date"]) ?? headerValue(input.headers.date);
    // A missing, unparseable or skewed date: the docs give no detail string; DRF's generic
    // "Incorrect authentication credentials." (one of the documented 401 details) is the pick.
    if (date === undefined) return fail(401, AUTH_DETAIL.incorrect);
    const sent = parseHttpDate(date);
    if (sent === undefined || Math.abs(sent - now.getTime()) > MAX_CLOCK_SKEW_MS) {
        return fail(401, AUTH_DETAIL.incorrect);
    }
    const project = projectOf(publicKey);
    if (!project) return fail(401, AUTH_DETAIL.publicKeyNotFound(publicKey));
    return { ok: true, project, signed: true, signature: credential, date };
}

/**
 * RFC 7231 dates, plus pyuploadcare's variant with a comma after the year ("Mon, 05 Nov 2018, 13:14:41 GMT"),
 * which production accepts (the Python client has sent it since 2021).
 */
export function parseHttpDate(value: string): number | undefined {
    const normalised = value.replace(/(\d{4}),/, "$1");
    const ms = Date.parse(normalised);
    return Number.isNaN(ms) ? undefined : ms;
}

function headerValue(v: string | string[] | undefined): string | undefined {
    return Array.isArray(v) ? v[0] : v;
}

function fail(status: 400 | 401, detail: string): { ok: false; status: 400 | 401; detail: string } {
    return { ok: false, status, detail };
}
