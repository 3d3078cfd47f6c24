/**
 * Direct uploads with the Upload API (https://uploadcare.com/api-refs/upload-api/): `POST /base/` for files under
 * 100 MB, streamed from disk (a file is never read whole into memory), and `GET /info/` to read a file back.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { ApiCall, UploadcareClient } from "../core/call";
import { UploadcareInputError } from "../core/errors";
import { requireFileUuid } from "../core/ids";
import { isUploadFileInfo, type UploadFileInfo } from "../core/shapes";
import { badResponse, bodyAs, isRecord } from "../core/validate";
import { declaredContentType } from "./contentType";
import { type FilePart, fileFields, multipartForm, type UploadOptions } from "./form";
import { uploadCall } from "./request";

/** Size and bytes of the content: bytes in memory (sent as they are), or a file on disk (streamed, re-openable). */
async function contentOf(
    content: { path: string } | { bytes: Uint8Array },
): Promise<Pick<FilePart, "size" | "content">> {
    if ("bytes" in content) return { size: content.bytes.length, content: content.bytes };
    let size: number;
    try {
        size = (await stat(content.path)).size;
    } catch (error) {
        const reason = `cannot be read: ${(error as Error).message}`;
        throw new UploadcareInputError(`${content.path} ${reason}`, [{ property: "path", reason }]);
    }
    return { size, content: () => createReadStream(content.path) };
}

/**
 * `POST /base/` → the new file's UUID. Not idempotent (every call makes a new file), so it is never sent again
 * blindly: a connection lost after sending surfaces as an `UploadcareNetworkError` with `ambiguous: true`.
 */
export async function uploadDirect(
    client: UploadcareClient,
    content: { path: string } | { bytes: Uint8Array },
    options: UploadOptions,
): Promise<string> {
    const fields = fileFields(client, options);
    const contentType = declaredContentType(options);
    const file: FilePart = { field: "file", filename: options.filename, contentType, ...(await contentOf(content)) };
    const form = multipartForm(fields, file);
    const call: ApiCall = {
        ...uploadCall("POST", "/base/", false),
        body: form.body,
        contentType: form.contentType,
        contentLength: form.contentLength,
    };
    const answer = bodyAs(client, call, await client.call(call), "the uploaded file's UUID", isRecord);
    if (typeof answer.file !== "string") throw badResponse(client, call, 200, 'expected {"file": "<uuid>"}');
    return requireFileUuid(answer.file, "uploaded file uuid");
}

/** `GET /info/`: a file as the Upload API describes it (removed files are not found). */
export async function getUploadedFileInfo(client: UploadcareClient, uuid: string): Promise<UploadFileInfo> {
    const query = new URLSearchParams({ pub_key: client.config.publicKey, file_id: requireFileUuid(uuid, "uuid") });
    const call = uploadCall("GET", `/info/?${query}`, true);
    return bodyAs(client, call, await client.call(call), "file info", isUploadFileInfo);
}
