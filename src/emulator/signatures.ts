import type { IncomingHttpHeaders } from "node:http";

/**
 * For `recordSignatures` only: the REST Authorization credential and any Upload API `signature` value (query,
 * urlencoded or multipart form), appended to `into`.
 */
export function recordSignatures(
    headers: IncomingHttpHeaders,
    query: URLSearchParams,
    body: Buffer,
    into: string[],
): void {
    const auth = /^Uploadcare(?:\.Simple)?\s+[^:\s]+:(\S+)$/.exec(headers.authorization ?? "")?.[1];
    if (auth) into.push(auth);
    const fromQuery = query.get("signature");
    if (fromQuery) into.push(fromQuery);
    const text = body.length > 0 && body.length < 1_000_000 ? body.toString("latin1") : "";
    const urlencoded = /(?:^|&)signature=([^&]+)/.exec(text)?.[1];
    if (urlencoded) into.push(decodeURIComponent(urlencoded.replace(/\+/g, " ")));
    const multipart = /name="signature"\r\n(?:[^\r\n]*\r\n)*\r\n([^\r\n]+)/.exec(text)?.[1];
    if (multipart) into.push(multipart);
}
