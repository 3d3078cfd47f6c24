/**
 * REST API v0.7 file metadata endpoints (https://uploadcare.com/api-refs/rest-api/v0.7.0/#tag/File-metadata):
 * one key at a time, each a path segment.
 */
import type { UploadcareClient } from "../core/call";
import { UploadcareInputError } from "../core/errors";
import { describeValue } from "../core/ids";
import { isFileMetadata } from "../core/shapes";
import { bodyAs } from "../core/validate";
import { filePath } from "./files";
import { restCall } from "./request";

/**
 * Metadata keys are part of a path, so they are checked before any request: 1 to 64 of Latin letters, digits,
 * `_`, `-`, `.` and `:` (https://uploadcare.com/docs/file-metadata/).
 */
function requireMetadataKey(key: unknown): string {
    if (typeof key === "string" && /^[A-Za-z0-9_\-.:]{1,64}$/.test(key)) return key;
    const reason = `must be 1 to 64 of the characters A-Z a-z 0-9 _ - . : (got ${describeValue(key)})`;
    throw new UploadcareInputError(`metadata key ${reason}`, [{ property: "metadata key", reason }]);
}

/** `GET /files/:uuid/metadata/`: every key and value. */
export async function getFileMetadata(client: UploadcareClient, uuid: string): Promise<Record<string, string>> {
    const call = restCall("GET", filePath(uuid, "metadata/"), [200]);
    return bodyAs(client, call, await client.call(call), "file metadata", isFileMetadata);
}

/** `PUT /files/:uuid/metadata/:key/` with the value as a JSON string: 201 when created, 200 when changed. */
export async function setFileMetadata(
    client: UploadcareClient,
    uuid: string,
    key: string,
    value: string,
): Promise<"created" | "updated"> {
    if (typeof value !== "string") {
        const reason = `must be a string, got ${describeValue(value)}`;
        throw new UploadcareInputError(`metadata value ${reason}`, [{ property: `metadata.${key}`, reason }]);
    }
    const path = filePath(uuid, `metadata/${requireMetadataKey(key)}/`);
    const res = await client.call(restCall("PUT", path, [200, 201], value));
    return res.status === 201 ? "created" : "updated";
}

/** `DELETE /files/:uuid/metadata/:key/`: 204, or "not-found" for a key (or file) Uploadcare does not have. */
export async function deleteFileMetadata(
    client: UploadcareClient,
    uuid: string,
    key: string,
): Promise<"deleted" | "not-found"> {
    const path = filePath(uuid, `metadata/${requireMetadataKey(key)}/`);
    const res = await client.call(restCall("DELETE", path, [204, 404]));
    return res.status === 404 ? "not-found" : "deleted";
}
