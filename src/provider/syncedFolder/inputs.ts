/**
 * Validation of SyncedFolder inputs, run in `check` (no network, no disk): the manifest the program computed
 * (relative path → content hash), the metadata and tags every file gets, and the switches. What `check` returns is
 * what Pulumi stores and diffs, so tags are stored normalised.
 */
import { describeValue as describe, MAX_GROUP_FILES, normaliseTags } from "../../client";
import { type CheckFailure, isUnknown } from "../runtime/checks";
import { type Checked, checkKnownKeys, parseOrThrow, startCheck } from "../runtime/lifecycle";

export interface SyncedFolderInputs {
    /** The folder the manifest's paths are relative to (absolute; only read at create and update). */
    path: string;
    /** Relative posix path → content hash (SHA-256, first 16 bytes, base64url). */
    manifest: Record<string, string>;
    metadata: Record<string, string>;
    tags: string[];
    store: boolean;
    group: boolean;
    /** Identifies this resource of this stack in every file's metadata, so only its own uploads are adopted. */
    syncKey: string;
}

const KNOWN_INPUTS = ["path", "manifest", "metadata", "tags", "store", "group", "syncKey"];

/** Metadata keys the provider writes on every file; the program may not set them. */
export const OWNER_KEY = "pulumi-synced-folder";
export const PATH_KEY = "pulumi-path";
export const HASH_KEY = "pulumi-hash";
const RESERVED_PREFIX = "pulumi-";

const HASH = /^[A-Za-z0-9_-]{22}$/;
/** https://uploadcare.com/docs/file-metadata/: keys of 1–64 `[\w-.:]`, values up to 512 characters, 50 keys. */
const METADATA_KEY = /^[\w\-.:]{1,64}$/;
const MAX_METADATA_VALUE = 512;
const MAX_USER_METADATA_KEYS = 50 - 3;

const plainObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === "object" && value !== null && !Array.isArray(value);

/** Why `path` cannot be a manifest key (it also becomes the `pulumi-path` metadata value), or undefined. */
export function relativePathProblem(path: string): string | undefined {
    if (path === "" || path.startsWith("/") || path.includes("\\")) return "must be a relative path with / separators";
    if (path.split("/").some((part) => part === "" || part === "." || part === "..")) {
        return "may not contain empty, . or .. segments";
    }
    if (path.length > MAX_METADATA_VALUE) return `is longer than ${MAX_METADATA_VALUE} characters`;
    return undefined;
}

function checkManifest(value: unknown, failures: CheckFailure[]): void {
    if (isUnknown(value)) return;
    if (!plainObject(value)) {
        failures.push({ property: "manifest", reason: `must map relative paths to hashes, got ${describe(value)}` });
        return;
    }
    for (const [path, hash] of Object.entries(value)) {
        const problem = relativePathProblem(path);
        if (problem) failures.push({ property: `manifest["${path.slice(0, 80)}"]`, reason: problem });
        else if (!isUnknown(hash) && (typeof hash !== "string" || !HASH.test(hash))) {
            const reason = "must be a content hash (22 base64url characters), as SyncedFolder computes it";
            failures.push({ property: `manifest["${path}"]`, reason });
        }
    }
}

function checkMetadata(value: unknown, failures: CheckFailure[]): Record<string, string> | undefined {
    if (value === undefined || value === null) return {};
    if (isUnknown(value)) return undefined;
    if (!plainObject(value)) {
        failures.push({ property: "metadata", reason: `must map keys to strings, got ${describe(value)}` });
        return undefined;
    }
    const entries = Object.entries(value);
    if (entries.length > MAX_USER_METADATA_KEYS) {
        const reason = `has ${entries.length} keys; at most ${MAX_USER_METADATA_KEYS} (Uploadcare keeps 50 per file and SyncedFolder writes 3)`;
        failures.push({ property: "metadata", reason });
    }
    for (const [key, text] of entries) {
        const property = `metadata.${key}`;
        if (!METADATA_KEY.test(key)) failures.push({ property, reason: "keys are 1–64 letters, digits, _ - . or :" });
        else if (key.startsWith(RESERVED_PREFIX)) {
            failures.push({ property, reason: `keys starting with "${RESERVED_PREFIX}" are SyncedFolder's own` });
        }
        if (isUnknown(text)) continue;
        if (typeof text !== "string") failures.push({ property, reason: `must be a string, got ${describe(text)}` });
        else if (text.length === 0 || text.length > MAX_METADATA_VALUE) {
            failures.push({ property, reason: `must be 1–${MAX_METADATA_VALUE} characters` });
        }
    }
    return value as Record<string, string>;
}

function checkSwitch(checked: Checked, key: "store" | "group", fallback: boolean): void {
    const value = checked.inputs[key];
    if (value === undefined || value === null) checked.inputs[key] = fallback;
    else if (typeof value !== "boolean" && !isUnknown(value)) {
        checked.failures.push({ property: key, reason: `must be true or false, got ${describe(value)}` });
    }
}

/** Every failure of `news` at once, each naming its field; tags come back normalised. */
export function checkSyncedFolderInputs(news: Record<string, unknown>): Checked {
    const checked = startCheck(news);
    const { inputs, failures } = checked;
    checkKnownKeys(checked, news, KNOWN_INPUTS, () => `; SyncedFolder takes ${KNOWN_INPUTS.join(", ")}, credentials`);
    if (!isUnknown(inputs.path) && (typeof inputs.path !== "string" || inputs.path.trim() === "")) {
        failures.push({ property: "path", reason: `must be the folder to sync, got ${describe(inputs.path)}` });
    }
    if (!isUnknown(inputs.syncKey) && (typeof inputs.syncKey !== "string" || !HASH.test(inputs.syncKey))) {
        failures.push({
            property: "syncKey",
            reason: "must be set by the SyncedFolder class (22 base64url characters)",
        });
    }
    checkManifest(inputs.manifest, failures);
    inputs.metadata = checkMetadata(inputs.metadata, failures) ?? inputs.metadata;
    if (inputs.tags === undefined || inputs.tags === null) inputs.tags = [];
    else if (!isUnknown(inputs.tags)) {
        const tags = normaliseTags(inputs.tags);
        if (tags.ok) inputs.tags = tags.tags;
        else failures.push({ property: "tags", reason: `${tags.reason} (rule: ${tags.rule})` });
    }
    checkSwitch(checked, "store", true);
    checkSwitch(checked, "group", false);
    const files = plainObject(inputs.manifest) ? Object.keys(inputs.manifest).length : 0;
    if (inputs.group === true && files > MAX_GROUP_FILES) {
        const reason = `can hold at most ${MAX_GROUP_FILES} files and the folder has ${files}: set group: false or narrow include`;
        failures.push({ property: "group", reason });
    }
    return checked;
}

/** The typed inputs of create and update, checked again (a request is never built from bad data). */
export function parseSyncedFolderInputs(props: Record<string, unknown>): Promise<SyncedFolderInputs> {
    return parseOrThrow("SyncedFolder", props, checkSyncedFolderInputs, (inputs) => ({
        path: inputs.path as string,
        manifest: inputs.manifest as Record<string, string>,
        metadata: inputs.metadata as Record<string, string>,
        tags: inputs.tags as string[],
        store: inputs.store as boolean,
        group: inputs.group as boolean,
        syncKey: inputs.syncKey as string,
    }));
}
