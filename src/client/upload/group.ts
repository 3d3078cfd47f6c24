/**
 * Upload API groups (https://uploadcare.com/api-refs/upload-api/#tag/Groups): creating one, and reading one with the
 * public key only. Listing and deleting groups is REST (../rest/groups.ts).
 */
import type { UploadcareClient } from "../core/call";
import { requireGroupId } from "../core/ids";
import { isUploadGroupInfo, type UploadGroupInfo } from "../core/shapes";
import { bodyAs } from "../core/validate";
import { type Fields, signatureFields } from "./form";
import { formCall, uploadCall } from "./request";

/**
 * POST /group/. Not idempotent: every call makes a new group. It is retried only when Uploadcare
 * certainly did not process it (429, or no connection); a lost connection after sending surfaces as an
 * `UploadcareNetworkError` with `ambiguous: true` for the caller to resolve.
 */
export async function createGroup(client: UploadcareClient, files: readonly string[]): Promise<UploadGroupInfo> {
    const fields: Fields = [
        ["pub_key", client.config.publicKey],
        ...files.map((file, index): [string, string] => [`files[${index}]`, file]),
        ...signatureFields(client),
    ];
    const call = formCall("/group/", fields, false);
    return bodyAs(client, call, await client.call(call), "the new group's info", isUploadGroupInfo);
}

/** `GET /group/info/`: a group's info and files, with the public key only (no secret key needed). */
export async function getUploadGroupInfo(client: UploadcareClient, id: string): Promise<UploadGroupInfo> {
    const query = new URLSearchParams({ pub_key: client.config.publicKey, group_id: requireGroupId(id, "group id") });
    const call = uploadCall("GET", `/group/info/?${query}`, true);
    return bodyAs(client, call, await client.call(call), "group info", isUploadGroupInfo);
}
