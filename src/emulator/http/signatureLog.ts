import type { IncomingHttpHeaders } from "node:http";

/**
 * For `recordSignatures` only: the REST Authorization credential, a bearer token (an upload JWT, the Project API
 * token) and any Upload API `signature` value (query or form field), appended to `into`.
 */
export function recordSignatures(
    headers: IncomingHttpHeaders,
    query: URLSearchParams,
    fields: readonly [string, string][],
    into: string[],
): void {
    const auth =
        /^Uploadcare(?:\.Simple)?\s+[^:\s]+:(\S+)$/.exec(headers.authorization ?? "")?.[1] ??
        /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? "")?.[1];
    if (auth) into.push(auth);
    const fromQuery = query.get("signature");
    if (fromQuery) into.push(fromQuery);
    for (const [name, value] of fields) if (name === "signature" && value) into.push(value);
}
