/**
 * The manifest of a SyncedFolder: every file of a local folder that `include`/`exclude` select, by relative posix
 * path, with a hash of its bytes. The program computes it and passes it as an input, so `pulumi preview --diff`
 * names the paths added, changed and removed.
 *
 * - Hash: the first 16 bytes of the content's SHA-256, base64url (22 characters). SHA-256 runs on the CPU's SHA
 *   extensions (about as fast as SHA-1 and twice MD5 here), and 128 bits leave no practical chance of two different
 *   files colliding. Files are read one at a time, synchronously, in slices that give the event loop a turn (see
 *   `hashAll`): as fast as a plain sequential walk, where 16 parallel asynchronous reads took 2.5 times as long.
 * - Dot entries (`.git/`, `.env`, `.DS_Store`) are left out unless an `include` pattern names them explicitly
 *   (`.well-known/**`): picomatch's `dot: false` rule. A dot entry is not even looked at unless a segment of an
 *   `include` pattern that starts with a dot matches its name, so `.git` costs nothing.
 * - Symbolic links are followed, to files and to folders (also outside the folder); a link back to one of its own
 *   parent folders (a loop) and a selected link to nothing are errors. Sockets, FIFOs and devices are skipped.
 * - `exclude` also prunes the walk: `node_modules/**` keeps the walker out of `node_modules`.
 * - A folder with no selected file is an error: syncing it would delete every file, which is nearly always a build
 *   step that did not run. Destroy the resource to delete them all.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { UploadcareInputError } from "../../client";

import picomatch = require("picomatch");

/** relative posix path → content hash (22 base64url characters), sorted by path. */
export type Manifest = Record<string, string>;

export interface FolderManifestOptions {
    /** Globs (picomatch) over relative posix paths; a file is selected when one matches. Default `["**"]`. */
    include?: readonly string[];
    /** Globs (picomatch, dot entries included) of files left out even when `include` selects them. */
    exclude?: readonly string[];
    /** How files are opened and closed (tests count the descriptors open at once). Default `fs.openSync`/`closeSync`. */
    files?: FileAccess;
}

/** Opens a file for reading and closes it, synchronously. */
export interface FileAccess {
    open(file: string): number;
    close(fd: number): void;
}

export interface FolderManifest {
    /** The folder, absolute. */
    path: string;
    manifest: Manifest;
    /** Bytes read, all files together. */
    totalBytes: number;
}

/** Uploadcare metadata values are at most 512 characters, and each file's path is one (`pulumi-path`). */
export const MAX_PATH_LENGTH = 512;
const CHUNK = 256 * 1024;
/** Synchronous hashing runs this long at most before the event loop gets a turn. */
const SLICE_MS = 10;
const defaultAccess: FileAccess = { open: (file) => fs.openSync(file, "r"), close: (fd) => fs.closeSync(fd) };

/** The first 16 bytes of a SHA-256 digest, base64url: the manifest's hash and the `syncKey`. */
export function shortSha256(digest: Buffer): string {
    return digest.subarray(0, 16).toString("base64url");
}

/**
 * The key written into every file a SyncedFolder uploads (`pulumi-synced-folder`), so the uploads of a crashed run
 * are found and adopted by this resource, of this stack and project, only.
 */
export function syncKeyFor(project: string, stack: string, name: string): string {
    return shortSha256(createHash("sha256").update(`${project}/${stack}/${name}`).digest());
}

function inputError(property: string, reason: string): UploadcareInputError {
    return new UploadcareInputError(`SyncedFolder ${property}: ${reason}`, [{ property, reason }]);
}

function checkedGlobs(property: string, globs: readonly string[] | undefined): readonly string[] | undefined {
    if (globs === undefined) return undefined;
    if (!Array.isArray(globs) || globs.some((glob) => typeof glob !== "string" || glob.trim() === "")) {
        throw inputError(property, 'must be a list of non-empty glob patterns, e.g. ["**/*.html", "assets/**"]');
    }
    return globs;
}

