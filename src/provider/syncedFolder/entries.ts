/**
 * A SyncedFolder's state per file, and what a sync must do to it. Each file is one compact string,
 * `"<hash> <uuid> <size>"`, keyed by its relative path: about 70 bytes plus the path, so 10,000 files stay well
 * under the 200 bytes per file Pulumi has to write at every checkpoint.
 */

export interface Entry {
    hash: string;
    uuid: string;
    size: number;
}

export type Entries = Record<string, string>;

export function encodeEntry(entry: Entry): string {
    return `${entry.hash} ${entry.uuid} ${entry.size}`;
}

/** The entry, or undefined for a malformed one (treated as missing: the file is uploaded again). */
export function decodeEntry(text: unknown): Entry | undefined {
    if (typeof text !== "string") return undefined;
    const [hash, uuid, size] = text.split(" ");
    const bytes = Number(size);
    if (!hash || !uuid || !Number.isSafeInteger(bytes) || bytes < 0) return undefined;
    return { hash, uuid, size: bytes };
}

/** The stored entries of `olds`, decoded; malformed ones are left out. */
export function decodeEntries(value: unknown): Map<string, Entry> {
    const entries = new Map<string, Entry>();
    if (typeof value !== "object" || value === null) return entries;
    for (const [path, text] of Object.entries(value)) {
        const entry = decodeEntry(text);
        if (entry) entries.set(path, entry);
    }
    return entries;
}

/** A file of this resource found in Uploadcare but not in state (an earlier run's upload that was never recorded). */
export interface Found extends Entry {
    path: string;
    stored: boolean;
}

export interface SyncPlan {
    /** Paths whose recorded file already has the wanted bytes. */
    keep: string[];
    /** Paths served by a found file with the wanted bytes: no upload, stored if it is not yet. */
    adopt: Found[];
    /** Paths to upload. */
    upload: string[];
    /** Files to delete once the new ones are stored: replaced, removed from the folder, found but not wanted. */
    remove: string[];
}

/** What turns `current` (state) plus `found` (unrecorded uploads) into `manifest`. Pure. */
export function planSync(manifest: Record<string, string>, current: Map<string, Entry>, found: Found[]): SyncPlan {
    const plan: SyncPlan = { keep: [], adopt: [], upload: [], remove: [] };
    const candidates = new Map<string, Found>();
    for (const file of found) {
        const wanted = manifest[file.path] === file.hash && current.get(file.path)?.hash !== file.hash;
        if (wanted && !candidates.has(file.path)) candidates.set(file.path, file);
        else plan.remove.push(file.uuid);
    }
    for (const [path, hash] of Object.entries(manifest)) {
        const recorded = current.get(path);
        if (recorded?.hash === hash) {
            plan.keep.push(path);
            continue;
        }
        if (recorded) plan.remove.push(recorded.uuid);
        const adopted = candidates.get(path);
        if (adopted) plan.adopt.push(adopted);
        else plan.upload.push(path);
    }
    for (const [path, recorded] of current) {
        if (!Object.hasOwn(manifest, path)) plan.remove.push(recorded.uuid);
    }
    return plan;
}

/** Whether the recorded files are exactly the manifest's. */
export function inStep(manifest: Record<string, string>, current: Map<string, Entry>): boolean {
    const paths = Object.keys(manifest);
    return paths.length === current.size && paths.every((path) => current.get(path)?.hash === manifest[path]);
}
