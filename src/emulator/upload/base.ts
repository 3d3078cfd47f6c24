/**
 * `POST /base/` (https://uploadcare.com/api-refs/upload-api/, "Direct uploads"), and what every upload route shares:
 * the store flag, the metadata fields, and turning bytes on disk into a file record.
 */
import { randomUUID } from "node:crypto";
import { UploadcareEmulatorError } from "../errors";
import type { FormPart } from "../http/form";
import { jsonReply, type Reply } from "../http/reply";
import { UUID_RE } from "../state/ids";
import { overSizeLimit } from "../state/projects";
import { uploadFile } from "../state/serialize";
import type { Project } from "../state/state";
import { normaliseTags } from "../state/tags";
import type { FileRecord } from "../types";
import { authorizedForm, fieldOf, isReply, projectFor } from "./auth";
import { type UploadErrorFormat, uploadError } from "./errors";
import { declaredType, sniffImage } from "./media";
import { isMetadataProblem, metadataFromFields } from "./metadata";
import type { UploadDeps, UploadRequest } from "./types";

/**
 * `UPLOADCARE_STORE` (or `store` for from_url): "1" stores, "auto" (the default for projects made since
 * 2024-02-12) follows the project's autostore setting (on unless changed through the Project API); anything else is
 * "0", temporary.
 */
export function storedFlag(value: string | undefined, project: Project): boolean {
    const flag = value ?? "auto";
    return flag === "1" || (flag === "auto" && project.features.uploads.autostore);
}

/** The `metadata[key]` fields, or the documented error for the first broken rule. */
export function uploadMetadata(
    fields: readonly [string, string][],
    fmt: UploadErrorFormat,
): Record<string, string> | Reply {
    const metadata = metadataFromFields(fields);
    return isMetadataProblem(metadata) ? uploadError(fmt, metadata.code, ...metadata.args) : metadata;
}

/**
 * The `tags` field, comma-separated (https://uploadcare.com/docs/file-tags/): the normalised list, or 400
 * `UploadViewsError` with the rule broken, and the upload does not happen.
 */
export function uploadTags(value: string | undefined, fmt: UploadErrorFormat): string[] | Reply {
    const outcome = normaliseTags(value === undefined ? [] : value.split(","));
    return "problem" in outcome ? uploadError(fmt, "UploadViewsError", outcome.problem) : outcome.tags;
}

/** What an upload knows about a file before it has a UUID. */
export interface NewFile {
    size: number;
    sha256: string;
    /** The first bytes, for image sniffing. */
    head: Buffer;
    filename: string | undefined;
    contentType: string | undefined;
    stored: boolean;
    metadata: Record<string, string>;
    /** Normalised; `[]` or absent for none (from_url takes no tags). */
    tags?: string[];
    /** A UUID given out before the bytes arrived (a multipart upload's); new otherwise. */
    uuid?: string;
}

/**
 * Adds the file (its bytes already staged at `stagedPath`) to the project: the bytes take the new UUID, then the
 * state records it (and announces `file.uploaded`). Images are recognised from the bytes, as Uploadcare does
 * whatever was declared; any other file gets the type the client declared (see `declaredType`).
 */
export function addUploadedFile(deps: UploadDeps, project: Project, file: NewFile, stagedPath: string): FileRecord {
    const now = deps.state.timestamp();
    const image = sniffImage(file.head);
    const record: FileRecord = {
        uuid: file.uuid ?? randomUUID(),
        projectPublicKey: project.publicKey,
        size: file.size,
        mimeType: image?.mimeType ?? declaredType(file.contentType),
        originalFilename: file.filename || "file",
        isImage: image !== undefined,
        image: image ? { width: image.width, height: image.height, format: image.format } : null,
        datetimeUploaded: now,
        datetimeStored: file.stored ? now : null,
        datetimeRemoved: null,
        metadata: { ...file.metadata },
        tags: [...(file.tags ?? [])],
        sha256: file.sha256,
    };
    deps.blobs.adopt(stagedPath, record.uuid);
    deps.state.addFile(record);
    return record;
}

/** `POST /base/`: every file part becomes a file; answers `{ "<field>": "<uuid>" }`. */
export function baseUpload(req: UploadRequest, deps: UploadDeps, fmt: UploadErrorFormat): Reply {
    const authorized = authorizedForm(req, deps, fmt, "UPLOADCARE_PUB_KEY");
    if (isReply(authorized)) return authorized;
    const { form, project } = authorized;
    if (form.files.length === 0) return uploadError(fmt, "FilesRequiredError");
    if (form.files.some((part) => overSizeLimit(project, part.size))) {
        return uploadError(fmt, "FileSizeLimitExceededError");
    }
    const metadata = uploadMetadata(form.fields, fmt);
    if (isReply(metadata)) return metadata;
    const tags = uploadTags(fieldOf(form, req.query, "tags"), fmt);
    if (isReply(tags)) return tags;
    const stored = storedFlag(fieldOf(form, req.query, "UPLOADCARE_STORE"), project);
    const answer: Record<string, string> = {};
    deps.state.batch(() => {
        for (const part of form.files) {
            answer[part.name] = addUploadedFile(
                deps,
                project,
                { ...newFileOf(part, stored, metadata), tags },
                stagedPathOf(part),
            ).uuid;
        }
    });
    return jsonReply(200, answer);
}

function newFileOf(part: FormPart, stored: boolean, metadata: Record<string, string>): NewFile {
    return {
        size: part.size,
        sha256: part.sha256 ?? "",
        head: part.head,
        filename: part.filename,
        contentType: part.contentType,
        stored,
        metadata,
    };
}

/** The pipeline stages every part of a `/base/` body; a part without a staging file is the pipeline's bug. */
function stagedPathOf(part: FormPart): string {
    if (part.stagedPath === undefined)
        throw new UploadcareEmulatorError(`file part ${part.name} was not staged to disk`);
    return part.stagedPath;
}

/** `GET /info/?pub_key=&file_id=`: Upload API file info (removed files are not found). */
export function fileInfo(req: UploadRequest, deps: UploadDeps, fmt: UploadErrorFormat): Reply {
    const project = projectFor(deps, fmt, "pub_key", req.query.get("pub_key") ?? undefined);
    if (isReply(project)) return project;
    const id = req.query.get("file_id");
    if (!id) return uploadError(fmt, "FileIdRequiredError");
    const file = UUID_RE.test(id) ? deps.state.file(project.publicKey, id) : undefined;
    if (!file || file.datetimeRemoved !== null) return uploadError(fmt, "FileNotFoundError");
    return jsonReply(200, uploadFile(file));
}
