import { UploadcareInputError, UploadcareNotFoundError } from "./errors";
import { requireFileUuid, requireGroupId } from "./ids";
import type { ApiCall, UploadcareClient } from "./transport";
import type { GroupPage, ProjectInfo, RestFile, RestGroup, StoreResult } from "./types";
import { badResponse, bodyAs, isGroupPage, isProjectInfo, isRestFile, isRestGroup, isStoreResult } from "./validate";

/**
 * REST API v0.7 (https://uploadcare.com/api-refs/rest-api/v0.7.0/): one short function per endpoint,
 * each with the statuses it accepts and the body shape it reads.
 */

/** `~` stays literal: every official client sends it unescaped. The id is checked before it is a path. */
function groupPath(id: string): string {
    return `/groups/${requireGroupId(id, "group id")}/`;
}

async function getJson<T>(client: UploadcareClient, path: string, what: string, shape: (v: unknown) => v is T) {
    const call: ApiCall = { api: "rest", method: "GET", path, ok: [200], idempotent: true };
    return bodyAs(client, call, await client.call(call), what, shape);
}

export async function getGroup(client: UploadcareClient, id: string): Promise<RestGroup> {
    return getJson(client, groupPath(id), "group info", isRestGroup);
}

/** Like getGroup, but `undefined` when Uploadcare answers 404 (deleted, never existed, other project). */
export async function findGroup(client: UploadcareClient, id: string): Promise<RestGroup | undefined> {
    try {
        return await getGroup(client, id);
    } catch (error) {
        if (error instanceof UploadcareNotFoundError) return undefined;
        throw error;
    }
}

/**
 * DELETE removes the group object only; member files stay. 204 is the documented success; 404 means
 * "not here", which only the caller can turn into "already gone" (after proving the project).
 */
export async function deleteGroup(client: UploadcareClient, id: string): Promise<"deleted" | "not-found"> {
    const res = await client.call({
        api: "rest",
        method: "DELETE",
        path: groupPath(id),
        ok: [204, 404],
        idempotent: true,
    });
    return res.status === 404 ? "not-found" : "deleted";
}

export interface ListGroupsOptions {
    /** ISO-8601 date-time: only groups created at or after it. */
    from?: string;
    limit?: number;
    ordering?: "datetime_created" | "-datetime_created";
}

/** Every group, page by page. Follows `next` verbatim (its path and query are what gets signed). */
export async function* listGroups(
    client: UploadcareClient,
    options: ListGroupsOptions = {},
): AsyncGenerator<RestGroup> {
    const query = new URLSearchParams();
    if (options.from !== undefined) query.set("from", options.from);
    if (options.limit !== undefined) query.set("limit", String(options.limit));
    if (options.ordering !== undefined) query.set("ordering", options.ordering);
    let path: string | null = `/groups/${query.size ? `?${query}` : ""}`;
    const seen = new Set<string>();
    while (path) {
        seen.add(path);
        const page: GroupPage = await getJson(client, path, "a page of groups", isGroupPage);
        yield* page.results;
        path = page.next ? nextPath(client, path, page.next, seen, "/groups/") : null;
    }
}

/**
 * The next page on the configured API origin (a base URL may carry a path prefix behind a proxy). A link
 * to another origin or path (than `listPath`), or back to a page already read, is not followed: it would loop or
 * leak. Internal: shared with `listFiles`.
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
    const call: ApiCall = { api: "rest", method: "GET", path: current, ok: [200], idempotent: true };
    if (url.origin !== base.origin || path !== listPath) {
        const list = listPath === "/groups/" ? "group list" : "file list";
        throw badResponse(client, call, 200, `its "next" link leaves the ${list} (${url.origin}${url.pathname})`);
    }
    if (seen.has(result))
        throw badResponse(client, call, 200, `its "next" link repeats a page already read (${result})`);
    return result;
}

export async function getFile(client: UploadcareClient, uuid: string): Promise<RestFile> {
    return getJson(client, `/files/${requireFileUuid(uuid, "file uuid")}/`, "file info", isRestFile);
}

export const STORE_BATCH_LIMIT = 100;

/** Batch store (≤100 UUIDs per call). Storing twice is harmless, so it is retried like a GET. */
export async function storeFiles(client: UploadcareClient, uuids: readonly string[]): Promise<StoreResult> {
    if (uuids.length === 0 || uuids.length > STORE_BATCH_LIMIT) {
        const reason = `takes 1 to ${STORE_BATCH_LIMIT} UUIDs per request, got ${uuids.length}`;
        throw new UploadcareInputError(`storeFiles ${reason}`, [{ property: "uuids", reason }]);
    }
    const call: ApiCall = {
        api: "rest",
        method: "PUT",
        path: "/files/storage/",
        body: JSON.stringify(uuids.map((uuid, i) => requireFileUuid(uuid, `files[${i}]`))),
        contentType: "application/json",
        ok: [200],
        idempotent: true,
    };
    const body = bodyAs(client, call, await client.call(call), "a batch storage result", isStoreResult);
    return { status: body.status ?? "ok", problems: body.problems ?? {}, result: body.result ?? [] };
}

/** Project info: the cheapest signed call, and the proof of which project the keys and URL reach. */
export async function getProject(client: UploadcareClient): Promise<ProjectInfo> {
    return getJson(client, "/project/", "project info", isProjectInfo);
}
