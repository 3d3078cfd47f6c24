/**
 * REST API v0.7 calls (https://uploadcare.com/api-refs/rest-api/v0.7.0/): every one is signed by the transport,
 * and a JSON body is sent as `application/json`, as every official client does.
 */
import type { ApiCall, UploadcareClient } from "../core/call";
import { jsonCall } from "../core/jsonCall";
import { bodyAs, type Shape } from "../core/validate";

/**
 * A REST call accepting exactly the statuses `ok`. `body`, when given, is sent as JSON. Idempotent unless said
 * otherwise: only creates (`POST`) may not be sent twice blindly.
 */
export function restCall(
    method: ApiCall["method"],
    path: string,
    ok: readonly number[],
    body?: unknown,
    idempotent = true,
): ApiCall {
    return jsonCall("rest", method, path, ok, body, idempotent);
}

/** `GET path` → 200 with a body of `shape`, or an error naming `what` was expected. */
export async function getJson<T>(client: UploadcareClient, path: string, what: string, shape: Shape<T>): Promise<T> {
    const call = restCall("GET", path, [200]);
    return bodyAs(client, call, await client.call(call), what, shape);
}
