/**
 * Project API projects: list, create, get, update (POST with the fields to change) and soft delete, as
 * uploadcare-go's `projectapi/projects.go` calls them (https://github.com/uploadcare/uploadcare-go).
 */
import { randomBytes } from "node:crypto";
import { emptyReply, jsonReply, type Reply } from "../http/reply";
import { defaultFeatures, type Project } from "../state/projects";
import { mergedFeatures, nameProblem, projectJson } from "./features";
import { pageReply } from "./pages";
import { validationError } from "./reply";
import type { ProjectApiDeps, ProjectApiRequest } from "./types";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The JSON object a create or update sends, or the 400 for anything else. */
export function jsonBody(req: ProjectApiRequest): Record<string, unknown> | Reply {
    const text = req.body.toString("utf8");
    if (text.trim() === "") return {};
    try {
        const value: unknown = JSON.parse(text);
        return isRecord(value) ? value : validationError("The body must be a JSON object.");
    } catch {
        return validationError("The body is not valid JSON.");
    }
}

const isReply = (v: unknown): v is Reply => isRecord(v) && "status" in v && "headers" in v;

export function listProjects(req: ProjectApiRequest, deps: ProjectApiDeps): Reply {
    return pageReply(req, deps.state.liveProjects(), projectJson);
}

/** A public key like Uploadcare's: 20 hex characters, never used before (deleted projects included). */
function newPublicKey(deps: ProjectApiDeps): string {
    for (;;) {
        const key = randomBytes(10).toString("hex");
        if (!deps.state.hasProjectKey(key)) return key;
    }
}

/** `POST /projects/` `{name, features?}` → 201 with the project. It starts without secret keys. */
export function createProject(req: ProjectApiRequest, deps: ProjectApiDeps): Reply {
    const body = jsonBody(req);
    if (isReply(body)) return body;
    const problem = nameProblem(body.name);
    if (problem) return validationError(problem);
    const features = body.features === undefined ? defaultFeatures() : mergedFeatures(defaultFeatures(), body.features);
    if (typeof features === "string") return validationError(features);
    const project: Project = {
        publicKey: newPublicKey(deps),
        name: body.name as string,
        secrets: [],
        features,
        isBlocked: false,
        isSearchIndexAllowed: true,
        managed: true,
        deletedAt: null,
    };
    deps.state.addProject(project);
    deps.state.save();
    return jsonReply(201, projectJson(project));
}

export function getProject(_req: ProjectApiRequest, _deps: ProjectApiDeps, project: Project): Reply {
    return jsonReply(200, projectJson(project));
}

/** `POST /projects/<pub_key>/`: changes only the fields sent; nothing is changed when one of them is wrong. */
export function updateProject(req: ProjectApiRequest, deps: ProjectApiDeps, project: Project): Reply {
    const body = jsonBody(req);
    if (isReply(body)) return body;
    const { name, is_blocked, is_search_index_allowed, features, ...rest } = body;
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined) return validationError(`${unknown} is not a writable field.`);
    if (name !== undefined && nameProblem(name)) return validationError(nameProblem(name) as string);
    for (const [field, value] of Object.entries({ is_blocked, is_search_index_allowed })) {
        if (value !== undefined && typeof value !== "boolean")
            return validationError(`${field} must be true or false.`);
    }
    const merged = features === undefined ? project.features : mergedFeatures(project.features, features);
    if (typeof merged === "string") return validationError(merged);
    if (typeof name === "string") project.name = name;
    if (typeof is_blocked === "boolean") project.isBlocked = is_blocked;
    if (typeof is_search_index_allowed === "boolean") project.isSearchIndexAllowed = is_search_index_allowed;
    project.features = merged;
    deps.state.save();
    return jsonReply(200, projectJson(project));
}

/**
 * `DELETE /projects/<pub_key>/` → 204. A soft delete: the project, its files, groups and webhooks stay in the state
 * file, but every API answers as for an unknown project from then on, and its keys stop working.
 */
export function deleteProject(_req: ProjectApiRequest, deps: ProjectApiDeps, project: Project): Reply {
    project.deletedAt = deps.now().toISOString();
    deps.state.save();
    return emptyReply(204);
}
