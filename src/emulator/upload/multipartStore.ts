/**
 * Multipart uploads in progress (see multipart.ts): in memory only, with each upload's bytes gathered in one file of
 * the blob store's work directory.
 */
import { createHash } from "node:crypto";
import { closeSync, openSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { SNIFF_BYTES } from "../http/form";
import type { BlobStore } from "../state/blobs";
import type { Project } from "../state/state";

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
    tags: string[];
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
