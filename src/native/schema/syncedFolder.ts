/**
 * The schema of `uploadcare:index:SyncedFolder`, typed against the native resource's inputs and outputs (see
 * ./types.ts for how drift fails `tsc`). The plugin's Check computes the manifest and `syncKey` (../syncedFolder.ts).
 */
import type { NativeSyncedFolderArgs, NativeSyncedFolderOutputs, SyncedFile } from "../syncedFolder";
import { bool, int, requiredKeys, type SpecsOf, str, stringMap, strings } from "./types";

export const SYNCED_FOLDER_TOKEN = "uploadcare:index:SyncedFolder";
const SYNCED_FILE_TOKEN = "uploadcare:index:SyncedFile";

const syncedFolderInputs: SpecsOf<NativeSyncedFolderArgs> = {
    path: str(
        "The local folder to keep in step, relative to the program's folder (or absolute). Check hashes its selected files (SHA-256) on every run, so the preview names the paths (relative, with `/`) added, changed and removed. The same files in another checkout are no change.",
    ),
    include: strings(
        'Globs (picomatch, https://github.com/micromatch/picomatch) over relative paths; a file is synced when one matches. Default `["**"]`. Dot files and folders (`.env`, `.git/`) are synced only when a pattern names them, e.g. `.well-known/**`.',
    ),
    exclude: strings(
        "Globs of files left out even when `include` selects them; they also keep the walk out of a folder (`node_modules/**`).",
    ),
    metadata: stringMap(
        "Metadata set on every file (at most 47 keys of `[\\w\\-.:]{1,64}`, values up to 512 characters). Keys starting with `pulumi-` are the resource's own. A change updates every file in place.",
    ),
    tags: strings("Tags set on every file, stored normalised. A change updates every file in place."),
    store: bool("Keep the files (default true). Unstored files are deleted by Uploadcare within 24 hours."),
    group: bool(
        "Also keep one Group of all the files, ordered by relative path (default false; at most 1000 files). Any change of the files makes a new group and deletes the old one.",
    ),
};

const syncedFile: SpecsOf<SyncedFile> = {
    uuid: str("The file's UUID."),
    cdnUrl: str("`https://<cdn host>/<uuid>/`."),
    size: int("The size in bytes."),
    contentType: str(
        "The content type the file was uploaded with, from its extension (`application/octet-stream` if unknown).",
    ),
};

const syncedFolderOutputs: SpecsOf<NativeSyncedFolderOutputs> = {
    files: {
        type: "object",
        additionalProperties: { $ref: `#/types/${SYNCED_FILE_TOKEN}` },
        description: "Relative path → the synced file: `{ uuid, cdnUrl, size, contentType }`, in path order.",
    },
    count: int("How many files are synced."),
    totalBytes: int("Their sizes added up, in bytes."),
    groupId: str("The group of all the files (`<uuid>~<count>`), when `group` is set."),
    groupCdnUrl: str("The group's CDN URL, when `group` is set: append `nth/<i>/` for the i-th file in path order."),
    path: str("The folder, absolute, as last synced."),
    metadata: stringMap("The `metadata` input (without the keys the resource adds to each file)."),
    tags: strings("The `tags` input, normalised."),
    store: bool("The `store` input (default true)."),
    group: bool("The `group` input (default false)."),
    syncKey: str(
        "The key every file carries in its `pulumi-synced-folder` metadata: a hash of project, stack and resource name (the same as the TypeScript class's).",
    ),
    project: str("The public key of the project the files belong to."),
    cdnBase: str("The CDN origin files are served from, ending in `/`."),
    entries: stringMap('Relative path → `"<hash> <uuid> <size>"`: the compact form `files` is read from.'),
    syncedAt: str("When the last sync started (ISO 8601)."),
};

export const syncedFolderResourceSchema = {
    description:
        "A local folder kept in step with Uploadcare files, as one resource: Check hashes the folder (SHA-256) and the preview names the paths added, changed and removed; `up` uploads only those (in parallel, then stores them in batches), then deletes the replaced and removed files in batches. The id is the `syncKey`. Destroying it deletes every file (and the group). Import with `pulumi import uploadcare:index:SyncedFolder <name> <syncKey>` (the files carrying that key in their metadata; then give the resource its `path`).",
    inputProperties: syncedFolderInputs,
    requiredInputs: ["path"],
    properties: syncedFolderOutputs,
    required: requiredKeys(syncedFolderOutputs, ["groupId", "groupCdnUrl"]),
};

export const syncedFolderTypeSchemas = {
    [SYNCED_FILE_TOKEN]: {
        type: "object",
        description: "One file of a SyncedFolder.",
        properties: syncedFile,
        required: Object.keys(syncedFile),
    },
};
