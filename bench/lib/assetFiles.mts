// Files the asset profiles upload (bench/README.md, "Assets"): a site of many small files, generated the same way on
// every run, and one large file for the multipart profile. Deterministic so that runs compare: the bytes come from
// AES-128-CTR over zeros with a fixed key (fast, and every file differs), the sizes from a fixed sequence.
import { createCipheriv } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** A mix of what a site holds, so uploads carry the content types `contentTypeFor` gives them. */
const EXTENSIONS = ["html", "css", "js", "json", "svg", "txt", "png", "jpg", "webp", "woff2"];
const MIN_BYTES = 1024;
const MAX_BYTES = 20 * 1024;

export interface SiteFile {
    /** Relative posix path. */
    rel: string;
    size: number;
}

/** The i-th file's place: 20 folders of up to 10 sub-folders, so the walk recurses as a site's would. */
function relPath(i: number): string {
    const ext = EXTENSIONS[i % EXTENSIONS.length];
    return `d${String(i % 20).padStart(2, "0")}/s${Math.floor(i / 1000)}/f${String(i).padStart(5, "0")}.${ext}`;
}

/**
 * Writes `count` files of 1–20 KB under `dir` (created). The first k files are the same whatever `count` is, so the
 * 1,000-file set is a prefix of the 10,000-file one.
 */
export function writeSite(dir: string, count: number): { files: SiteFile[]; bytes: number } {
    const cipher = createCipheriv("aes-128-ctr", Buffer.alloc(16, 7), Buffer.alloc(16, 0));
    const files: SiteFile[] = [];
    let bytes = 0;
    let state = 0x9e3779b9;
    for (let i = 0; i < count; i++) {
        // xorshift32: a fixed size sequence, uniform enough over 1–20 KB.
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        state >>>= 0;
        const size = MIN_BYTES + (state % (MAX_BYTES - MIN_BYTES + 1));
        const rel = relPath(i);
        fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), cipher.update(Buffer.alloc(size)));
        files.push({ rel, size });
        bytes += size;
    }
    return { files, bytes };
}

/** New bytes of the same size for one file (each byte inverted): a change the manifest must see. */
export function changeFile(dir: string, rel: string): void {
    const file = path.join(dir, rel);
    const bytes = fs.readFileSync(file);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (bytes[i] as number) ^ 0xff;
    fs.writeFileSync(file, bytes);
}

const MIB = 1 << 20;

/**
 * A sparse file of `bytes`: zeros but for the offset of each MiB written at its start, so no two MiB are alike.
 * Written in well under a second whatever its size; reads come from the page cache for curl and ours alike.
 */
export function writeSparseFile(file: string, bytes: number): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fd = fs.openSync(file, "w");
    try {
        fs.ftruncateSync(fd, bytes);
        const mark = Buffer.alloc(8);
        for (let at = 0; at + mark.length <= bytes; at += MIB) {
            mark.writeDoubleLE(at, 0);
            fs.writeSync(fd, mark, 0, mark.length, at);
        }
    } finally {
        fs.closeSync(fd);
    }
}

/**
 * The byte ranges of `file` as separate files (`part-00001` …), for curl, which sends a whole file per request.
 * Copied by range, so each holds exactly the bytes the same part of the multipart upload carries.
 */
export function splitParts(file: string, partSize: number, dir: string): string[] {
    fs.mkdirSync(dir, { recursive: true });
    const size = fs.statSync(file).size;
    const buffer = Buffer.allocUnsafe(partSize);
    const source = fs.openSync(file, "r");
    const parts: string[] = [];
    try {
        for (let start = 0, i = 1; start < size; start += partSize, i++) {
            const length = Math.min(partSize, size - start);
            fs.readSync(source, buffer, 0, length, start);
            const part = path.join(dir, `part-${String(i).padStart(5, "0")}`);
            fs.writeFileSync(part, buffer.subarray(0, length));
            parts.push(part);
        }
    } finally {
        fs.closeSync(source);
    }
    return parts;
}
