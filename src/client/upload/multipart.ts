/**
 * Multipart uploads with the Upload API (https://uploadcare.com/api-refs/upload-api/) for files of 10 MiB
 * (10,485,760 bytes) and more: start, presigned part PUTs, complete. Parts are read from disk one buffer per
 * sender: a file is never read whole into memory.
 */
import { type FileHandle, open } from "node:fs/promises";
import type { ApiCall, UploadcareClient } from "../core/call";
import { isLoopbackHost } from "../core/config";
import { UploadcareInputError, UploadcareNetworkError, UploadcareValidationError } from "../core/errors";
import { requireFileUuid } from "../core/ids";
import { isUploadFileInfo, type UploadFileInfo } from "../core/shapes";
import { badResponse, bodyAs, isRecord } from "../core/validate";
import { getUploadedFileInfo } from "./base";
import { declaredContentType } from "./contentType";
import { type Fields, fileFields, type UploadOptions } from "./form";
import { formCall } from "./request";

export interface MultipartOptions extends UploadOptions {
    /** Bytes per part (Uploadcare's default and minimum: 5 MiB). */
    partSize?: number;
    /** Parts sent at once (default 4). */
    partConcurrency?: number;
    /** Called as each part's PUT is answered, with the parts done so far (progress for the user). */
    onPart?(done: number, total: number): void;
}

const DEFAULT_PART_SIZE = 5_242_880;
const DEFAULT_PART_CONCURRENCY = 4;

/**
 * A presigned part URL must be https (or http to loopback, the emulator): it receives the file's bytes. The JS
 * client accepts `parts` as an array or an object of URLs; so does this one.
 */
function partUrls(client: UploadcareClient, call: ApiCall, parts: unknown, count: number): string[] {
    const urls = Array.isArray(parts) ? parts : isRecord(parts) ? Object.values(parts) : [];
    const safe = (value: unknown) => {
        if (typeof value !== "string" || !URL.canParse(value)) return false;
        const url = new URL(value);
        return url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
    };
    if (urls.length !== count || !urls.every(safe)) {
        throw badResponse(client, call, 200, `expected ${count} https part URLs`);
    }
    return urls as string[];
}

/** Reads exactly `length` bytes at `position` into the start of `buffer`. */
async function readFully(handle: FileHandle, buffer: Buffer, length: number, position: number): Promise<void> {
    for (let offset = 0; offset < length; ) {
        const { bytesRead } = await handle.read(buffer, offset, length - offset, position + offset);
        if (bytesRead === 0) {
            const reason = "ended before its size as checked: it changed during the upload; run the command again";
            throw new UploadcareInputError(`source ${reason}`, [{ property: "source", reason }]);
        }
        offset += bytesRead;
    }
}

/**
 * One part's raw bytes to its presigned URL. PUT to a presigned URL is idempotent: retried. For part uploads the
 * Upload API reference says "You MUST define `Content-Type`" (https://uploadcare.com/api-refs/upload-api/, multipart
 * upload part); Uploadcare's own clients send `application/octet-stream`.
 */
async function putPart(client: UploadcareClient, url: string, bytes: Uint8Array): Promise<void> {
    await client.call({
        api: "upload",
        method: "PUT",
        url,
        // Messages name the part's path only: the query is the presigned signature.
        path: new URL(url).pathname,
        body: bytes,
        contentLength: bytes.length,
        contentType: "application/octet-stream",
        ok: [200],
        idempotent: true,
    });
}

/**
 * Sends every part with at most `limit` in flight. Each sender reads its parts into one buffer of its own and
 * reuses it once the part's PUT has been answered (so the bytes were sent): memory stays at `limit` parts
 * whatever the file's size, and no garbage piles up per chunk.
 */
async function sendParts(
    client: UploadcareClient,
    urls: string[],
    file: { path: string; size: number },
    partSize: number,
    limit: number,
    onPart?: (done: number, total: number) => void,
) {
    const handle = await open(file.path, "r");
    try {
        let next = 0;
        let done = 0;
        const sender = async () => {
            const buffer = Buffer.allocUnsafe(Math.min(partSize, file.size));
            while (next < urls.length) {
                const index = next++;
                const start = index * partSize;
                const length = Math.min(partSize, file.size - start);
                await readFully(handle, buffer, length, start);
                await putPart(client, urls[index] as string, buffer.subarray(0, length));
                onPart?.(++done, urls.length);
            }
        };
        await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, urls.length)) }, sender));
    } finally {
        await handle.close();
    }
}

/**
 * A multipart upload → the file info. Start and part PUTs are safe to repeat (an abandoned start leaves no file);
 * complete is not, but its outcome can be found: after an ambiguous failure, or "already uploaded" on a retry,
 * the file is looked up by its UUID.
 */
export async function uploadMultipart(
    client: UploadcareClient,
    file: { path: string; size: number },
    options: MultipartOptions,
): Promise<UploadFileInfo> {
    const partSize = options.partSize ?? DEFAULT_PART_SIZE;
    const startFields: Fields = [
        ["filename", options.filename],
        ["size", String(file.size)],
        ["content_type", declaredContentType(options)],
        ["part_size", String(partSize)],
        ...fileFields(client, options),
    ];
    const start = formCall("/multipart/start/", startFields, true);
    const started = bodyAs(client, start, await client.call(start), "the multipart upload's parts", isRecord);
    const uuid = requireFileUuid(started.uuid, "multipart upload uuid");
    const urls = partUrls(client, start, started.parts, Math.ceil(file.size / partSize));
    const concurrency = options.partConcurrency ?? DEFAULT_PART_CONCURRENCY;
    await sendParts(client, urls, file, partSize, concurrency, options.onPart);
    return completeMultipart(client, uuid);
}

async function completeMultipart(client: UploadcareClient, uuid: string): Promise<UploadFileInfo> {
    const fields: Fields = [
        ["uuid", uuid],
        ["UPLOADCARE_PUB_KEY", client.config.publicKey],
    ];
    const call = formCall("/multipart/complete/", fields, false);
    try {
        return bodyAs(client, call, await client.call(call), "the uploaded file's info", isUploadFileInfo);
    } catch (error) {
        const ambiguous = error instanceof UploadcareNetworkError && error.ambiguous;
        const done =
            error instanceof UploadcareValidationError && error.errorCode === "MultipartFileAlreadyUploadedError";
        if (!ambiguous && !done) throw error;
        return getUploadedFileInfo(client, uuid).catch(() => Promise.reject(error));
    }
}
