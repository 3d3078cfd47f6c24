/**
 * The project the settings reach (`GET /project/`, https://uploadcare.com/api-refs/rest-api/v0.7.0/#tag/Project).
 * The same answer is how the provider proves which project a 404 comes from, so the lookup reads it through the
 * runtime's cached proof: one request per process and endpoint, however often it is called.
 */
import type { ProjectInfo } from "../../client";
import { type LookupDeps, type LookupOptions, lookupRuntime } from "./runtime";

export interface ProjectCollaborator {
    email?: string;
    name?: string;
}

export interface ProjectDetails {
    /** The project's name. */
    name: string;
    /** Its public key. */
    publicKey: string;
    /** Whether uploads are stored automatically (false when Uploadcare does not say). */
    autostoreEnabled: boolean;
    /** Empty when Uploadcare reports none (or `null`). */
    collaborators: ProjectCollaborator[];
}

export function projectDetails(info: ProjectInfo): ProjectDetails {
    return {
        name: info.name,
        publicKey: info.pub_key,
        autostoreEnabled: info.autostore_enabled === true,
        collaborators: (info.collaborators ?? []).map((c) => ({
            ...(typeof c.email === "string" ? { email: c.email } : {}),
            ...(typeof c.name === "string" ? { name: c.name } : {}),
        })),
    };
}

/** The project lookup without Pulumi: programs use `getProject`, tests and scripts can build their own. */
export function createProjectLookup(deps: LookupDeps = {}) {
    const runtime = lookupRuntime(deps);
    return async (options: LookupOptions = {}): Promise<ProjectDetails> => {
        const client = await runtime.client("reading the project", true, options);
        return projectDetails(await runtime.proof.projectOf(client));
    };
}
