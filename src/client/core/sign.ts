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
