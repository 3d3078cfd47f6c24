/** `files`, the output programs read, rebuilt from the compact entries and the CDN origin (class and native alike). */
import { contentTypeFor } from "../../client";
import { decodeEntry } from "./entries";

/** One synced file. */
export interface SyncedFileOutput {
    uuid: string;
    cdnUrl: string;
    size: number;
    contentType: string;
}

/** `files` from the stored entries (`"<hash> <uuid> <size>"` by relative path), in path order. */
export function syncedFiles(entries: unknown, cdnBase: unknown): Record<string, SyncedFileOutput> {
    const files: Record<string, SyncedFileOutput> = {};
    const base = typeof cdnBase === "string" ? cdnBase : "";
    const sorted = Object.entries((entries ?? {}) as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [rel, text] of sorted) {
        const entry = decodeEntry(text);
        if (!entry) continue;
        files[rel] = {
            uuid: entry.uuid,
            cdnUrl: `${base}${entry.uuid}/`,
            size: entry.size,
            contentType: contentTypeFor(rel),
        };
    }
    return files;
}
