/**
 * REST API v0.7 file endpoints (https://uploadcare.com/api-refs/rest-api/v0.7.0/#tag/File): reading, listing,
 * storing and deleting. One short function per endpoint; file metadata is in ./metadata.ts.
 */
import type { UploadcareClient } from "../core/call";
import { UploadcareInputError } from "../core/errors";
import { requireFileUuid } from "../core/ids";
import { type FilePage, isFilePage, isRestFile, isStoreResult, type RestFile, type StoreResult } from "../core/shapes";
import { bodyAs } from "../core/validate";
import { nextPath } from "./pages";
import { getJson, restCall } from "./request";

export interface ListFilesOptions {
    /** true: only stored files; false: only temporary ones; unset: both. */
    stored?: boolean;
    /** true: only removed files; false (Uploadcare's default): only existing ones. */
    removed?: boolean;
    /** Page size, 1 to 1000 (Uploadcare's default 100). */
    limit?: number;
    ordering?: "datetime_uploaded" | "-datetime_uploaded";
    /** ISO-8601 date-time: the list starts after it (in the direction of `ordering`). */
    from?: string;
}

/** `/files/:uuid/` plus `rest`; the UUID is checked before it is a path. */
export function filePath(uuid: string, rest = ""): string {
    return `/files/${requireFileUuid(uuid, "file uuid")}/${rest}`;
}

/** `GET /files/:uuid/`. */
export async function getFile(client: UploadcareClient, uuid: string): Promise<RestFile> {
    return getJson(client, filePath(uuid), "file info", isRestFile);
}

/** Every file matching `options`, page by page, following `next` like `listGroups`. */
export async function* listFiles(client: UploadcareClient, options: ListFilesOptions = {}): AsyncGenerator<RestFile> {
    const query = new URLSearchParams();
    for (const key of ["stored", "removed", "limit", "ordering", "from"] as const) {
        if (options[key] !== undefined) query.set(key, String(options[key]));
    }
    let path: string | null = `/files/${query.size ? `?${query}` : ""}`;
    const seen = new Set<string>();
    while (path) {
        seen.add(path);
        const page: FilePage = await getJson(client, path, "a page of files", isFilePage);
        yield* page.results;
        path = page.next ? nextPath(client, path, page.next, seen, "/files/") : null;
    }
}

/** `PUT /files/:uuid/storage/`: stored for good; storing twice is harmless, so it is retried like a GET. */
export async function storeFile(client: UploadcareClient, uuid: string): Promise<RestFile> {
    const call = restCall("PUT", filePath(uuid, "storage/"), [200]);
    return bodyAs(client, call, await client.call(call), "the stored file's info", isRestFile);
}

export const STORE_BATCH_LIMIT = 100;

/** `PUT /files/storage/`: batch store (≤100 UUIDs per call). Storing twice is harmless, so it is retried like a GET. */
export async function storeFiles(client: UploadcareClient, uuids: readonly string[]): Promise<StoreResult> {
    if (uuids.length === 0 || uuids.length > STORE_BATCH_LIMIT) {
        const reason = `takes 1 to ${STORE_BATCH_LIMIT} UUIDs per request, got ${uuids.length}`;
        throw new UploadcareInputError(`storeFiles ${reason}`, [{ property: "uuids", reason }]);
    }
    const body = uuids.map((uuid, i) => requireFileUuid(uuid, `files[${i}]`));
    const call = restCall("PUT", "/files/storage/", [200], body);
    const result = bodyAs(client, call, await client.call(call), "a batch storage result", isStoreResult);
    return { status: result.status ?? "ok", problems: result.problems ?? {}, result: result.result ?? [] };
}

/**
 * `DELETE /files/:uuid/storage/`: the file info (with `datetime_removed`), or "not-found" for a 404, which only
 * the caller can turn into "already gone" (after proving the project).
 */
export async function deleteFile(client: UploadcareClient, uuid: string): Promise<RestFile | "not-found"> {
    const call = restCall("DELETE", filePath(uuid, "storage/"), [200, 404]);
    const res = await client.call(call);
    if (res.status === 404) return "not-found";
    return bodyAs(client, call, res, "the deleted file's info", isRestFile);
}
