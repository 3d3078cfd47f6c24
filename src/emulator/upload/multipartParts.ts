/**
 * The emulator's stand-in for the S3 presigned part URLs of a multipart upload:
 * `PUT /multipart/part/<uuid>/?partNumber=N&uploadId=<uuid>&token=…` with the part's raw bytes as the body. As in S3
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html) the 1-based `partNumber` query parameter
 * says which part the body is, and clients read it from the URL (uploadcare-go places each part by it), so parts
 * may arrive in any order. The body is streamed to disk (never held in memory), in place at the part's
 * offset of the upload's file; a part counts as received only once all of it arrived, and a retried part overwrites
 * its range. Answers as S3 does: 200 with an `ETag` (the part's MD5) and no body, or an XML `<Error>`.
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Reply } from "../http/reply";
import type { MultipartUploads } from "./multipartStore";

const PART_PATH = /^\/multipart\/part\/([0-9a-f-]{36})\/$/;

/** The part URL `multipart/start` answers for part `index` (0-based). */
export function partUrl(base: string, uuid: string, token: string, index: number): string {
    return `${base}/multipart/part/${uuid}/?partNumber=${index + 1}&uploadId=${uuid}&token=${token}`;
}

export function isPartPath(path: string): boolean {
    return PART_PATH.test(path);
}

function s3Error(status: number, code: string, message: string): Reply {
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
    return { status, headers: { "Content-Type": "application/xml" }, body };
}

/** Thrown into the body pipeline when a part is longer than its upload said. */
class PartTooLargeError extends Error {}

/** Passes bytes through while counting and hashing them; fails past `limit`. */
function meter(limit: number): Transform & { size: number; md5: ReturnType<typeof createHash> } {
    const md5 = createHash("md5");
    const t = new Transform({
        transform(chunk: Buffer, _enc, done) {
            t.size += chunk.length;
            if (t.size > limit) return done(new PartTooLargeError());
            md5.update(chunk);
            done(null, chunk);
        },
    }) as Transform & { size: number; md5: ReturnType<typeof createHash> };
    t.size = 0;
    t.md5 = md5;
    return t;
}

/**
 * Receives one part. Resolves with the answer to send, or `undefined` when the client went away before the body
 * ended (there is nobody to answer). `closeAfter` is set when the body was not read to its end.
 */
export async function receivePart(
    uploads: MultipartUploads,
    method: string,
    path: string,
    query: URLSearchParams,
    body: Readable,
): Promise<{ reply: Reply; closeAfter: boolean } | undefined> {
    const [, uuid = ""] = PART_PATH.exec(path) ?? [];
    const upload = uploads.get(uuid);
    const partNumber = query.get("partNumber") ?? "";
    const index = /^[1-9]\d{0,4}$/.test(partNumber) ? Number(partNumber) - 1 : -1;
    const refuse = (reply: Reply) => ({ reply, closeAfter: true });
    if (method !== "PUT") return refuse(s3Error(405, "MethodNotAllowed", "The specified method is not allowed."));
    if (!upload) return refuse(s3Error(404, "NoSuchUpload", "The specified upload does not exist."));
    if (query.get("token") !== upload.token) {
        return refuse(s3Error(403, "AccessDenied", "Request signature does not match."));
    }
    if (index < 0 || index >= uploads.partCount(upload)) {
        const count = uploads.partCount(upload);
        return refuse(s3Error(400, "InvalidArgument", `Part number must be an integer between 1 and ${count}.`));
    }
    const start = index * upload.partSize;
    const counter = meter(uploads.expectedPartSize(upload, index));
    // Not `pipeline(body, …)`: on an oversized part it would destroy the request, and the socket with the answer.
    const aborted = new Promise<never>((_, reject) => {
        body.once("close", () => {
            if (!(body as Readable & { complete?: boolean }).complete) reject(new Error("the client went away"));
        });
        body.once("error", reject);
    });
    aborted.catch(() => undefined);
    body.pipe(counter);
    try {
        await Promise.race([
            pipeline(counter, createWriteStream(uploads.uploadPath(uuid), { flags: "r+", start })),
            aborted,
        ]);
    } catch (error) {
        body.unpipe(counter);
        body.pause();
        if (!(error instanceof PartTooLargeError)) return undefined;
        return refuse(s3Error(400, "EntityTooLarge", "Your proposed upload exceeds the part size."));
    }
    upload.received.set(index, counter.size);
    return { reply: { status: 200, headers: { ETag: `"${counter.md5.digest("hex")}"` }, body: "" }, closeAfter: false };
}
