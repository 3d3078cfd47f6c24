/**
 * Paginated REST lists (`GET /groups/`, `GET /files/`): each page names the next one in `next`, which is followed
 * verbatim, since its path and query are what gets signed (https://uploadcare.com/api-refs/rest-api/v0.7.0/).
 */
import type { UploadcareClient } from "../core/call";
import { badResponse } from "../core/validate";
import { restCall } from "./request";

/**
 * The next page on the configured API origin (a base URL may carry a path prefix behind a proxy). A link
 * to another origin or path (than `listPath`), or back to a page already read, is not followed: it would loop or
 * leak.
 */
export function nextPath(
    client: UploadcareClient,
    current: string,
    next: string,
    seen: Set<string>,
    listPath: "/groups/" | "/files/",
): string {
    const base = new URL(client.config.apiBaseUrl);
    const url = new URL(next, base);
    const prefix = base.pathname.replace(/\/+$/, "");
    const path = prefix && url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    const result = path + url.search;
    const call = restCall("GET", current, [200]);
    if (url.origin !== base.origin || path !== listPath) {
        const list = listPath === "/groups/" ? "group list" : "file list";
        throw badResponse(client, call, 200, `its "next" link leaves the ${list} (${url.origin}${url.pathname})`);
    }
    if (seen.has(result))
        throw badResponse(client, call, 200, `its "next" link repeats a page already read (${result})`);
    return result;
}