/** The selection rule, and whether a dot-directory may hold selected files at all (see the module comment). */
function selector(include: readonly string[] | undefined, exclude: readonly string[] | undefined) {
    const included = picomatch(include && include.length > 0 ? [...include] : ["**"], { dot: false });
    const excluded = exclude && exclude.length > 0 ? picomatch([...exclude], { dot: true }) : () => false;
    // `.well-known/**` and `**/.*` name dot entries; `.git` is walked only when such a segment matches it.
    const dotSegments = (include ?? []).flatMap((glob) => glob.split("/").filter((segment) => segment.startsWith(".")));
    const namesDot = dotSegments.length > 0 ? picomatch(dotSegments, { dot: true }) : () => false;
    return {
        selects: (rel: string) => included(rel) && !excluded(rel),
        /** Not looked at at all: excluded (`dir/**` matches `dir` too), or a dot entry no pattern names. */
        skips: (rel: string, name: string) => excluded(rel) || (name.startsWith(".") && !namesDot(name)),
    };
}

async function checkedFolder(folder: string): Promise<string> {
    let stat: fs.Stats;
    try {
        stat = await fs.promises.stat(folder);
    } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : String(error);
        throw inputError("path", `${folder} ${reason}: give the folder to sync (relative to the program or absolute)`);
    }
    if (!stat.isDirectory())
        throw inputError("path", `${folder} is not a folder: give the folder that holds the files`);
    return fs.promises.realpath(folder);
}

/** The entry's type, following a symbolic link; undefined for what is neither a file nor a folder. */
async function kindOf(dir: string, entry: fs.Dirent): Promise<"file" | "dir" | "dangling" | undefined> {
    if (!entry.isSymbolicLink()) return entry.isFile() ? "file" : entry.isDirectory() ? "dir" : undefined;
    try {
        const stat = await fs.promises.stat(path.join(dir, entry.name));
        return stat.isFile() ? "file" : stat.isDirectory() ? "dir" : undefined;
    } catch {
        return "dangling";
    }
}

async function entriesOf(dir: string, rel: string): Promise<fs.Dirent[]> {
    try {
        return await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (error) {
        throw inputError("path", `${rel || dir} could not be listed (${error}): fix its permissions or exclude it`);
    }
}

interface Pending {
    dir: string;
    rel: string;
    /** Real paths of this folder and its parents: a link to one of them is a loop. */
    parents: readonly string[];
}

/** Relative posix paths of the selected files, sorted, walked one folder at a time (one descriptor). */
async function selectedFiles(root: string, realRoot: string, rule: ReturnType<typeof selector>): Promise<string[]> {
    const files: string[] = [];
    const pending: Pending[] = [{ dir: root, rel: "", parents: [realRoot] }];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
        const { dir, rel, parents } = next;
        for (const entry of await entriesOf(dir, rel)) {
            const entryRel = rel === "" ? entry.name : `${rel}/${entry.name}`;
            if (rule.skips(entryRel, entry.name)) continue;
            const kind = await kindOf(dir, entry);
            if (kind === "file" && rule.selects(entryRel)) files.push(entryRel);
            if (kind === "dangling" && rule.selects(entryRel)) {
                throw inputError("path", `${entryRel} is a symbolic link to nothing: fix or remove it, or exclude it`);
            }
            if (kind === "dir") pending.push(await subfolder(dir, entry, entryRel, parents));
        }
    }
    // Code-point order, the same on every machine and locale.
    return files.sort();
}

/** A folder to walk next; a link to the folder itself or to one of its parents is refused (a loop). */
async function subfolder(dir: string, entry: fs.Dirent, rel: string, parents: readonly string[]): Promise<Pending> {
    const abs = path.join(dir, entry.name);
    const real = entry.isSymbolicLink()
        ? await fs.promises.realpath(abs)
        : path.join(parents[parents.length - 1] as string, entry.name);
    if (parents.includes(real)) {
        throw inputError("path", `${rel} links back to a folder that contains it (a loop): exclude it`);
    }
    return { dir: abs, rel, parents: [...parents, real] };
}

/** Gives the event loop a turn once SLICE_MS of synchronous work has run, so other work is not held up. */
function slicer() {
    let start = performance.now();
    return async () => {
        if (performance.now() - start < SLICE_MS) return;
        await new Promise((resolve) => setImmediate(resolve));
        start = performance.now();
    };
}

