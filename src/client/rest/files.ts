/**
 * REST API v0.7 file endpoints (https://uploadcare.com/api-refs/rest-api/v0.7.0/#tag/File): reading, listing,
 * storing and deleting. One short function per endpoint; file metadata is in ./metadata.ts.
 */
import type { UploadcareClient } from "../core/call";
import { UploadcareInputError } from "../core/errors";
import { describeValue, requireFileUuid } from "../core/ids";
import { type FilePage, isFilePage, isRestFile, isStoreResult, type RestFile, type StoreResult } from "../core/shapes";
import { bodyAs } from "../core/validate";
import { nextPath } from "./pages";
import { getJson, restCall } from "./request";

export interface ListFilesOptions {
    /** true: only stored files; false: only temporary ones; unset: both. */
    stored?: boolean;
    /** true: only removed files; false (Uploadcare's default): only existing ones. */
    removed?: boolean;
    /** Page size, 1 to `MAX_FILE_PAGE_SIZE` (Uploadcare's default 100). */
    limit?: number;
    ordering?: "datetime_uploaded" | "-datetime_uploaded";
    /** ISO-8601 date-time: the list starts after it (in the direction of `ordering`). */
    from?: string;
    /** `appdata`: each file also carries the data of the add-ons that ran on it. */
    include?: "appdata";
}

/**
 * The largest page of `GET /files/` ("Defaults to 100, while the maximum is 1000",
 * https://uploadcare.com/docs/api/rest/file/files-list/). The list has no tag filter: `POST /files/search/` has.
 */
export const MAX_FILE_PAGE_SIZE = 1000;

function listQuery(options: ListFilesOptions): URLSearchParams {
    const { limit } = options;
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_FILE_PAGE_SIZE)) {
        const reason = `must be a whole number from 1 to ${MAX_FILE_PAGE_SIZE}, got ${describeValue(limit)}`;
        throw new UploadcareInputError(`limit ${reason}`, [{ property: "limit", reason }]);
    }
    const query = new URLSearchParams();
    for (const key of ["stored", "removed", "limit", "ordering", "from", "include"] as const) {
        if (options[key] !== undefined) query.set(key, String(options[key]));
    }
    return query;
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
    const query = listQuery(options);
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

/** "Up to 100 files are supported per request" (https://uploadcare.com/api-refs/rest-api/v0.7.0/, batch storage). */
export const STORE_BATCH_LIMIT = 100;

/**
 * `PUT|DELETE /files/storage/` for any number of UUIDs: checked first, de-duplicated, sent in requests of at most
 * 100 (in parallel, as far as the client's concurrency allows), the answers merged. Both are safe to send again.
 */
async function batchStorage(
    client: UploadcareClient,
    method: "PUT" | "DELETE",
    uuids: readonly string[],
): Promise<StoreResult> {
    const unique = [...new Set(uuids.map((uuid, i) => requireFileUuid(uuid, `files[${i}]`)))];
    const batches: string[][] = [];
    for (let i = 0; i < unique.length; i += STORE_BATCH_LIMIT) batches.push(unique.slice(i, i + STORE_BATCH_LIMIT));
    const what = method === "PUT" ? "a batch storage result" : "a batch deletion result";
    const answers = await Promise.all(
        batches.map(async (batch) => {
            const call = restCall(method, "/files/storage/", [200], batch);
            return bodyAs(client, call, await client.call(call), what, isStoreResult);
        }),
    );
    const merged: StoreResult = { status: "ok", problems: {}, result: [] };
    for (const answer of answers) {
        if (answer.status !== undefined && answer.status !== "ok") merged.status = answer.status;
        Object.assign(merged.problems, answer.problems ?? {});
        merged.result.push(...(answer.result ?? []));
    }
    return merged;
}

/**
 * Stores every file of `uuids` (`PUT /files/storage/`, 100 per request). Files Uploadcare could not store are in
 * `problems` (UUID → reason); no UUIDs, no request.
 */
export async function storeFiles(client: UploadcareClient, uuids: readonly string[]): Promise<StoreResult> {
    return batchStorage(client, "PUT", uuids);
}

/**
 * Deletes every file of `uuids` (`DELETE /files/storage/`, 100 per request): each comes back in `result` with
 * `datetime_removed`; unknown ones are in `problems`.
 */
export async function deleteFiles(client: UploadcareClient, uuids: readonly string[]): Promise<StoreResult> {
    return batchStorage(client, "DELETE", uuids);
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
