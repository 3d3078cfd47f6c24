import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { signRequest } from "../client/sign";
import type { Project } from "./state";

/** Documented 401/400 `detail` strings (SPEC-REST components.responses; old docs for "not provided"). */
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

/**
 * Verifies `Authorization: Uploadcare <pub>:<sig>` by recomputing the signature from the bytes that arrived, or
 * `Uploadcare.Simple <pub>:<secret>` (refused over plain HTTP, as the real API does).
 */
export function authenticate(
    input: AuthInput,
    projectOf: (publicKey: string) => Project | undefined,
    now: Date,
): AuthResult {
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
        if (!safeEqual(credential, project.secretKey)) return fail(401, AUTH_DETAIL.incorrect);
        return { ok: true, project };
    }

    // Precedence when both are sent is UNCERTAIN (§2.2, open question 4): X-Uploadcare-Date wins here because the
    // official JS client sends it and a proxy could add a Date of its own.
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
    const expected = signRequest(
        {
            method: input.method,
            body: input.body,
            contentType: headerValue(input.headers["content-type"]) ?? "",
            date,
            uri: input.url,
        },
        project.secretKey,
    );
    if (!safeEqual(credential, expected)) return fail(401, AUTH_DETAIL.invalidSignature);
    return { ok: true, project };
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

function safeEqual(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
}

function fail(status: 400 | 401, detail: string): AuthResult {
    return { ok: false, status, detail };
}
