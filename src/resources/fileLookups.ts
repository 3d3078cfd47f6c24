/**
 * Read-only lookups of files: file info (`GET /files/:uuid/`) and the list (`GET /files/`, pages fetched only as
 * the caller consumes them). No Pulumi here, so the same functions serve programs and plain scripts.
 */
import {
    getFile,
    listFiles,
    type RestFile,
    requireFileUuid,
    UploadcareInputError,
    UploadcareNotFoundError,
} from "../client";
import { cdnUrlOf } from "../provider/file/outputs";
import { type GroupLookupDeps, type LookupOptions, lookupRuntime } from "./groupLookups";

/** A file as the REST API reports it, in the package's camelCase. */
export interface FileDetails {
    uuid: string;
    /** `https://<cdn host>/<uuid>/`, from the API's URL of the original. */
    cdnUrl: string;
    size: number;
    mimeType: string;
    originalFilename: string;
    isImage: boolean;
    isReady: boolean;
    datetimeUploaded: string;
    datetimeStored: string | null;
    datetimeRemoved: string | null;
    metadata: Record<string, string>;
}

export interface GetFilesArgs {
    /** Only stored (true) or only unstored (false) files; default both. */
    stored?: boolean;
    /** Include removed files (default false). */
    removed?: boolean;
    /** Oldest first (default) or newest first. */
    ordering?: "datetime_uploaded" | "-datetime_uploaded";
    /** Stop after this many files (default: every file). */
    limit?: number;
}

export interface FileLookups {
    getFile(uuid: string, options?: LookupOptions): Promise<FileDetails>;
    listFiles(args?: GetFilesArgs, options?: LookupOptions): AsyncIterableIterator<FileDetails>;
}

export function fileDetails(file: RestFile): FileDetails {
    return {
        uuid: file.uuid,
        cdnUrl: cdnUrlOf(file),
        size: file.size ?? 0,
        mimeType: file.mime_type ?? "",
        originalFilename: file.original_filename ?? "",
        isImage: file.is_image ?? false,
        isReady: file.is_ready ?? false,
        datetimeUploaded: file.datetime_uploaded ?? "",
        datetimeStored: file.datetime_stored,
        datetimeRemoved: file.datetime_removed,
        metadata: { ...(file.metadata ?? {}) },
    };
}

function parseGetFilesArgs(args: GetFilesArgs) {
    const known = new Set(["stored", "removed", "ordering", "limit"]);
    const invalid = (property: string, reason: string) =>
        new UploadcareInputError(`${property} ${reason}`, [{ property, reason }]);
    for (const key of Object.keys(args)) {
        if (!known.has(key))
            throw invalid(key, "is not an option of getFiles/listFiles; use stored, removed, ordering or limit");
    }
    for (const key of ["stored", "removed"] as const) {
        if (args[key] !== undefined && typeof args[key] !== "boolean") throw invalid(key, "must be true or false");
    }
    if (args.ordering !== undefined && !["datetime_uploaded", "-datetime_uploaded"].includes(args.ordering)) {
        throw invalid("ordering", 'must be "datetime_uploaded" (oldest first) or "-datetime_uploaded" (newest first)');
    }
    if (args.limit !== undefined && (!Number.isInteger(args.limit) || args.limit < 1)) {
        throw invalid("limit", `must be a whole number of 1 or more, got ${JSON.stringify(args.limit)}`);
    }
    const { limit, ...list } = args;
    return { list: { ...list, limit: Math.min(limit ?? 100, 100) }, limit: limit ?? Number.POSITIVE_INFINITY };
}

export function createFileLookups(deps: GroupLookupDeps = {}): FileLookups {
    const runtime = lookupRuntime(deps);
    return {
        async getFile(uuid, options = {}) {
            const id = requireFileUuid(uuid, "uuid");
            const client = await runtime.client("looking up a file", true, options);
            try {
                return fileDetails(await getFile(client, id));
            } catch (error) {
                if (!(error instanceof UploadcareNotFoundError)) throw error;
                // Only a proven project "has no such file"; otherwise the error says what to check.
                await runtime.proof.confirmGone(client, `file ${id}`, client.config.publicKey);
                throw error;
            }
        },

        listFiles(args = {}, options = {}) {
            const parsed = parseGetFilesArgs(args);
            async function* pages(): AsyncGenerator<FileDetails> {
                const client = await runtime.client("listing files", true, options);
                let count = 0;
                for await (const file of listFiles(client, parsed.list)) {
                    yield fileDetails(file);
                    if (++count >= parsed.limit) return;
                }
            }
            return pages();
        },
    };
}
