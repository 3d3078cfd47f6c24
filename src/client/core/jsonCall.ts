import type { ApiCall } from "./call";

/**
 * A call to a JSON API (REST or Project) accepting exactly the statuses `ok`; `body`, when given, is sent as JSON,
 * as every official client does. Idempotent unless said otherwise: only creates may not be sent twice blindly.
 */
export function jsonCall(
    api: "rest" | "project",
    method: ApiCall["method"],
    path: string,
    ok: readonly number[],
    body?: unknown,
    idempotent = true,
): ApiCall {
    const call: ApiCall = { api, method, path, ok, idempotent };
    if (body !== undefined) {
        call.body = JSON.stringify(body);
        call.contentType = "application/json";
    }
    return call;
}
