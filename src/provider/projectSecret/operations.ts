/**
 * The ProjectSecret lifecycle over the Project API (uploadcare-go `projectapi/secrets.go`, the CLI's `project
 * secret`, https://uploadcare.com/docs/cli/reference/project/): create = POST /projects/{pub_key}/secrets/ (the
 * only answer that carries the value), read = the project's list of keys, delete = DELETE …/secrets/{id}/.
 */
import {
    createProjectSecret,
    deleteProjectSecret,
    getProjectByKey,
    listProjectSecrets,
    type ProjectSecretInfo,
    UploadcareApiError,
    type UploadcareClient,
    UploadcareConflictError,
    UploadcareOutcomeUnknownError,
} from "../../client";
import { stripProvider } from "../runtime/checks";
import type { Claims } from "../runtime/claims";
import { type CreateContext, createOnce, trackedInProjectApi } from "../runtime/lifecycle";
import type { ProjectApiRuntime } from "../runtime/projectApi";
import { parseProjectSecretInputs } from "./inputs";
import { hintOf, type ProjectSecretOutputs } from "./outputs";

export interface ProjectSecretContext extends CreateContext {
    api: ProjectApiRuntime;
    claimed: Claims;
}

async function secretsOf(client: UploadcareClient, project: string): Promise<ProjectSecretInfo[]> {
    const out: ProjectSecretInfo[] = [];
    for await (const secret of listProjectSecrets(client, project)) out.push(secret);
    return out;
}

/**
 * A lost answer cannot be recovered from: the value is shown only in it. A key that appeared since the list taken
 * before the POST is reported, never adopted (its value is unknown).
 */
function lostKeyError(project: string, fresh: ProjectSecretInfo[], cause: Error): UploadcareOutcomeUnknownError {
    const which = fresh.map((s) => `${s.id} (ending in ${s.hint})`).join(", ");
    return new UploadcareOutcomeUnknownError(
        `POST /projects/${project}/secrets/ created secret key ${which} but its answer was lost (${cause.message}), and ` +
            "Uploadcare shows a key's value only in that answer. Delete that key (dashboard, API keys; or " +
            `DELETE /projects/${project}/secrets/<id>/), then run \`pulumi up\` again. Nothing was adopted.`,
        cause,
    );
}

export async function createProjectSecretResource(ctx: ProjectSecretContext, props: Record<string, unknown>) {
    const { project } = await parseProjectSecretInputs(props);
    const client = await ctx.api.writer("creating a project secret key");
    const result = await createOnce(ctx, client.retry.maxErrorRetries, {
        request: `POST /projects/${project}/secrets/`,
        noun: "secret key",
        snapshot: async () => new Set((await secretsOf(client, project)).map((s) => s.id)),
        send: () => createProjectSecret(client, project),
        find: async (before: Set<string>, cause) => {
            const fresh = (await secretsOf(client, project)).filter((s) => !before.has(s.id));
            if (fresh.length > 0) throw lostKeyError(project, fresh, cause);
            return undefined;
        },
        unlisted: (error) => error,
        claims: ctx.claimed,
        describe: (made) => ({ id: made.id, action: `create secret key ${made.id} of project ${project}` }),
    });
    if (!("made" in result)) throw new UploadcareConflictError("unreachable: a found secret key is never adopted");
    const { id, secret } = result.made;
    const outs: ProjectSecretOutputs = { project, secretId: id, hint: hintOf(secret), secret };
    return { id, outs };
}

/** Refresh: the key is gone when the project's list lacks it (or the project is gone), once the API is proven. */
export async function readProjectSecretResource(
    ctx: ProjectSecretContext,
    id: string,
    props: Record<string, unknown> = {},
) {
    const previous = stripProvider(props) as Partial<ProjectSecretOutputs>;
    const project = previous.project;
    if (!project) return { id, props: previous };
    const client = await ctx.api.client("reading a project secret key");
    const resource = `secret key ${id} of project ${project}`;
    const listed = await trackedInProjectApi(ctx.api, client, resource).read(async () =>
        (await secretsOf(client, project)).find((s) => s.id === id),
    );
    return listed ? { id, props: { ...previous, secretId: id, hint: listed.hint } } : { id: "" };
}

/** The explanation for Uploadcare's refusal to delete a project's last key while signed uploads are on. */
function lastKeyError(project: string, id: string, cause?: unknown): UploadcareConflictError {
    const error = new UploadcareConflictError(
        `Cannot delete secret key ${id}: it is the last secret key of project ${project}, and Uploadcare refuses to ` +
            "delete a project's last key while signed uploads are on (signing needs a key). Create another " +
            "ProjectSecret first, or set signedUploads: false on the Project and run `pulumi up` before this. When the " +
            "Project is being destroyed too, give the ProjectSecret the Project itself (project: <the Project>, not " +
            "its pubKey): destroying the project then stops its keys without deleting them one by one. Nothing was " +
            "deleted.",
    );
    if (cause !== undefined) Object.assign(error, { cause });
    return error;
}

export async function deleteProjectSecretResource(
    ctx: ProjectSecretContext,
    id: string,
    props: Record<string, unknown> = {},
) {
    const { project } = stripProvider(props) as Partial<ProjectSecretOutputs>;
    if (!project) return;
    const client = await ctx.api.client("deleting a project secret key");
    const tracked = trackedInProjectApi(ctx.api, client, `secret key ${id} of project ${project}`);
    // Explained before the request when the list says this is the last key and the project signs uploads.
    const others = await tracked.read(async () => secretsOf(client, project));
    if (others?.length === 1 && others[0]?.id === id) {
        const info = await getProjectByKey(client, project);
        if (info.features?.uploads?.is_signed_upload_enabled) throw lastKeyError(project, id);
    }
    if (others === undefined) return; // The project is gone, and its keys with it.
    try {
        await tracked.delete(() => deleteProjectSecret(client, project, id));
    } catch (error) {
        if (error instanceof UploadcareApiError && error.status === 400 && /last|signed/i.test(error.message)) {
            throw lastKeyError(project, id, error);
        }
        throw error;
    } finally {
        ctx.claimed.release(id);
    }
}
