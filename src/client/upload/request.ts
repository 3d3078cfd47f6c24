/**
 * Upload API calls (https://uploadcare.com/api-refs/upload-api/): authenticated by the public key in the form or
 * query (plus a signature for signed uploads), never by the REST signature.
 */
import type { ApiCall } from "../core/call";
import type { Fields } from "./form";

/** Upload API calls ask for JSON errors (`jsonerrors=1`), so failures carry Uploadcare's `error_code`. */
export function uploadCall(method: ApiCall["method"], path: string, idempotent: boolean): ApiCall {
    const separator = path.includes("?") ? "&" : "?";
    return { api: "upload", method, path: `${path}${separator}jsonerrors=1`, ok: [200], idempotent };
}

/** A POST of `application/x-www-form-urlencoded` fields. */
export function formCall(path: string, fields: Fields, idempotent: boolean): ApiCall {
    const body = new URLSearchParams(fields).toString();
    return { ...uploadCall("POST", path, idempotent), body, contentType: "application/x-www-form-urlencoded" };
}
