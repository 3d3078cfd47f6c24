/**
 * Uploading a SyncedFolder's new and changed files: many at once (the client's limiter keeps
 * `uploadcare:maxConcurrency` requests in flight), each **unstored** so that a run that dies before the batch store
 * leaves only temporary files, which Uploadcare deletes within 24 hours (https://uploadcare.com/docs/uploads/storage/)
 * and which the next run finds and adopts by their metadata (./recovery.ts).
 */
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { type UploadcareClient, UploadcareInputError, uploadDirect, uploadMultipart } from "../../client";
import { MULTIPART_THRESHOLD } from "../file/source";
import { sendUntilKnown } from "../runtime/lifecycle";
import type { Entry } from "./entries";
import { HASH_KEY, OWNER_KEY, PATH_KEY, type SyncedFolderInputs } from "./inputs";
import { shortSha256 } from "./manifest";
import { forEachLimited } from "./pool";

export interface UploadReport {
    uploaded: Map<string, Entry>;
    /** The first failure; the files uploaded before it are in `uploaded`. */
    error?: unknown;
}

/** Files up to this size are read whole (one open, one read): for many small files, streaming costs more. */
const READ_WHOLE_LIMIT = 1024 * 1024;

function unreadable(path: string, why: string): UploadcareInputError {
    const reason = `${why}; run the program again so the manifest matches the folder`;
    return new UploadcareInputError(`path ${path} ${reason}`, [{ property: `manifest["${path}"]`, reason }]);
}

/**
 * The file's size, and its bytes when it is small; small files are checked against the manifest's hash. Read
 * synchronously: each asynchronous open, stat, read and close is a round trip through libuv's thread pool, which
 * for 10,000 small files costs several times the reads themselves; one small read blocks for well under a
 * millisecond (https://nodejs.org/en/learn/asynchronous-work/dont-block-the-event-loop).
 */
function contentOf(file: string, path: string, hash: string): { size: number; bytes?: Buffer } {
    let fd: number | undefined;
    try {
        fd = openSync(file, "r");
        const { size } = fstatSync(fd);
        if (size > READ_WHOLE_LIMIT) return { size };
        const bytes = readFileSync(fd);
        if (shortSha256(createHash("sha256").update(bytes).digest()) !== hash) {
            throw unreadable(path, "changed after the program hashed it");
        }
        return { size: bytes.length, bytes };
    } catch (error) {
        if (error instanceof UploadcareInputError) throw error;
        throw unreadable(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    } finally {
        if (fd !== undefined) closeSync(fd);
    }
}

async function uploadOne(
    client: UploadcareClient,
    inputs: SyncedFolderInputs,
    path: string,
    log: (line: string) => void,
): Promise<Entry> {
    const hash = inputs.manifest[path] as string;
    const file = join(inputs.path, path);
    const { size, bytes } = contentOf(file, path, hash);
    const options = {
        filename: basename(path),
        store: "0" as const,
        metadata: { ...inputs.metadata, [OWNER_KEY]: inputs.syncKey, [PATH_KEY]: path, [HASH_KEY]: hash },
        tags: inputs.tags,
    };
    const send = async () => {
        if (bytes) return uploadDirect(client, { bytes }, options);
        if (size > MULTIPART_THRESHOLD) return (await uploadMultipart(client, { path: file, size }, options)).uuid;
        return uploadDirect(client, { path: file }, options);
    };
    // A lost answer is sent again: the extra copy is unstored and carries this resource's key, so it expires or is
    // deleted by the next run; never stored twice.
    const uuid = await sendUntilKnown(send, client.retry.maxErrorRetries, (error) =>
        log(`upload of ${path} may or may not have arrived (${error.message}); uploading again, unstored`),
    );
    return { hash, uuid, size };
}

/**
 * Uploads `paths` (relative to `inputs.path`); stops starting new uploads at the first failure and reports what
 * was uploaded until then. `progress` gets the count after each file.
 */
export async function uploadAll(
    client: UploadcareClient,
    inputs: SyncedFolderInputs,
    paths: readonly string[],
    progress: (done: number, total: number) => void,
    log: (line: string) => void,
): Promise<UploadReport> {
    const uploaded = new Map<string, Entry>();
    const { error } = await forEachLimited(paths, async (path) => {
        uploaded.set(path, await uploadOne(client, inputs, path, log));
        progress(uploaded.size, paths.length);
    });
    return error === undefined ? { uploaded } : { uploaded, error };
}
