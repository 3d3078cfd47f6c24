import * as pulumi from "@pulumi/pulumi";

import { syncedFiles as sharedSyncedFiles } from "../provider/syncedFolder/files";

import shim = require("../provider/shims/syncedFolder");

import { type InAnotherProject, secretCredentials, withSecretCredentials } from "./credentials";
import { folderManifest, syncKeyFor } from "./folderManifest";
import { outputSlots } from "./outputSlots";
import { reported } from "./runError";
import { warnAboutSetup } from "./setupWarnings";

export interface SyncedFolderArgs extends InAnotherProject {
    /**
     * The local folder to keep in step, relative to the program (or absolute). Its selected files are hashed on
     * every run; the paths, relative with `/`, name the files in the preview and in `files`. Moving the same files
     * to another checkout is no change.
     */
    path: pulumi.Input<string>;
    /**
     * Globs ([picomatch](https://github.com/micromatch/picomatch)) over relative paths; a file is synced when one
     * matches. Default `["**"]`. Dot files and folders (`.env`, `.git/`) are synced only when a pattern names them,
     * e.g. `.well-known/**`.
     */
    include?: pulumi.Input<pulumi.Input<string>[]>;
    /** Globs of files left out even when `include` selects them; they also keep the walk out of a folder (`node_modules/**`). */
    exclude?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Metadata set on every file (at most 47 keys of `[\w\-.:]{1,64}`, values up to 512 characters). Keys starting
     * with `pulumi-` are the resource's own. A change updates every file in place.
     */
    metadata?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** Tags set on every file, stored normalised. A change updates every file in place. */
    tags?: pulumi.Input<pulumi.Input<string>[]>;
    /** Keep the files (default true). Unstored files are deleted by Uploadcare within 24 hours. */
    store?: pulumi.Input<boolean>;
    /**
     * Also keep one Group of all the files, ordered by relative path (default false; at most 1000 files). Any
     * change of the files makes a new group and deletes the old one.
     */
    group?: pulumi.Input<boolean>;
}

/** One synced file, as `files` gives it (a type, not an interface: the reference reads interfaces here as inputs). */
export type SyncedFile = {
    /** The file's UUID. */
    uuid: string;
    /** `https://<cdn host>/<uuid>/`. */
    cdnUrl: string;
    /** The size in bytes. */
    size: number;
    /** The content type the file was uploaded with, from its extension (`application/octet-stream` if unknown). */
    contentType: string;
};

/** `files` from the stored entries (`"<hash> <uuid> <size>"` by relative path) and the CDN origin. */
export function syncedFiles(entries: Record<string, string> | undefined, cdnBase: string | undefined) {
    return sharedSyncedFiles(entries, cdnBase) as Record<string, SyncedFile>;
}

/**
 * A local folder kept in step with Uploadcare files, as one resource: each run hashes the folder (SHA-256), the
 * preview names the paths added, changed and removed, and `up` uploads only those (in parallel, then stores them in
 * batches), then deletes the replaced and removed files in batches. The Pulumi id is the `syncKey`. Destroying it
 * deletes every file (and the group).
 */
export class SyncedFolder extends pulumi.dynamic.Resource {
    /** Relative path → the synced file: `{ uuid, cdnUrl, size, contentType }`, in path order. */
    declare readonly files: pulumi.Output<Record<string, SyncedFile>>;
    /** How many files are synced. */
    declare readonly count: pulumi.Output<number>;
    /** Their sizes added up, in bytes. */
    declare readonly totalBytes: pulumi.Output<number>;
    /** The group of all the files (`<uuid>~<count>`), when `group` is set. */
    declare readonly groupId: pulumi.Output<string | undefined>;
    /** The group's CDN URL, when `group` is set: append `nth/<i>/` for the i-th file in path order. */
    declare readonly groupCdnUrl: pulumi.Output<string | undefined>;
    /** The folder, absolute, as last synced. */
    declare readonly path: pulumi.Output<string>;
    /** The `metadata` argument (without the keys the resource adds to each file). */
    declare readonly metadata: pulumi.Output<Record<string, string>>;
    /** The `tags` argument, normalised. */
    declare readonly tags: pulumi.Output<string[]>;
    /** The `store` argument (default true). */
    declare readonly store: pulumi.Output<boolean>;
    /** The `group` argument (default false). */
    declare readonly group: pulumi.Output<boolean>;
    /** The key every file carries in its `pulumi-synced-folder` metadata: a hash of project, stack and resource name. */
    declare readonly syncKey: pulumi.Output<string>;
    /** The public key of the project the files belong to. */
    declare readonly project: pulumi.Output<string>;
    /** The CDN origin files are served from, ending in `/`. */
    declare readonly cdnBase: pulumi.Output<string>;
    /** Relative path → `"<hash> <uuid> <size>"`: the compact form `files` is read from. */
    declare readonly entries: pulumi.Output<Record<string, string>>;
    /** When the last sync started (ISO 8601). */
    declare readonly syncedAt: pulumi.Output<string>;

    constructor(name: string, args: SyncedFolderArgs, opts?: pulumi.CustomResourceOptions) {
        warnAboutSetup();
        // Hashed by the program, so the preview already knows which paths changed.
        const folder = pulumi.all([args?.path, args?.include, args?.exclude]).apply(([path, include, exclude]) =>
            reported(
                folderManifest(path as string, {
                    ...(include ? { include } : {}),
                    ...(exclude ? { exclude } : {}),
                }),
            ),
        );
        super(
            shim,
            name,
            {
                ...outputSlots("project", "cdnBase", "entries", "count", "totalBytes", "groupId", "groupCdnUrl"),
                ...outputSlots("syncedAt", "metadata", "tags", "store", "group"),
                path: folder.path,
                manifest: folder.manifest,
                syncKey: syncKeyFor(pulumi.getProject(), pulumi.getStack(), name),
                ...(args?.metadata !== undefined ? { metadata: args.metadata } : {}),
                ...(args?.tags !== undefined ? { tags: args.tags } : {}),
                ...(args?.store !== undefined ? { store: args.store } : {}),
                ...(args?.group !== undefined ? { group: args.group } : {}),
                ...(args?.credentials !== undefined ? { credentials: secretCredentials(args.credentials) } : {}),
            },
            withSecretCredentials(opts, args?.credentials),
            "uploadcare",
            "SyncedFolder",
        );
        const files = pulumi.all([this.entries, this.cdnBase]).apply(([entries, base]) => syncedFiles(entries, base));
        (this as { -readonly [K in "files"]: SyncedFolder[K] }).files = files;
    }
}
