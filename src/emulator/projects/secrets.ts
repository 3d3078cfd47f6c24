/**
 * Project API secret keys (as uploadcare-go's `projectapi/secrets.go` and the CLI's `project secret` use them,
 * https://github.com/uploadcare/uploadcare-go, https://uploadcare.com/docs/cli/reference/project/): listed with a
 * 4-character hint, created with the value shown that once, deleted unless it is the last one of a project with
 * signed uploads on.
 */
import { randomBytes } from "node:crypto";
import { emptyReply, jsonReply, type Reply } from "../http/reply";
import { optionKeyId, type Project, type SecretKey } from "../state/projects";
import { pageReply } from "./pages";
import { projectError } from "./reply";
import type { ProjectApiDeps, ProjectApiRequest } from "./types";

function secretJson(key: SecretKey): Record<string, unknown> {
    return { id: key.id, hint: key.secret.slice(-4), last_used_at: key.lastUsedAt };
}

export function listSecrets(req: ProjectApiRequest, _deps: ProjectApiDeps, project: Project): Reply {
    return pageReply(req, project.secrets, secretJson);
}

/** `POST /projects/<pub_key>/secrets/` → 201 `{id, secret}`; a secret key of 20 hex characters like Uploadcare's. */
export function createSecret(_req: ProjectApiRequest, deps: ProjectApiDeps, project: Project): Reply {
    let id = randomBytes(10).toString("hex");
    while (project.secrets.some((s) => s.id === id)) id = randomBytes(10).toString("hex");
    const key: SecretKey = {
        id,
        secret: randomBytes(10).toString("hex"),
        created: deps.state.timestamp(),
        lastUsedAt: null,
    };
    project.secrets.push(key);
    deps.state.save();
    return jsonReply(201, { id: key.id, secret: key.secret });
}

/**
 * `DELETE /projects/<pub_key>/secrets/<id>/` → 204. The last key of a project with signed uploads on is refused
 * ("fails if it is the last secret and signed uploads are enabled", the CLI says; the status is not documented,
 * 400 is the emulator's choice). An options project's own key comes back from the options on every start, so it
 * cannot be deleted here.
 */
export function deleteSecret(_req: ProjectApiRequest, deps: ProjectApiDeps, project: Project, id: string): Reply {
    const index = project.secrets.findIndex((s) => s.id === id);
    if (index < 0) return projectError(404, "Secret not found.", "not_found_error");
    if (!project.managed && id === optionKeyId(project.publicKey)) {
        return projectError(400, "This key comes from the emulator's options and cannot be deleted.", "bad_request");
    }
    if (project.secrets.length === 1 && project.features.uploads.is_signed_upload_enabled) {
        return projectError(
            400,
            "Cannot delete the last secret key while signed uploads are enabled.",
            "last_secret_signed_uploads",
        );
    }
    project.secrets.splice(index, 1);
    deps.state.save();
    return emptyReply(204);
}
