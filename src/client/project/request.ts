/**
 * Project API calls: bearer-authenticated (core/headers.ts), JSON bodies, every path relative to the configured base
 * (`uploadcare:projectApiBaseUrl`), and lists that follow their absolute `next` links within that base's origin.
 */
import type { ApiCall, UploadcareClient } from "../core/call";
import { baseUrlOf, joinUrl } from "../core/config";
import { UploadcareInputError } from "../core/errors";
import { describeValue } from "../core/ids";
import { jsonCall } from "../core/jsonCall";
import { badResponse, bodyAs, type Shape } from "../core/validate";
import type { ProjectApiPage } from "./shapes";

/** A Project API call accepting exactly the statuses `ok`; `body`, when given, is sent as JSON. */
export function projectCall(
    method: ApiCall["method"],
    path: string,
    ok: readonly number[],
    body?: unknown,
    idempotent = true,
): ApiCall {
    return jsonCall("project", method, path, ok, body, idempotent);
}

/** Sends `call` and reads a 2xx body of `shape`. */
export async function sendFor<T>(client: UploadcareClient, call: ApiCall, what: string, shape: Shape<T>): Promise<T> {
    return bodyAs(client, call, await client.call(call), what, shape);
}

/** Keys and secret ids become path segments: letters, digits, `_` and `-` only, so no input can change the path. */
function segment(value: unknown, property: string): string {
    if (typeof value === "string" && /^[A-Za-z0-9_-]{1,100}$/.test(value)) return value;
    const reason = `must be a non-empty string of letters, digits, "_" or "-", got ${describeValue(value)}`;
    throw new UploadcareInputError(`${property} ${reason}`, [{ property, reason }]);
}

/** `/projects/<pub_key>/` plus `rest`, the public key checked first. */
export function projectPath(pubKey: string, rest = ""): string {
    return `/projects/${segment(pubKey, "pubKey")}/${rest}`;
}

/** `secrets/<id>/`, the id checked first. */
export function secretSegment(id: string): string {
    return `secrets/${segment(id, "secretId")}/`;
}

/**
 * Every result of a paginated list. A `next` link is followed only on the configured base's origin (it carries the
 * bearer token) and never back to a page already read; anything else is refused, naming the link and the setting.
 */
export async function* listAll<T>(
    client: UploadcareClient,
    firstPath: string,
    what: string,
    shape: Shape<ProjectApiPage<T>>,
): AsyncGenerator<T> {
    let call: ApiCall | undefined = projectCall("GET", firstPath, [200]);
    const seen = new Set([joinUrl(baseUrlOf(client.config, "project").url, firstPath).href]);
    while (call) {
        const page: ProjectApiPage<T> = await sendFor(client, call, what, shape);
        yield* page.results;
        call = page.next ? nextCall(client, call, page.next, seen) : undefined;
    }
}

function nextCall(client: UploadcareClient, current: ApiCall, next: string, seen: Set<string>): ApiCall {
    const { url: baseText, setting } = baseUrlOf(client.config, "project");
    const base = new URL(baseText);
    let url: URL;
    try {
        url = new URL(next, base);
    } catch {
        throw badResponse(client, current, 200, `its "next" link is not a URL (${next.slice(0, 100)})`);
    }
    const shown = `${url.origin}${url.pathname}`;
    if (url.origin !== base.origin) {
        const reason =
            `its "next" link leaves ${base.origin} for ${shown}, and the token is sent only to the configured origin. ` +
            `If that is where the Project API lives, set ${setting} to its base`;
        throw badResponse(client, current, 200, reason);
    }
    if (seen.has(url.href)) throw badResponse(client, current, 200, `its "next" link repeats a page read (${shown})`);
    seen.add(url.href);
    return { ...projectCall("GET", url.pathname + url.search, [200]), url: url.href };
}