/** Hashes one file through one descriptor and the reused buffer, chunk by chunk; bytes read are counted. */
async function hashFile(access: FileAccess, file: string, buffer: Buffer, turn: () => Promise<void>) {
    const fd = access.open(file);
    try {
        const hash = createHash("sha256");
        let size = 0;
        for (let read = fs.readSync(fd, buffer); read > 0; read = fs.readSync(fd, buffer)) {
            hash.update(buffer.subarray(0, read));
            size += read;
            // A large file yields between chunks too.
            await turn();
        }
        return { hash: shortSha256(hash.digest()), size };
    } finally {
        access.close(fd);
    }
}

/**
 * Hashes the files one at a time with synchronous reads, in slices with a turn of the event loop between them.
 * Each asynchronous read is a trip through libuv's thread pool: with 16 files in parallel that way, 10,000 small
 * files took 2.5 times as long as a plain sequential walk; this loop takes 0.8 times as long. One descriptor and
 * one CHUNK buffer at a time, so a large file never sits in memory.
 */
async function hashAll(root: string, rels: string[], options: FolderManifestOptions): Promise<FolderManifest> {
    const access = options.files ?? defaultAccess;
    const buffer = Buffer.allocUnsafe(CHUNK);
    const turn = slicer();
    const manifest: Manifest = {};
    let totalBytes = 0;
    for (const rel of rels) {
        try {
            const { hash, size } = await hashFile(access, path.join(root, ...rel.split("/")), buffer, turn);
            manifest[rel] = hash;
            totalBytes += size;
        } catch (error) {
            const vanished = (error as NodeJS.ErrnoException).code === "ENOENT";
            const reason = vanished ? "disappeared while the folder was read" : `could not be read (${error})`;
            throw inputError("path", `${rel} ${reason}: run again once the folder is no longer being written`);
        }
    }
    return { path: root, manifest, totalBytes };
}

/**
 * Why nothing is selected: an empty folder (dot entries aside) is named as `path`, whatever the patterns; otherwise
 * the patterns (`include`, else `exclude`) are.
 */
async function nothingSelected(root: string, include: unknown, exclude: unknown): Promise<UploadcareInputError> {
    const empty = (await fs.promises.readdir(root)).every((name) => name.startsWith("."));
    const consequence = "syncing it would delete every file";
    const remove = "to delete all the files, remove the resource";
    if (empty)
        return inputError("path", `${root} is empty: ${consequence}. Check that the folder was built; ${remove}.`);
    const property = include ? "include" : exclude ? "exclude" : "path";
    const by = include || exclude ? " by include/exclude" : "";
    return inputError(
        property,
        `no file of ${root} is selected${by}: ${consequence}. Check the patterns (dot entries need an include ` +
            `pattern that names them); ${remove}.`,
    );
}

/**
 * Walks `folder` (absolute, or relative to the working directory: a Pulumi program's own folder) and hashes every
 * selected file. Throws `UploadcareInputError` naming `path`, `include` or `exclude` and the fix.
 */
export async function folderManifest(folder: string, options: FolderManifestOptions = {}): Promise<FolderManifest> {
    if (typeof folder !== "string" || folder.trim() === "") {
        throw inputError("path", 'must be the folder to sync, e.g. "public" or "dist"');
    }
    const include = checkedGlobs("include", options.include);
    const exclude = checkedGlobs("exclude", options.exclude);
    const root = path.resolve(folder);
    const rels = await selectedFiles(root, await checkedFolder(root), selector(include, exclude));
    if (rels.length === 0) throw await nothingSelected(root, include, exclude);
    const long = rels.find((rel) => rel.length > MAX_PATH_LENGTH);
    if (long !== undefined) {
        throw inputError(
            "path",
            `${long.slice(0, 80)}… is longer than ${MAX_PATH_LENGTH} characters, the longest ` +
                "metadata value Uploadcare keeps: shorten it or leave it out with exclude",
        );
    }
    return hashAll(root, rels, options);
}
