/**
 * Project API project endpoints (as uploadcare-go's `projectapi/projects.go` calls them,
 * https://github.com/uploadcare/uploadcare-go): list, create, get, update and (soft) delete. One short function per
 * endpoint, each with the statuses it accepts.
 */
import type { UploadcareClient } from "../core/call";
import { UploadcareInputError } from "../core/errors";
import { isRecord } from "../core/validate";
import { listAll, projectCall, projectPath, sendFor } from "./request";
import { isManagedProject, type ManagedProject, type ProjectFeatures, pageOf } from "./shapes";

/** Page size asked for: fewer pages, so fewer `next` links to follow. */
const PAGE_SIZE = 100;

/** What a new project starts with: a name, and any features to set at once. */
export interface NewProject {
    name: string;
    features?: ProjectFeatures;
}

/** The fields `updateProject` may change; only those given are sent. */
export interface ProjectChanges {
    name?: string;
    is_blocked?: boolean;
    is_search_index_allowed?: boolean;
    features?: ProjectFeatures;
}

/** Every project the token's account can see, page by page. */
export function listProjects(client: UploadcareClient): AsyncGenerator<ManagedProject> {
    return listAll(client, `/projects/?limit=${PAGE_SIZE}`, "a page of projects", pageOf(isManagedProject));
}

/**
 * `POST /projects/`. Not idempotent (each call makes a project): retried only when Uploadcare certainly did not
 * process it. 201 and 200 are both taken as created (the status is not documented).
 */
export async function createProject(client: UploadcareClient, project: NewProject): Promise<ManagedProject> {
    if (typeof project.name !== "string" || project.name.trim() === "") {
        const reason = "must be a non-empty string";
        throw new UploadcareInputError(`name ${reason}`, [{ property: "name", reason }]);
    }
    const body = project.features === undefined ? { name: project.name } : project;
    const call = projectCall("POST", "/projects/", [200, 201], body, false);
    return sendFor(client, call, "the new project", isManagedProject);
}

/** `GET /projects/<pub_key>/`; a 404 is an `UploadcareNotFoundError` (unknown or deleted project). */
export async function getProjectByKey(client: UploadcareClient, pubKey: string): Promise<ManagedProject> {
    return sendFor(client, projectCall("GET", projectPath(pubKey), [200]), "project", isManagedProject);
}

/**
 * `POST /projects/<pub_key>/` (the Project API updates with POST, not PATCH) with only the fields in `changes`:
 * what is not sent stays as it is. Setting values is safe to repeat, so it is retried like a GET.
 */
export async function updateProject(
    client: UploadcareClient,
    pubKey: string,
    changes: ProjectChanges,
): Promise<ManagedProject> {
    const body = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    if (Object.keys(body).length === 0 || (isRecord(body.features) && Object.keys(body.features).length === 0)) {
        const reason = "must change at least one field";
        throw new UploadcareInputError(`updateProject ${reason}`, [{ property: "changes", reason }]);
    }
    const call = projectCall("POST", projectPath(pubKey), [200], body);
    return sendFor(client, call, "the updated project", isManagedProject);
}

/**
 * `DELETE /projects/<pub_key>/`: Uploadcare's soft delete. 204 (as uploadcare-go's tests expect) or 200 is
 * "deleted"; 404 is "not-found", which only the caller can turn into "already gone" (after proving it asked the
 * right API with the right token).
 */
export async function deleteProject(client: UploadcareClient, pubKey: string): Promise<"deleted" | "not-found"> {
    const res = await client.call(projectCall("DELETE", projectPath(pubKey), [200, 204, 404]));
    return res.status === 404 ? "not-found" : "deleted";
}
