import { requireGroupId } from "./ids";
import { uploadSignature } from "./sign";
import type { ApiCall, UploadcareClient } from "./transport";
import type { UploadGroupInfo } from "./types";
import { bodyAs, isUploadGroupInfo } from "./validate";

/**
 * Upload API (https://uploadcare.com/api-refs/upload-api/): authenticated by the public key in the form
 * (plus a signature for signed uploads).
 */

const SIGNATURE_TTL_SECONDS = 30 * 60;

/**
 * POST /group/. Not idempotent: every call makes a new group. It is retried only when Uploadcare
 * certainly did not process it (429, or no connection); a lost connection after sending surfaces as an
 * `UploadcareNetworkError` with `ambiguous: true` for the caller to resolve.
 */
export async function createGroup(client: UploadcareClient, files: readonly string[]): Promise<UploadGroupInfo> {
    const form = new URLSearchParams();
    form.set("pub_key", client.config.publicKey);
    for (const [index, file] of files.entries()) form.set(`files[${index}]`, file);
    if (client.config.signUploads && client.config.secretKey) {
        const expire = Math.floor(client.now().getTime() / 1000) + SIGNATURE_TTL_SECONDS;
        form.set("signature", uploadSignature(client.config.secretKey, expire));
        form.set("expire", String(expire));
    }
    const call: ApiCall = {
        api: "upload",
        method: "POST",
        // jsonerrors=1: errors as JSON with Uploadcare's error_code, instead of plain text.
        path: "/group/?jsonerrors=1",
        body: form.toString(),
        contentType: "application/x-www-form-urlencoded",
        ok: [200],
        idempotent: false,
    };
    return bodyAs(client, call, await client.call(call), "the new group's info", isUploadGroupInfo);
}

export async function getUploadGroupInfo(client: UploadcareClient, id: string): Promise<UploadGroupInfo> {
    const query = new URLSearchParams({
        pub_key: client.config.publicKey,
        group_id: requireGroupId(id, "group id"),
        jsonerrors: "1",
    });
    const call: ApiCall = { api: "upload", method: "GET", path: `/group/info/?${query}`, ok: [200], idempotent: true };
    return bodyAs(client, call, await client.call(call), "group info", isUploadGroupInfo);
}
