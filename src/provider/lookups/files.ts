/**
 * Read-only lookups of files: file info (`GET /files/:uuid/`) and the list (`GET /files/`, pages fetched only as
 * the caller consumes them). No Pulumi here, so the same functions serve programs and plain scripts.
 */
import {
    getFile,
    listFiles,
    MAX_FILE_PAGE_SIZE,
    normaliseTags,
    type RestFile,
    requireFileUuid,
    type UploadcareClient,
    UploadcareInputError,
} from "../../client";
import { type FileOutputs, outputsFromFile } from "../file/outputs";
import { tracked } from "../runtime/lifecycle";
import { type LookupDeps, type LookupOptions, limitedList, lookupRuntime } from "./runtime";

/** A file as the REST API reports it, in the package's camelCase (the File resource's outputs, plus removal). */
export type FileDetails = Omit<
    FileOutputs,
    "filename" | "store" | "contentSha256" | "sourceUrl" | "contentType" | "project"
> & {
    /** The same as `uuid`: a file's id is its UUID, as for the `File` resource. */
    id: string;
    datetimeRemoved: string | null;
};

export interface GetFilesArgs {
    /** Only stored (true) or only unstored (false) files; default both. */
    stored?: boolean;
    /** Include removed files (default false). */
    removed?: boolean;
    /** Oldest first (default) or newest first. */
    ordering?: "datetime_uploaded" | "-datetime_uploaded";
    /** Stop after this many files (default: every file). */
    limit?: number;
    /**
     * Only files carrying this tag (compared normalised: `Cat` is `cat`). `GET /files/` has no tag filter
     * (https://uploadcare.com/docs/api/rest/file/files-list/), so the list is read in pages of 1,000 and filtered
     * here: it reads the whole list (up to `limit` matches), about one request per 1,000 files.
     */
    tag?: string;
}

export interface FileLookups {
    getFile(uuid: string, options?: LookupOptions): Promise<FileDetails>;
    listFiles(args?: GetFilesArgs, options?: LookupOptions): AsyncIterableIterator<FileDetails>;
}

export function fileDetails(file: RestFile): FileDetails {
    const echoed = { filename: file.original_filename ?? "", store: Boolean(file.datetime_stored) };
    const { filename: _f, store: _s, project: _p, ...details } = outputsFromFile(file, echoed, "");
    return { id: file.uuid, ...details, datetimeRemoved: file.datetime_removed };
}

/** The tag filter, normalised and checked by the same rules as a File's tags. */
function parseTag(tag: unknown, invalid: (property: string, reason: string) => Error): string | undefined {
    if (tag === undefined) return undefined;
    const checked = normaliseTags([tag]);
    if (checked.ok && checked.tags.length === 1) return checked.tags[0];
    const why = checked.ok ? "is blank" : checked.reason.replace(/^has tag /, "");
    throw invalid("tag", `must be one tag of Latin letters, digits, "-", "_" and "." (up to 100): ${why}`);
}

function parseGetFilesArgs(args: GetFilesArgs) {
    const known = new Set(["stored", "removed", "ordering", "limit", "tag"]);
    const invalid = (property: string, reason: string) =>
        new UploadcareInputError(`${property} ${reason}`, [{ property, reason }]);
    for (const key of Object.keys(args)) {
        if (!known.has(key))
            throw invalid(key, "is not an option of getFiles/listFiles; use stored, removed, ordering, limit or tag");
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
    const tag = parseTag(args.tag, invalid);
    const { limit, tag: _tag, ...list } = args;
    // Filtered here, a page's size has nothing to do with `limit`: the largest pages cost the fewest requests.
    const pageSize = tag === undefined ? Math.min(limit ?? 100, 100) : MAX_FILE_PAGE_SIZE;
    return { list: { ...list, limit: pageSize }, limit: limit ?? Number.POSITIVE_INFINITY, tag };
}

/** The files of `list` carrying `tag`: the file info carries its tags (`[]` for none) in REST v0.7. */
async function* withTag(files: AsyncGenerator<RestFile>, tag: string): AsyncGenerator<RestFile> {
    for await (const file of files) if (file.tags?.includes(tag)) yield file;
}

export function createFileLookups(deps: LookupDeps = {}): FileLookups {
    const runtime = lookupRuntime(deps);
    return {
        async getFile(uuid, options = {}) {
            const id = requireFileUuid(uuid, "uuid");
            const client = await runtime.client("looking up a file", true, options);
            // Only a proven project "has no such file" (getFile's own 404); otherwise the error says what to check.
            const file = await tracked(runtime, client, `file ${id}`).require(
                () => getFile(client, id),
                (notFound) => notFound as Error,
            );
            return fileDetails(file);
        },

        listFiles(args = {}, options = {}) {
            const parsed = parseGetFilesArgs(args);
            const client = () => runtime.client("listing files", true, options);
            const { tag } = parsed;
            const list = (c: UploadcareClient) =>
                tag === undefined ? listFiles(c, parsed.list) : withTag(listFiles(c, parsed.list), tag);
            return limitedList(client, list, fileDetails, parsed.limit);
        },
    };
}
