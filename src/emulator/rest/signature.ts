/**
 * The emulator's own check of the `Uploadcare` REST auth scheme, written from the docs
 * (https://uploadcare.com/docs/api/rest/authentication/) and never from the client's signing code: the two must
 * agree on the published test vectors, so a client that signs wrongly is refused here instead of being agreed with.
 *
 * The signature is the hex HMAC-SHA1, keyed with the project's secret key, of five lines joined by "\n" (no
 * trailing newline): the HTTP method, the hex MD5 of the body bytes, the Content-Type as sent (empty when none),
 * the date as sent, and the URI (path and query exactly as requested).
 */
import { createHash, createHmac } from "node:crypto";
import { sameText } from "../http/constantTime";

/** What a received request contributes to its signature, exactly as it arrived. */
export interface ReceivedRequest {
    method: string;
    body: Buffer;
    contentType: string;
    date: string;
    /** `req.url`: path and query as sent. */
    uri: string;
}

/** The signature the request should carry, hex. */
export function expectedRestSignature(req: ReceivedRequest, secretKey: string): string {
    const bodyMd5 = createHash("md5").update(req.body).digest("hex");
    const message = `${req.method.toUpperCase()}\n${bodyMd5}\n${req.contentType}\n${req.date}\n${req.uri}`;
    return createHmac("sha1", secretKey).update(message, "utf8").digest("hex");
}

/** Whether `signature` is the request's, compared in constant time. */
export function restSignatureMatches(req: ReceivedRequest, secretKey: string, signature: string): boolean {
    return sameText(signature, expectedRestSignature(req, secretKey));
}
