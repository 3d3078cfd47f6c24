import { UploadcareNotFoundError } from "./errors";
import type { UploadcareClient } from "./transport";
import type { GroupPage, ProjectInfo, RestFile, RestGroup, StoreResult } from "./types";

/** REST API v0.7: one short function per endpoint, each with the statuses it accepts. */

/** `~` stays literal: every official client sends it unescaped. */
function groupPath(id: string): string {
    return `/groups/${encodeURIComponent(id).replace(/%7E/gi, "~")}/`;
}

export async function getGroup(client: UploadcareClient, id: string): Promise<RestGroup> {
    const res = await client.call({ api: "rest", method: "GET", path: groupPath(id), ok: [200], idempotent: true });
    return res.json as RestGroup;
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

/** DELETE removes the group object only; member files stay. 404 means it is already gone. */
export async function deleteGroup(client: UploadcareClient, id: string): Promise<"deleted" | "already-gone"> {
    const res = await client.call({
        api: "rest",
        method: "DELETE",
        path: groupPath(id),
        ok: [204, 200, 404],
        idempotent: true,
    });
    return res.status === 404 ? "already-gone" : "deleted";
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
    while (path) {
        const res = await client.call({ api: "rest", method: "GET", path, ok: [200], idempotent: true });
        const page = res.json as GroupPage;
        yield* page.results;
        path = page.next ? nextPath(client, page.next) : null;
    }
}

/** The next page on the configured API origin (a base URL may carry a path prefix behind a proxy). */
function nextPath(client: UploadcareClient, next: string): string {
    const url = new URL(next, client.config.apiBaseUrl);
    const prefix = new URL(client.config.apiBaseUrl).pathname.replace(/\/+$/, "");
    const path = prefix && url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    return path + url.search;
}

export async function getFile(client: UploadcareClient, uuid: string): Promise<RestFile> {
    const res = await client.call({
        api: "rest",
        method: "GET",
        path: `/files/${encodeURIComponent(uuid)}/`,
        ok: [200],
        idempotent: true,
    });
    return res.json as RestFile;
}

export const STORE_BATCH_LIMIT = 100;

/** Batch store (≤100 UUIDs per call). Storing twice is harmless, so it is retried like a GET. */
export async function storeFiles(client: UploadcareClient, uuids: readonly string[]): Promise<StoreResult> {
    if (uuids.length === 0 || uuids.length > STORE_BATCH_LIMIT) {
        throw new RangeError(`storeFiles takes 1 to ${STORE_BATCH_LIMIT} UUIDs, got ${uuids.length}`);
    }
    const res = await client.call({
        api: "rest",
        method: "PUT",
        path: "/files/storage/",
        body: JSON.stringify(uuids),
        contentType: "application/json",
        ok: [200],
        idempotent: true,
    });
    const body = res.json as Partial<StoreResult> | undefined;
    return { status: body?.status ?? "ok", problems: body?.problems ?? {}, result: body?.result ?? [] };
}

/** Cheap credential check. */
export async function getProject(client: UploadcareClient): Promise<ProjectInfo> {
    const res = await client.call({ api: "rest", method: "GET", path: "/project/", ok: [200], idempotent: true });
    return res.json as ProjectInfo;
}
