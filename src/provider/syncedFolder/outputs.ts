/** What a SyncedFolder stores: the echoed inputs, one compact entry per file, totals and the optional group. */
import type { RestFile } from "../../client";
import { type Entries, type Entry, encodeEntry } from "./entries";
import type { SyncedFolderInputs } from "./inputs";

export interface SyncedFolderOutputs {
    path: string;
    metadata: Record<string, string>;
    tags: string[];
    store: boolean;
    group: boolean;
    syncKey: string;
    /** The project (public key) the files are in: a 404 or a missing file is "gone" only there. */
    project: string;
    /** The CDN origin files are served from, ending in "/": a file's URL is `${cdnBase}${uuid}/`. */
    cdnBase: string;
    entries: Entries;
    count: number;
    totalBytes: number;
    groupId?: string;
    groupCdnUrl?: string;
    /**
     * Uploadcare's date of the newest upload recorded (or, before any, a time earlier than this resource's first
     * upload): the next sync looks for unrecorded uploads from there on (./recovery.ts).
     */
    syncedAt: string;
    /** Files the last sync could not delete yet; the next `up` deletes them. */
    pendingDeletes?: string[];
}

/** `https://<cdn host>/` from a file's `original_file_url` (`https://<cdn host>/<uuid>/<name>`), as the API gives it. */
export function cdnBaseOf(file: RestFile | undefined): string | undefined {
    if (!file?.original_file_url) return undefined;
    return new URL("../", new URL("./", file.original_file_url)).toString();
}

export function outputsOf(
    inputs: SyncedFolderInputs,
    files: Map<string, Entry>,
    rest: Pick<SyncedFolderOutputs, "project" | "cdnBase" | "syncedAt" | "groupId" | "groupCdnUrl" | "pendingDeletes">,
): SyncedFolderOutputs {
    const entries: Entries = {};
    let totalBytes = 0;
    for (const path of [...files.keys()].sort()) {
        const entry = files.get(path) as Entry;
        entries[path] = encodeEntry(entry);
        totalBytes += entry.size;
    }
    const { groupId, groupCdnUrl, pendingDeletes, ...always } = rest;
    return {
        path: inputs.path,
        metadata: inputs.metadata,
        tags: inputs.tags,
        store: inputs.store,
        group: inputs.group,
        syncKey: inputs.syncKey,
        ...always,
        entries,
        count: files.size,
        totalBytes,
        ...(groupId ? { groupId, groupCdnUrl: groupCdnUrl ?? "" } : {}),
        ...(pendingDeletes?.length ? { pendingDeletes } : {}),
    };
}
