/**
 * Upload API request bodies: the common fields (public key, store flag, metadata, signed-upload signature) and a
 * `multipart/form-data` body (RFC 7578) whose file part streams from disk, with its exact length computed up front
 * so it can be sent with a Content-Length.
 */
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import type { UploadcareClient } from "../core/call";
import { uploadSigning } from "../core/config";
import { UploadcareInputError } from "../core/errors";
import { uploadSignature } from "../core/sign";
import { requireTags } from "../rest/tags";

/** `UPLOADCARE_STORE` / `store`: "1" stores, "0" leaves the file temporary, "auto" follows the project setting. */
export type StoreFlag = "0" | "1" | "auto";

/** How long a signed-upload signature stays valid. */
const SIGNATURE_TTL_SECONDS = 30 * 60;

export type Fields = [string, string][];

function invalid(property: string, reason: string): UploadcareInputError {
    return new UploadcareInputError(`${property} ${reason}`, [{ property, reason }]);
}

/** The store flag, checked: anything else would silently mean something else to Uploadcare. */
export function storeField(store: unknown): StoreFlag {
    if (store === "0" || store === "1" || store === "auto") return store;
    throw invalid("store", `must be "0", "1" or "auto", got ${JSON.stringify(store)}`);
}

/** `metadata[key]` fields; keys and values are checked by Uploadcare, which names the rule broken. */
export function metadataFields(metadata: Record<string, string> | undefined): Fields {
    return Object.entries(metadata ?? {}).map(([key, value]): [string, string] => [`metadata[${key}]`, value]);
}

/**
 * `signature` + `expire` for projects with signed uploads, with the legacy scheme only
 * (https://uploadcare.com/docs/security/secure-uploads/); the current one is a JWT header (core/headers.ts).
 */
export function signatureFields(client: UploadcareClient): Fields {
    const { secretKey } = client.config;
    if (uploadSigning(client.config) !== "legacy" || !secretKey) return [];
    const expire = Math.floor(client.now().getTime() / 1000) + SIGNATURE_TTL_SECONDS;
    return [
        ["signature", uploadSignature(secretKey, expire)],
        ["expire", String(expire)],
    ];
}

/** What a file upload (direct or multipart) says about the new file. */
export interface UploadOptions {
    /** `original_filename` of the new file. */
    filename: string;
    /**
     * Declared type, sent as the file part's Content-Type (direct) or `content_type` (multipart); default: from
     * `filename`'s extension (`contentTypeFor`). Uploadcare recognises images from the bytes whatever this says.
     */
    contentType?: string;
    store: StoreFlag;
    metadata?: Record<string, string>;
    /**
     * Tags of the new file, sent as the comma-separated `tags` field (https://uploadcare.com/docs/file-tags/),
     * normalised and checked first; none or `[]` sends no field.
     */
    tags?: readonly string[];
}

/** The `tags` field: the normalised list, comma-separated. */
export function tagsFields(tags: readonly string[] | undefined): Fields {
    if (tags === undefined) return [];
    const normalised = requireTags(tags, "tags");
    return normalised.length === 0 ? [] : [["tags", normalised.join(",")]];
}

/** The fields direct and multipart uploads share: public key, store flag, metadata, tags, signature. */
export function fileFields(client: UploadcareClient, options: UploadOptions): Fields {
    if (typeof options.filename !== "string" || options.filename === "") {
        throw invalid("filename", "must be a non-empty string");
    }
    return [
        ["UPLOADCARE_PUB_KEY", client.config.publicKey],
        ["UPLOADCARE_STORE", storeField(options.store)],
        ...metadataFields(options.metadata),
        ...tagsFields(options.tags),
        ...signatureFields(client),
    ];
}

/**
 * A file part: its field, name, type, exact size, and its bytes: in memory already, or a way to open them (again,
 * for a retry).
 */
export interface FilePart {
    field: string;
    filename: string;
    contentType: string;
    size: number;
    content: Uint8Array | (() => Readable);
}

/** A multipart body of known length: one buffer when the file is in memory, else re-openable as a stream. */
interface MultipartBody {
    contentType: string;
    contentLength: number;
    body: Uint8Array | (() => Readable);
}

/** Quotes, CR and LF in a header parameter, escaped the way browsers escape them (WHATWG multipart encoding). */
function quoted(value: string): string {
    return value.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function multipartForm(fields: Fields, file: FilePart): MultipartBody {
    const boundary = `----PulumiUploadcare${randomBytes(12).toString("hex")}`;
    const text = fields
        .map(
            ([name, value]) =>
                `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`,
        )
        .join("");
    const head = Buffer.from(
        `${text}--${boundary}\r\nContent-Disposition: form-data; name="${quoted(file.field)}"; ` +
            `filename="${quoted(file.filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const contentType = `multipart/form-data; boundary=${boundary}`;
    const contentLength = head.length + file.size + tail.length;
    const content = file.content;
    // Bytes in memory go as one buffer: a stream per small file (an async generator, Readable.from, their promises
    // and ticks) is most of what a SyncedFolder of thousands of files allocates, and that churn grows the heap.
    if (typeof content !== "function") {
        return { contentType, contentLength, body: Buffer.concat([head, content, tail]) };
    }
    const open = content;
    async function* chunks(): AsyncGenerator<Buffer | Uint8Array> {
        yield head;
        for await (const chunk of open()) yield chunk as Buffer;
        yield tail;
    }
    return { contentType, contentLength, body: () => Readable.from(chunks(), { objectMode: false }) };
}
