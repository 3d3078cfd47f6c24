/**
 * Uploading a SyncedFolder's new and changed files: many at once (the client's limiter keeps
 * `uploadcare:maxConcurrency` requests in flight), each **unstored** so that a run that dies before the batch store
 * leaves only temporary files, which Uploadcare deletes within 24 hours (https://uploadcare.com/docs/uploads/storage/)
 * and which the next run finds and adopts by their metadata (./recovery.ts).
 */
import { stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { type UploadcareClient, UploadcareInputError, uploadDirect, uploadMultipart } from "../../client";
import { MULTIPART_THRESHOLD } from "../file/source";
import { sendUntilKnown } from "../runtime/lifecycle";
import type { Entry } from "./entries";
import { HASH_KEY, OWNER_KEY, PATH_KEY, type SyncedFolderInputs } from "./inputs";
import { forEachLimited } from "./pool";

export interface UploadReport {
    uploaded: Map<string, Entry>;
    /** The first failure; the files uploaded before it are in `uploaded`. */
    error?: unknown;
}

async function sizeOf(root: string, path: string): Promise<number> {
    try {
        return (await stat(join(root, path))).size;
    } catch (error) {
        const reason = `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); run the program again so the manifest matches the folder`;
        throw new UploadcareInputError(`path ${path} ${reason}`, [{ property: `manifest["${path}"]`, reason }]);
    }
}

async function uploadOne(
    client: UploadcareClient,
    inputs: SyncedFolderInputs,
    path: string,
    log: (line: string) => void,
): Promise<Entry> {
    const hash = inputs.manifest[path] as string;
    const size = await sizeOf(inputs.path, path);
    const options = {
        filename: basename(path),
        store: "0" as const,
        metadata: { ...inputs.metadata, [OWNER_KEY]: inputs.syncKey, [PATH_KEY]: path, [HASH_KEY]: hash },
        tags: inputs.tags,
    };
    const file = join(inputs.path, path);
    const send = async () =>
        size > MULTIPART_THRESHOLD
            ? (await uploadMultipart(client, { path: file, size }, options)).uuid
            : uploadDirect(client, { path: file }, options);
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
