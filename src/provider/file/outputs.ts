import type { RestFile } from "../../client";

/** The outputs a File exposes; create, update and read all return the complete set. */
export interface FileOutputs {
    uuid: string;
    /** `https://<cdn host>/<uuid>/`, from the API's own `original_file_url` (never built by hand). */
    cdnUrl: string;
    size: number;
    mimeType: string;
    originalFilename: string;
    isImage: boolean;
    isReady: boolean;
    datetimeUploaded: string;
    /** Null while the file is not stored. */
    datetimeStored: string | null;
    metadata: Record<string, string>;
    /**
     * The tags as Uploadcare reports them: the file info's `tags` where it carries them (documented for REST v0.7
     * when tags are enabled, https://uploadcare.com/docs/file-tags/), else what the provider last set or read.
     */
    tags: string[];
    /**
     * The type the upload declared: the `contentType` input, else the one `filename`'s extension gives. Undefined
     * for a `sourceUrl` (nothing is declared; Uploadcare's own reading is `mimeType`) and for files uploaded by
     * versions before content types (0.1.x declared every upload `application/octet-stream`).
     */
    contentType?: string;
    /** The inputs, echoed so the next diff compares against them. */
    filename: string;
    store: boolean;
    /** For `source`: the sha256 of the bytes uploaded. */
    contentSha256?: string;
    sourceUrl?: string;
    /** The public key of the project the file belongs to: a 404 is trusted only from its API. */
    project: string;
}

/** What the program gave, echoed into the outputs. */
export type EchoedInputs = Pick<FileOutputs, "filename" | "store" | "contentSha256" | "sourceUrl" | "contentType">;

/** The CDN URL of the file itself: the API's URL of the original, without the file name. */
export function cdnUrlOf(file: RestFile): string {
    if (!file.original_file_url) return "";
    return new URL("./", file.original_file_url).toString();
}

/** `tags` stands in for the file info's own `tags` when the API leaves them out. */
export function outputsFromFile(
    file: RestFile,
    echoed: EchoedInputs,
    project: string,
    tags: readonly string[] = [],
): FileOutputs {
    return {
        uuid: file.uuid,
        cdnUrl: cdnUrlOf(file),
        size: file.size ?? 0,
        mimeType: file.mime_type ?? "",
        originalFilename: file.original_filename ?? echoed.filename,
        isImage: file.is_image ?? false,
        isReady: file.is_ready ?? false,
        datetimeUploaded: file.datetime_uploaded ?? "",
        datetimeStored: file.datetime_stored,
        metadata: { ...(file.metadata ?? {}) },
        tags: [...(file.tags ?? tags)],
        filename: echoed.filename,
        store: echoed.store,
        ...(echoed.contentSha256 !== undefined ? { contentSha256: echoed.contentSha256 } : {}),
        ...(echoed.sourceUrl !== undefined ? { sourceUrl: echoed.sourceUrl } : {}),
        ...(echoed.contentType !== undefined ? { contentType: echoed.contentType } : {}),
        project,
    };
}
