/**
 * Account-level lookups over the Project API (the account's token, `uploadcare:projectApiToken`): every project the
 * token's account can see, and one project's daily usage (at most 90 days, checked before the request, as the CLI's
 * `project usage` does, https://uploadcare.com/docs/cli/reference/project/). `getProject` stays the REST lookup of
 * the project the keys reach.
 */
import { getProjectUsage as fetchUsage, listProjects, type ProjectUsageDay } from "../../client";
import { outputsFrom, type ProjectOutputs } from "../project/outputs";
import { createProjectApiRuntime, type ProjectApiRuntime } from "../runtime/projectApi";
import type { LookupDeps } from "./runtime";

/** A project as `getProjects` lists it: the same fields as a `Project` resource's outputs. */
export type ManagedProjectDetails = ProjectOutputs;

export interface GetProjectUsageArgs {
    /** The project's public key. */
    pubKey: string;
    /** The first day, `YYYY-MM-DD`. */
    from: string;
    /** The last day, `YYYY-MM-DD`, at most 90 days after `from`. */
    to: string;
}

export interface ProjectUsageDetails {
    pubKey: string;
    from: string;
    to: string;
    /** The unit of each measure, as Uploadcare names it (`{traffic: "bytes", …}`). */
    units: Record<string, string>;
    /** One entry per day: traffic, storage and operations. */
    days: ProjectUsageDay[];
}

export interface ProjectApiLookups {
    getProjects(): Promise<ManagedProjectDetails[]>;
    getProjectUsage(args: GetProjectUsageArgs): Promise<ProjectUsageDetails>;
}

export function createProjectApiLookups(deps: LookupDeps & { projectApi?: ProjectApiRuntime } = {}): ProjectApiLookups {
    // The native plugin passes its own, configured with the provider instance.
    const api = deps.projectApi ?? createProjectApiRuntime(deps);
    if (deps.config && !deps.projectApi) api.configure(deps.config);
    return {
        async getProjects() {
            const client = await api.client("listing the account's projects");
            const out: ManagedProjectDetails[] = [];
            for await (const project of listProjects(client)) out.push(outputsFrom(project));
            return out;
        },
        async getProjectUsage(args) {
            const client = await api.client("reading a project's usage");
            const usage = await fetchUsage(client, args.pubKey, { from: args.from, to: args.to });
            return { pubKey: args.pubKey, from: args.from, to: args.to, units: usage.units, days: usage.data };
        },
    };
}
