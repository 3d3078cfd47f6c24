/**
 * Project API secret keys (as uploadcare-go's `projectapi/secrets.go` and the CLI's `project secret` call them,
 * https://github.com/uploadcare/uploadcare-go, https://uploadcare.com/docs/cli/reference/project/): list (hints
 * only), create (the value is in that one answer, never again) and delete.
 */
import type { UploadcareClient } from "../core/call";
import { listAll, projectCall, projectPath, secretSegment, sendFor } from "./request";
import {
    isNewProjectSecret,
    isProjectSecretInfo,
    type NewProjectSecret,
    type ProjectSecretInfo,
    pageOf,
} from "./shapes";

/** Every secret key of the project, as `{id, hint, last_used_at}`. */
export function listProjectSecrets(client: UploadcareClient, pubKey: string): AsyncGenerator<ProjectSecretInfo> {
    const path = projectPath(pubKey, "secrets/?limit=100");
    return listAll(client, path, "a page of secret keys", pageOf(isProjectSecretInfo));
}

/**
 * `POST /projects/<pub_key>/secrets/` with no body → `{id, secret}`. The value is shown only here: keep it. Not
 * idempotent (each call makes a key).
 */
export async function createProjectSecret(client: UploadcareClient, pubKey: string): Promise<NewProjectSecret> {
    const call = projectCall("POST", projectPath(pubKey, "secrets/"), [200, 201], undefined, false);
    return sendFor(client, call, "the new secret key", isNewProjectSecret);
}

/**
 * `DELETE /projects/<pub_key>/secrets/<id>/`: 204 or 200 is "deleted", 404 "not-found". Uploadcare refuses to
 * delete the last secret while signed uploads are on (the status is not documented): that is an error.
 */
export async function deleteProjectSecret(
    client: UploadcareClient,
    pubKey: string,
    id: string,
): Promise<"deleted" | "not-found"> {
    const res = await client.call(projectCall("DELETE", projectPath(pubKey, secretSegment(id)), [200, 204, 404]));
    return res.status === 404 ? "not-found" : "deleted";
}
