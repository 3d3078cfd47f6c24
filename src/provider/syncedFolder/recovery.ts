/**
 * Finding this resource's uploads that state does not record: a run killed after uploading (or after storing) and
 * before Pulumi wrote the result. Every file a SyncedFolder uploads carries its `syncKey`, relative path and hash in
 * metadata, and the file list returns metadata (https://uploadcare.com/api-refs/rest-api/v0.7.0/#tag/File), so one
 * paginated read finds them; only files carrying this resource's key are ever adopted or deleted.
 */
import { listFiles, MAX_FILE_PAGE_SIZE, type RestFile, type UploadcareClient } from "../../client";
import type { Found } from "./entries";
import { HASH_KEY, OWNER_KEY, PATH_KEY } from "./inputs";

/**
 * `since` is Uploadcare's own date of the newest recorded upload. An unrecorded upload comes from a later `pulumi up`
 * (a new process, seconds later), so no margin is needed beyond the list's own bound.
 */
const MARGIN_MS = 0;

/** `file` as one of this resource's files not in `recorded`, or undefined. */
export function foundFile(file: RestFile, syncKey: string, recorded: Set<string>): Found | undefined {
    const metadata = file.metadata ?? {};
    if (metadata[OWNER_KEY] !== syncKey || recorded.has(file.uuid) || file.datetime_removed) return undefined;
    const path = metadata[PATH_KEY];
    const hash = metadata[HASH_KEY];
    if (!path || !hash) return undefined;
    return { path, hash, uuid: file.uuid, size: file.size ?? 0, stored: Boolean(file.datetime_stored) };
}

/**
 * This resource's files not in `recorded`. `since` (the newest upload the previous sync recorded) bounds the read to
 * newer uploads: one page in the usual case. Without it (a create) the project's whole list is read.
 */
export async function findUnrecorded(
    client: UploadcareClient,
    syncKey: string,
    recorded: Set<string>,
    since: string | undefined,
): Promise<Found[]> {
    const start = since ? new Date(Date.parse(since) - MARGIN_MS) : undefined;
    const from = start && !Number.isNaN(start.getTime()) ? start.toISOString() : undefined;
    const found: Found[] = [];
    const options = { limit: MAX_FILE_PAGE_SIZE, ordering: "datetime_uploaded" as const, ...(from ? { from } : {}) };
    for await (const file of listFiles(client, options)) {
        const mine = foundFile(file, syncKey, recorded);
        if (mine) found.push(mine);
    }
    return found;
}
