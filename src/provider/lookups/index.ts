/**
 * Every read-only lookup over one runtime (one limiter, one cached project proof): the TypeScript functions in
 * src/resources/lookups.ts and the native plugin's invokes (src/native/invokes.ts) both call these.
 */
import { createFileLookups, type FileLookups } from "./files";
import { createGroupLookups, type GroupLookups } from "./groups";
import { createProjectLookup, type ProjectDetails } from "./project";
import { createProjectApiLookups, type ProjectApiLookups } from "./projects";
import { type LookupDeps, type LookupOptions, lookupRuntime } from "./runtime";

export type { FileDetails, FileLookups, GetFilesArgs } from "./files";
export type { GetGroupsArgs, GroupDetails, GroupLookups, GroupSummary } from "./groups";
export type { ProjectCollaborator, ProjectDetails } from "./project";
export type { GetProjectUsageArgs, ManagedProjectDetails, ProjectApiLookups, ProjectUsageDetails } from "./projects";
export type { LookupDeps, LookupOptions } from "./runtime";
export { createFileLookups, createGroupLookups, createProjectApiLookups, createProjectLookup };

export interface Lookups extends GroupLookups, FileLookups, ProjectApiLookups {
    getProject(options?: LookupOptions): Promise<ProjectDetails>;
}

export function createLookups(deps: LookupDeps = {}): Lookups {
    const runtime = lookupRuntime(deps);
    return {
        ...createGroupLookups({ runtime }),
        ...createFileLookups({ runtime }),
        getProject: createProjectLookup({ runtime }),
        ...createProjectApiLookups(deps),
    };
}
