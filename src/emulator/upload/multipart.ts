/**
 * Multipart uploads (https://uploadcare.com/api-refs/upload-api/, "Multipart uploads"): `POST /multipart/start/`
 * answers `{uuid, parts: [presigned URLs]}`, the client PUTs each part's raw bytes to its URL, and
 * `POST /multipart/complete/` turns the parts into a file. The real part URLs point at S3; the emulator's point at
 * itself (`/multipart/part/<uuid>/?partNumber=N&uploadId=<uuid>&token=…`, see multipartParts.ts). Uploads in
 * progress live in memory only: a restarted emulator has forgotten them, as an expired S3 upload would be.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { jsonReply, type Reply } from "../http/reply";
import { overSizeLimit } from "../state/projects";
import { uploadFile } from "../state/serialize";
import { authorizedForm, fieldOf, isReply, projectFor } from "./auth";
import { addUploadedFile, storedFlag, uploadMetadata, uploadTags } from "./base";
import { type UploadErrorFormat, uploadError } from "./errors";
import { partUrl } from "./multipartParts";
import type { PendingUpload } from "./multipartStore";
import type { UploadDeps, UploadRequest } from "./types";

/** "Multipart uploads are for files of at least 10,485,760 bytes"; smaller ones must use `/base/`. */
export const MIN_MULTIPART_SIZE = 10_485_760;
export const DEFAULT_PART_SIZE = 5_242_880;
export const MIN_PART_SIZE = 5_242_880;
export const MAX_PART_SIZE = 5_368_709_120;

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

/** `POST /multipart/start/`: `filename`, `size`, `content_type`, optional `part_size`, `metadata[…]` and `tags`. */
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
    if (overSizeLimit(project, size)) return uploadError(fmt, "FileSizeLimitExceededError");
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
    const tags = uploadTags(field("tags"), fmt);
    if (isReply(tags)) return tags;
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
        tags,
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
