import { createHash, createHmac } from "node:crypto";

/** The five parts of a request that Uploadcare's `Uploadcare` auth scheme signs. */
export interface SignableRequest {
    /** HTTP verb; upper-cased before signing. */
    method: string;
    /** The raw body exactly as sent (empty for GET/DELETE). */
    body: string | Uint8Array;
    /** The Content-Type header exactly as sent ("" when none is sent). */
    contentType: string;
    /** The Date (or X-Uploadcare-Date) header exactly as sent. */
    date: string;
    /** Path plus query string as sent, percent-encoded, without scheme and host. */
    uri: string;
}

export function md5Hex(body: string | Uint8Array): string {
    return createHash("md5").update(body).digest("hex");
}

/** METHOD \n md5(body) \n content-type \n date \n uri, with no trailing newline. */
export function stringToSign(req: SignableRequest): string {
    return [req.method.toUpperCase(), md5Hex(req.body), req.contentType, req.date, req.uri].join("\n");
}

/** Hex HMAC-SHA1 of the string to sign, keyed with the project's secret key. */
export function signRequest(req: SignableRequest, secretKey: string): string {
    return createHmac("sha1", secretKey).update(stringToSign(req)).digest("hex");
}

/** RFC 7231 date in GMT, the form every official client sends (`Mon, 05 Nov 2018 13:14:41 GMT`). */
export function httpDate(date: Date): string {
    return date.toUTCString();
}

/** Signed-uploads signature for the Upload API: hex HMAC-SHA256 of the `expire` unix seconds. */
export function uploadSignature(secretKey: string, expire: number | string): string {
    return createHmac("sha256", secretKey).update(String(expire)).digest("hex");
}

/** What an Upload API token says: when it was issued and expires (Unix seconds), and what it may be used for. */
export interface UploadTokenClaims {
    iat: number;
    exp: number;
    /** `uc.restrictions.scope`: endpoints, exact or `/prefix/*`; left out when undefined or empty. */
    scope?: readonly string[];
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

/**
 * An Upload API token (https://uploadcare.com/docs/api/upload/authentication/): a JWT signed with HS256 whose key
 * is the SHA-256 digest of the secret key as its raw 32 bytes (not hex). Claims in the order Uploadcare's own
 * minting code writes them (`exp`, `iat`, then `uc`); `uc` is left out when there is nothing to restrict, since
 * the server refuses unknown or empty claims.
 */
export function uploadToken(secretKey: string, claims: UploadTokenClaims): string {
    const payload: Record<string, unknown> = { exp: claims.exp, iat: claims.iat };
    if (claims.scope && claims.scope.length > 0) payload.uc = { restrictions: { scope: [...claims.scope] } };
    const unsigned = `${base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${base64url(JSON.stringify(payload))}`;
    const key = createHash("sha256").update(secretKey).digest();
    return `${unsigned}.${createHmac("sha256", key).update(unsigned).digest("base64url")}`;
}

/**
 * The narrowest scope that lets an upload call through: the exact endpoint for one-request uploads (`/base/`,
 * `/group/`), the family for uploads made of several requests (`/multipart/*`, `/from_url/*`); undefined for any
 * other path (no restriction).
 */
export function uploadTokenScope(path: string): string[] | undefined {
    const pathname = path.split("?")[0] ?? "";
    if (pathname === "/base/" || pathname === "/group/") return [pathname];
    const family = /^\/(multipart|from_url)\//.exec(pathname)?.[1];
    return family ? [`/${family}/*`] : undefined;
}
