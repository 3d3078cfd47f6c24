/**
 * REST API v0.7 file endpoints (https://uploadcare.com/api-refs/rest-api/v0.7.0/): listing, storing, deleting, and
 * file metadata. One short function per endpoint, like rest.ts (`getFile` and the batch `storeFiles` live there).
 */
import { UploadcareInputError } from "./errors";
import { describeValue, requireFileUuid } from "./ids";
import { nextPath } from "./rest";
import type { ApiCall, UploadcareClient } from "./transport";
import type { FilePage, RestFile } from "./types";
import { bodyAs, isFileMetadata, isFilePage, isRestFile } from "./validate";

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

function filePath(uuid: string, rest = ""): string {
    return `/files/${requireFileUuid(uuid, "file uuid")}/${rest}`;
}

/**
 * Metadata keys are part of a path, so they are checked before any request: 1 to 64 of Latin letters, digits,
 * `_`, `-`, `.` and `:` (https://uploadcare.com/docs/file-metadata/).
 */
export function requireMetadataKey(key: unknown): string {
    if (typeof key === "string" && /^[A-Za-z0-9_\-.:]{1,64}$/.test(key)) return key;
    const reason = `must be 1 to 64 of the characters A-Z a-z 0-9 _ - . : (got ${describeValue(key)})`;
    throw new UploadcareInputError(`metadata key ${reason}`, [{ property: "metadata key", reason }]);
}

function rest(method: ApiCall["method"], path: string, ok: number[], body?: string): ApiCall {
    const call: ApiCall = { api: "rest", method, path, ok, idempotent: true };
    if (body !== undefined) {
        call.body = body;
        call.contentType = "application/json";
    }
    return call;
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
        const call = rest("GET", path, [200]);
        const page: FilePage = bodyAs(client, call, await client.call(call), "a page of files", isFilePage);
        yield* page.results;
        path = page.next ? nextPath(client, path, page.next, seen, "/files/") : null;
    }
}

/** `PUT /files/:uuid/storage/`: stored for good; storing twice is harmless, so it is retried like a GET. */
export async function storeFile(client: UploadcareClient, uuid: string): Promise<RestFile> {
    const call = rest("PUT", filePath(uuid, "storage/"), [200]);
    return bodyAs(client, call, await client.call(call), "the stored file's info", isRestFile);
}

/**
 * `DELETE /files/:uuid/storage/`: the file info (with `datetime_removed`), or "not-found" for a 404, which only
 * the caller can turn into "already gone" (after proving the project).
 */
export async function deleteFile(client: UploadcareClient, uuid: string): Promise<RestFile | "not-found"> {
    const call = rest("DELETE", filePath(uuid, "storage/"), [200, 404]);
    const res = await client.call(call);
    if (res.status === 404) return "not-found";
    return bodyAs(client, call, res, "the deleted file's info", isRestFile);
}

/** `GET /files/:uuid/metadata/`: every key and value. */
export async function getFileMetadata(client: UploadcareClient, uuid: string): Promise<Record<string, string>> {
    const call = rest("GET", filePath(uuid, "metadata/"), [200]);
    return bodyAs(client, call, await client.call(call), "file metadata", isFileMetadata);
}

/** `PUT /files/:uuid/metadata/:key/` with the value as a JSON string: 201 when created, 200 when changed. */
export async function setFileMetadata(
    client: UploadcareClient,
    uuid: string,
    key: string,
    value: string,
): Promise<"created" | "updated"> {
    if (typeof value !== "string") {
        const reason = `must be a string, got ${describeValue(value)}`;
        throw new UploadcareInputError(`metadata value ${reason}`, [{ property: `metadata.${key}`, reason }]);
    }
    const path = filePath(uuid, `metadata/${requireMetadataKey(key)}/`);
    const res = await client.call(rest("PUT", path, [200, 201], JSON.stringify(value)));
    return res.status === 201 ? "created" : "updated";
}

/** `DELETE /files/:uuid/metadata/:key/`: 204, or "not-found" for a key (or file) Uploadcare does not have. */
export async function deleteFileMetadata(
    client: UploadcareClient,
    uuid: string,
    key: string,
): Promise<"deleted" | "not-found"> {
    const path = filePath(uuid, `metadata/${requireMetadataKey(key)}/`);
    const res = await client.call(rest("DELETE", path, [204, 404]));
    return res.status === 404 ? "not-found" : "deleted";
}
