/**
 * Request body parsing for the Upload API: `application/x-www-form-urlencoded` and `multipart/form-data`. Multipart
 * bodies are parsed as they stream in (by @fastify/busboy): a file part's bytes are counted, and only its first
 * `SNIFF_BYTES` are kept (for `upload/media.ts` to recognise images). With a `Staging`, each file part is also streamed to
 * a staging file on disk as it arrives (the upload route keeps the bytes; see state/blobs.ts).
 */
import type { Readable, Writable } from "node:stream";
import { finished } from "node:stream/promises";
import type { BusboyFileStream, BusboyInstance } from "@fastify/busboy";
import type { BlobStore, StagedBlob } from "../state/blobs";
import { readLimitedBody } from "./body";

/** Enough of a file to find PNG/GIF headers and a JPEG start-of-frame after typical EXIF and ICC segments. */
export const SNIFF_BYTES = 256 * 1024;

export interface FormPart {
    name: string;
    /** Present for file parts (Content-Disposition carried a filename). */
    filename?: string;
    contentType?: string;
    /** Bytes in the part. */
    size: number;
    /** The first `SNIFF_BYTES` bytes (all of them for a smaller part). */
    head: Buffer;
    /** With a `Staging`: the staging file holding all the bytes, and their SHA-256 (hex). */
    stagedPath?: string;
    sha256?: string;
}

/**
 * Where file parts go: `paths` collects every staging file created, adopted or not, so the caller can discard the
 * leftovers whatever happened (a refused upload, a body over the limit, a broken form).
 */
export interface Staging {
    store: BlobStore;
    paths: string[];
}

export interface ParsedForm {
    /** Text fields in arrival order (a name may repeat, e.g. `files[]`). */
    fields: [string, string][];
    files: FormPart[];
}

export class FormParseError extends Error {}

/** The body is over the limit; the rest of it was not read. */
export class BodyTooLargeError extends Error {}

/**
 * Parses a form body of at most `limit` bytes. Rejects with `BodyTooLargeError` as soon as the limit is passed and
 * with `FormParseError` for a body that is not a form of the declared type (an empty body of any type is an empty
 * form).
 */
export async function parseForm(
    contentType: string,
    body: Readable,
    limit: number,
    staging?: Staging,
): Promise<ParsedForm> {
    const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
    if (type === "multipart/form-data") return parseMultipart(contentType, body, limit, staging);
    const buffer = await readLimitedBody(body, limit);
    if (buffer === undefined) throw new BodyTooLargeError();
    if (type === "application/x-www-form-urlencoded") {
        return { fields: [...new URLSearchParams(buffer.toString("utf8")).entries()], files: [] };
    }
    if (buffer.length === 0) return { fields: [], files: [] };
    throw new FormParseError(`unsupported content type ${JSON.stringify(contentType)}`);
}

function parseMultipart(contentType: string, body: Readable, limit: number, staging?: Staging): Promise<ParsedForm> {
    return new Promise((resolve, reject) => {
        const form: ParsedForm = { fields: [], files: [] };
        const writes: Promise<void>[] = [];
        const writers: Writable[] = [];
        let parser: BusboyInstance;
        try {
            // Loaded on first use: a program that only imports the emulator (or never parses a multipart body)
            // does not load the parser.
            const { Busboy } = require("@fastify/busboy") as typeof import("@fastify/busboy");
            parser = Busboy({
                headers: { "content-type": contentType },
                // Only parts with a filename are files, whatever their Content-Type.
                isPartAFile: (_name, _type, filename) => filename !== undefined,
                // The filename as sent, path and all: `original_filename` shows what the client named the file.
                preservePath: true,
                limits: { fieldSize: limit, fileSize: limit },
            });
        } catch (e) {
            reject(new FormParseError((e as Error).message));
            return;
        }
        const fail = (error: Error) => {
            body.unpipe(parser);
            body.pause();
            for (const stream of writers) stream.destroy();
            reject(error);
        };
        parser.on("field", (name, value) => form.fields.push([name, value]));
        parser.on("file", (name, stream, filename, _encoding, mimeType) => {
            const part = collectFile(name, stream, filename, mimeType);
            form.files.push(part);
            if (staging) {
                const staged = staging.store.stage();
                staging.paths.push(staged.path);
                writers.push(staged.stream);
                const written = stageFile(part, stream, staged);
                // Handled here too: after a failure nobody waits for the (destroyed) writes any more.
                written.catch(() => undefined);
                writes.push(written);
            }
        });
        parser.on("error", (e) => fail(new FormParseError(String((e as Error)?.message ?? e))));
        // Done once busboy is, and every staging file is on disk.
        parser.on("finish", () => {
            Promise.all(writes).then(() => resolve(form), reject);
        });
        countBytes(body, limit, () => fail(new BodyTooLargeError()));
        body.pipe(parser);
    });
}

/** Calls `over` once, when more than `limit` bytes went by. */
function countBytes(body: Readable, limit: number, over: () => void): void {
    let size = 0;
    const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size <= limit) return;
        body.off("data", onData);
        over();
    };
    body.on("data", onData);
}

/** A file part: counts its bytes and keeps the head; the part object fills in as the stream flows (busboy
 * finishes only once every file stream has ended). */
function collectFile(name: string, stream: BusboyFileStream, filename: string, mimeType: string): FormPart {
    const part: FormPart = { name, filename, size: 0, head: Buffer.alloc(0) };
    if (mimeType) part.contentType = mimeType;
    const head: Buffer[] = [];
    let kept = 0;
    stream.on("data", (chunk: Buffer) => {
        part.size += chunk.length;
        if (kept >= SNIFF_BYTES) return;
        const piece = chunk.subarray(0, SNIFF_BYTES - kept);
        head.push(Buffer.from(piece));
        kept += piece.length;
        part.head = Buffer.concat(head);
    });
    return part;
}

/** Streams a file part into a staging file (with backpressure), hashing it on the way. */
async function stageFile(part: FormPart, stream: BusboyFileStream, staged: StagedBlob): Promise<void> {
    part.stagedPath = staged.path;
    stream.on("data", (chunk: Buffer) => staged.hash.update(chunk));
    stream.pipe(staged.stream);
    await finished(staged.stream);
    part.sha256 = staged.hash.digest("hex");
}
