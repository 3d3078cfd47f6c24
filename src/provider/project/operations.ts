/**
 * The Project lifecycle over the Project API (uploadcare-go `projectapi/`, https://github.com/uploadcare/uploadcare-go):
 * create = POST /projects/ (after listing the account's projects), read = GET /projects/{pub_key}/, update =
 * POST /projects/{pub_key}/ with the changed fields only, delete = DELETE /projects/{pub_key}/ (a soft delete).
 */
import {
    createProject,
    deleteProject,
    getProjectByKey,
    listProjects,
    type ManagedProject,
    type UploadcareClient,
    UploadcareNotFoundError,
    updateProject,
} from "../../client";
import { stripProvider } from "../runtime/checks";
import type { Claims } from "../runtime/claims";
import { type CreateContext, createOnce, notProvenError, trackedInProjectApi } from "../runtime/lifecycle";
import type { ProjectApiRuntime } from "../runtime/projectApi";
import { changedSettings } from "./diff";
import { type ProjectInputs, parseProjectInputs } from "./inputs";
import { changesOf, featuresOf, outputsFrom, type ProjectOutputs } from "./outputs";

export interface ProjectContext extends CreateContext {
    api: ProjectApiRuntime;
    /** Projects this process created or adopted: two resources never own the same one. */
    claimed: Claims;
}

const tracked = (ctx: ProjectContext, client: UploadcareClient, pubKey: string) =>
    trackedInProjectApi(ctx.api, client, `project ${pubKey}`);

async function allProjects(client: UploadcareClient): Promise<ManagedProject[]> {
    const out: ManagedProject[] = [];
    for await (const project of listProjects(client)) out.push(project);
    return out;
}

/** Sends the settings that differ from `current`, if any. */
async function reconcile(
    ctx: ProjectContext,
    client: UploadcareClient,
    current: ProjectOutputs,
    inputs: ProjectInputs,
): Promise<ProjectOutputs> {
    const changed = changedSettings(current, inputs as Record<string, unknown>);
    if (changed.length === 0) return current;
    const updated = await tracked(ctx, client, current.pubKey).update(() =>
        updateProject(client, current.pubKey, changesOf(inputs, changed)),
    );
    return outputsFrom(updated);
}

async function adopt(ctx: ProjectContext, client: UploadcareClient, pubKey: string, inputs: ProjectInputs) {
    const missing = () =>
        new UploadcareNotFoundError({
            method: "GET",
            path: `/projects/${pubKey}/`,
            origin: new URL(client.config.projectApiBaseUrl ?? "https://api.uploadcare.com/").origin,
            status: 404,
            detail: `Cannot adopt project ${pubKey}: the token's account has no such project (or it was deleted). GET /projects/ lists the account's projects.`,
        });
    const project = await tracked(ctx, client, pubKey).require(() => getProjectByKey(client, pubKey), missing);
    ctx.claimed.claim(pubKey, `adopt project ${pubKey} with pubKey: "${pubKey}"`);
    return { id: pubKey, outs: await reconcile(ctx, client, outputsFrom(project), inputs) };
}

/**
 * `POST /projects/` once. After a lost answer, a project with exactly this name that was not listed just before
 * is this create's (Uploadcare gives projects no creation time to compare); two such projects prove nothing.
 */
async function createProjectOnce(
    ctx: ProjectContext,
    client: UploadcareClient,
    inputs: ProjectInputs & { name: string },
) {
    const features = featuresOf(inputs);
    const result = await createOnce(ctx, client.retry.maxErrorRetries, {
        request: "POST /projects/",
        noun: "project",
        snapshot: async () => new Set((await allProjects(client)).map((p) => p.pub_key)),
        send: () =>
            createProject(client, { name: inputs.name, ...(Object.keys(features).length > 0 ? { features } : {}) }),
        find: async (before: Set<string>, cause) => {
            const fresh = (await allProjects(client)).filter((p) => p.name === inputs.name && !before.has(p.pub_key));
            if (fresh.length <= 1) return fresh[0];
            const keys = fresh.map((p) => p.pub_key);
            throw notProvenError(
                {
                    request: "POST /projects/",
                    wanted: `the project "${inputs.name}"`,
                    kind: "Project",
                    idInput: "pubKey",
                    id: keys.join(", "),
                    matches: `are new projects named "${inputs.name}"`,
                    why: "more than one appeared since this create listed the account's projects",
                    otherwise: "delete the ones that are not (dashboard or DELETE /projects/{pub_key}/)",
                },
                cause,
            );
        },
        unlisted: (error) => error,
        claims: ctx.claimed,
        describe: (made: ManagedProject) => ({ id: made.pub_key, action: `create project ${made.pub_key}` }),
    });
    if ("made" in result) return result.made;
    ctx.claimed.claim(result.found.pub_key, `create project ${result.found.pub_key}`);
    return result.found;
}

export async function createProjectResource(ctx: ProjectContext, props: Record<string, unknown>) {
    const inputs = await parseProjectInputs(props);
    const client = await ctx.api.writer(inputs.pubKey ? "adopting a project" : "creating a project");
    if (inputs.pubKey !== undefined) return adopt(ctx, client, inputs.pubKey, inputs);
    const made = await createProjectOnce(ctx, client, { ...inputs, name: inputs.name ?? "" });
    // `POST /projects/` takes a name and features only: the rest (search indexing) is one more request.
    return { id: made.pub_key, outs: await reconcile(ctx, client, outputsFrom(made), inputs) };
}

/** Refresh: the project as Uploadcare reports it (drift shows as a diff); a proven 404 drops it from state. */
export async function readProjectResource(ctx: ProjectContext, pubKey: string) {
    const client = await ctx.api.client("reading a project");
    const project = await tracked(ctx, client, pubKey).read(() => getProjectByKey(client, pubKey));
    return project ? { id: pubKey, props: outputsFrom(project) } : { id: "" };
}

export async function updateProjectResource(
    ctx: ProjectContext,
    pubKey: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
) {
    const inputs = await parseProjectInputs(news);
    const before = stripProvider(olds) as unknown as ProjectOutputs;
    if (changedSettings(before, inputs as Record<string, unknown>).length === 0) return { outs: before };
    const client = await ctx.api.writer("updating a project");
    return { outs: await reconcile(ctx, client, { ...before, pubKey }, inputs) };
}

/** Uploadcare's soft delete; a project already gone (404, proven) is done. */
export async function deleteProjectResource(ctx: ProjectContext, pubKey: string) {
    const client = await ctx.api.client("deleting a project");
    await tracked(ctx, client, pubKey).delete(() =>
        deleteProject(client, pubKey).finally(() => ctx.claimed.release(pubKey)),
    );
}
