/**
 * REST API v0.7 group endpoints (https://uploadcare.com/api-refs/rest-api/v0.7.0/#tag/Group): one short function
 * per endpoint, each with the statuses it accepts and the body shape it reads. Groups are created with the Upload
 * API (../upload/group.ts).
 */
import type { UploadcareClient } from "../core/call";
import { UploadcareNotFoundError } from "../core/errors";
import { requireGroupId } from "../core/ids";
import { type GroupPage, isGroupPage, isRestGroup, type RestGroup } from "../core/shapes";
import { nextPath } from "./pages";
import { getJson, restCall } from "./request";

/** `~` stays literal: every official client sends it unescaped. The id is checked before it is a path. */
function groupPath(id: string): string {
    return `/groups/${requireGroupId(id, "group id")}/`;
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
    const res = await client.call(restCall("DELETE", groupPath(id), [204, 404]));
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
