/**
 * Multipart uploads (https://uploadcare.com/api-refs/upload-api/, "Multipart uploads"): `POST /multipart/start/`
 * answers `{uuid, parts: [presigned URLs]}`, the client PUTs each part's raw bytes to its URL, and
 * `POST /multipart/complete/` turns the parts into a file. The real part URLs point at S3; the emulator's point at
 * itself (`/multipart/part/<uuid>/?partNumber=N&uploadId=<uuid>&token=…`, see multipartParts.ts). Uploads in
 * progress live in memory only: a restarted emulator has forgotten them, as an expired S3 upload would be.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { closeSync, openSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import type { BlobStore } from "./blobs";
import { SNIFF_BYTES } from "./form";
import { partUrl } from "./multipartParts";
import { jsonReply, type Reply } from "./reply";
import { uploadFile } from "./serialize";
import type { Project } from "./state";
import type { UploadDeps, UploadRequest } from "./upload";
import { authorizedForm, fieldOf, isReply, projectFor } from "./uploadAuth";
import { addUploadedFile, storedFlag, uploadMetadata } from "./uploadBase";
import { type UploadErrorFormat, uploadError } from "./uploadErrors";

/** "Multipart uploads are for files of at least 10,485,760 bytes"; smaller ones must use `/base/`. */
export const MIN_MULTIPART_SIZE = 10_485_760;
export const DEFAULT_PART_SIZE = 5_242_880;
export const MIN_PART_SIZE = 5_242_880;
export const MAX_PART_SIZE = 5_368_709_120;
const HASH_BUFFER_BYTES = 1024 * 1024;

export interface PendingUpload {
    uuid: string;
    project: Project;
    /** The secret part of every part URL: knowing the UUID alone is not enough to write a part. */
    token: string;
    filename: string;
    contentType: string;
    size: number;
    partSize: number;
    stored: boolean;
    metadata: Record<string, string>;
    /** Bytes received per part index. */
    received: Map<number, number>;
}

/** The uploads started and not completed yet, and where their parts are kept. */
export class MultipartUploads {
    private readonly pending = new Map<string, PendingUpload>();
    private readonly completed = new Set<string>();

    constructor(private readonly blobs: BlobStore) {}

    add(upload: PendingUpload): void {
        closeSync(openSync(this.uploadPath(upload.uuid), "w"));
        this.pending.set(upload.uuid, upload);
    }

    get(uuid: string): PendingUpload | undefined {
        return this.pending.get(uuid);
    }

    isCompleted(uuid: string): boolean {
        return this.completed.has(uuid);
    }

    partCount(upload: PendingUpload): number {
        return Math.ceil(upload.size / upload.partSize);
    }

    /** The exact byte count part `index` must have: the part size, or what is left for the last one. */
    expectedPartSize(upload: PendingUpload, index: number): number {
        return Math.min(upload.partSize, upload.size - index * upload.partSize);
    }

    /**
     * Where the upload's bytes gather: one file, each part written in place at its offset (so completing needs no
     * copy, and a part sent again simply overwrites its range). Created empty when the upload starts.
     */
    uploadPath(uuid: string): string {
        return join(this.blobs.workDir("multipart"), uuid);
    }

    /**
     * SHA-256 and first bytes of the complete upload, read through one reused buffer: hashing 200 MB allocates
     * nothing per chunk, so it adds no garbage for the collector to lag behind on (peak memory stays flat).
     */
    async digest(upload: PendingUpload): Promise<{ path: string; sha256: string; head: Buffer }> {
        const path = this.uploadPath(upload.uuid);
        const hash = createHash("sha256");
        const buffer = Buffer.allocUnsafe(HASH_BUFFER_BYTES);
        let head = Buffer.alloc(0);
        const file = await open(path, "r");
        try {
            for (let position = 0; ; ) {
                const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
                if (bytesRead === 0) break;
                if (position === 0) head = Buffer.from(buffer.subarray(0, Math.min(bytesRead, SNIFF_BYTES)));
                hash.update(buffer.subarray(0, bytesRead));
                position += bytesRead;
            }
        } finally {
            await file.close();
        }
        return { path, sha256: hash.digest("hex"), head };
    }

    finish(upload: PendingUpload): void {
        this.pending.delete(upload.uuid);
        this.completed.add(upload.uuid);
    }
}

