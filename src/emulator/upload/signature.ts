/**
 * The emulator's own check of signed uploads, written from the docs
 * (https://uploadcare.com/docs/security/secure-uploads/) and never from the client's signing code: `signature` is
 * the hex HMAC-SHA256 of the `expire` value (unix seconds, as a decimal string), keyed with the project's secret key.
 */
import { createHmac } from "node:crypto";
import { sameText } from "../http/constantTime";

/** The `signature` a signed upload with this `expire` must carry, hex. */
export function expectedUploadSignature(secretKey: string, expire: string): string {
    return createHmac("sha256", secretKey).update(expire, "utf8").digest("hex");
}

/** Whether `signature` is right for `expire`, compared in constant time. */
export function uploadSignatureMatches(secretKey: string, expire: string, signature: string): boolean {
    return sameText(signature, expectedUploadSignature(secretKey, expire));
}