/** A whole number within the documented bounds, or the documented error. */
function sizeField(
    raw: string | undefined,
    checks: { missing: Reply; invalid: Reply; tooSmall: [number, Reply]; tooBig?: [number, Reply] },
): number | Reply {
    if (raw === undefined) return checks.missing;
    if (!/^\d+$/.test(raw)) return checks.invalid;
    const value = Number(raw);
    if (value < checks.tooSmall[0]) return checks.tooSmall[1];
    if (checks.tooBig && value > checks.tooBig[0]) return checks.tooBig[1];
    return value;
}

/** `POST /multipart/start/`: `filename`, `size`, `content_type`, optional `part_size` and `metadata[…]`. */
export function multipartStart(req: UploadRequest, deps: UploadDeps, fmt: UploadErrorFormat): Reply {
    const authorized = authorizedForm(req, deps, fmt, "UPLOADCARE_PUB_KEY");
    if (isReply(authorized)) return authorized;
    const { form, project } = authorized;
    const field = (name: string) => fieldOf(form, req.query, name);
    const size = sizeField(field("size"), {
        missing: uploadError(fmt, "RequestParamRequiredError", "size"),
        invalid: uploadError(fmt, "MultipartSizeInvalidError"),
        tooSmall: [MIN_MULTIPART_SIZE, uploadError(fmt, "MultipartFileSizeTooSmallError", String(MIN_MULTIPART_SIZE))],
    });
    if (isReply(size)) return size;
    const partSize = sizeField(field("part_size") ?? String(DEFAULT_PART_SIZE), {
        missing: uploadError(fmt, "MultipartPartSizeInvalidError"),
        invalid: uploadError(fmt, "MultipartPartSizeInvalidError"),
        tooSmall: [MIN_PART_SIZE, uploadError(fmt, "MultipartPartSizeTooSmallError", String(MIN_PART_SIZE))],
        tooBig: [MAX_PART_SIZE, uploadError(fmt, "MultipartPartSizeTooBigError", String(MAX_PART_SIZE))],
    });
    if (isReply(partSize)) return partSize;
    const filename = field("filename");
    if (!filename) return uploadError(fmt, "RequestParamRequiredError", "filename");
    const metadata = uploadMetadata(form.fields, fmt);
    if (isReply(metadata)) return metadata;
    const upload: PendingUpload = {
        uuid: randomUUID(),
        project,
        token: randomBytes(16).toString("hex"),
        filename,
        contentType: field("content_type") || "application/octet-stream",
        size,
        partSize,
        stored: storedFlag(field("UPLOADCARE_STORE"), project),
        metadata,
        received: new Map(),
    };
    deps.multipart.add(upload);
    const parts = Array.from({ length: deps.multipart.partCount(upload) }, (_, i) =>
        partUrl(deps.apiUrl, upload.uuid, upload.token, i),
    );
    return jsonReply(200, { uuid: upload.uuid, parts });
}

/** `POST /multipart/complete/`: `uuid`, `UPLOADCARE_PUB_KEY` → the file info, once every byte has arrived. */
export async function multipartComplete(req: UploadRequest, deps: UploadDeps, fmt: UploadErrorFormat): Promise<Reply> {
    const form = req.form;
    if (!form) return uploadError(fmt, "PostRequestParserFailedError");
    const project = projectFor(deps, fmt, "UPLOADCARE_PUB_KEY", fieldOf(form, req.query, "UPLOADCARE_PUB_KEY"));
    if (isReply(project)) return project;
    const uuid = fieldOf(form, req.query, "uuid");
    if (!uuid) return uploadError(fmt, "MultipartFileIdRequiredError");
    if (deps.multipart.isCompleted(uuid)) return uploadError(fmt, "MultipartFileAlreadyUploadedError");
    const upload = deps.multipart.get(uuid);
    if (!upload || upload.project.publicKey !== project.publicKey)
        return uploadError(fmt, "MultipartFileNotFoundError");
    const total = [...upload.received.values()].reduce((a, b) => a + b, 0);
    if (upload.received.size < deps.multipart.partCount(upload) || total !== upload.size) {
        return uploadError(fmt, "MultipartUploadSizeTooSmallError");
    }
    const assembled = await deps.multipart.digest(upload);
    const file = addUploadedFile(
        deps,
        project,
        { ...upload, sha256: assembled.sha256, head: assembled.head },
        assembled.path,
    );
    deps.multipart.finish(upload);
    return jsonReply(200, uploadFile(file));
}
