/**
 * The functions (`uploadcare:index:getGroup`, `getGroups`, `getFile`, `getProject`), answered with the configured
 * provider's settings, so each explicit provider instance reads its own project.
 */
import { UploadcareInputError } from "../client";
import { createLookups, type GetGroupsArgs, type GetProjectUsageArgs } from "../provider/lookups";
import { createProjectApiLookups } from "../provider/lookups/projects";
import type { EmulatorEndpoint } from "../provider/runtime/connection";
import type { ProjectApiRuntime } from "../provider/runtime/projectApi";
import type { ProviderRuntime } from "../provider/runtime/runtime";
import type { ConfigView } from "./config";
import type { PropertyMap } from "./values";

export interface InvokeContext {
    runtime: ProviderRuntime;
    /** The Project API side, configured with the provider instance (getProjects, getProjectUsage). */
    projectApi?: ProjectApiRuntime;
    config(): ConfigView | undefined;
    env: NodeJS.ProcessEnv;
    /** The provider's own embedded emulator (`emulator: auto`), so lookups see what it created. */
    startEmbeddedEmulator?: () => Promise<EmulatorEndpoint>;
}

type Invoke = (ctx: InvokeContext, args: PropertyMap) => Promise<PropertyMap>;

/** The lookups over the provider instance's own runtime: its settings, its limiter, its project proof. */
function lookups(ctx: InvokeContext) {
    return createLookups({ runtime: ctx.runtime });
}

export const INVOKES: Record<string, Invoke> = {
    "uploadcare:index:getGroup": async (ctx, args) => {
        const details = await lookups(ctx).getGroup(args.id as string, {}, "id");
        return { ...details };
    },
    "uploadcare:index:getGroups": async (ctx, args) => {
        const groups = [];
        for await (const group of lookups(ctx).listGroups(args as GetGroupsArgs)) groups.push(group);
        return { groups };
    },
    "uploadcare:index:getFile": async (ctx, args) => ({ ...(await lookups(ctx).getFile(args.uuid as string)) }),
    "uploadcare:index:getProject": async (ctx) => ({ ...(await lookups(ctx).getProject()) }),
    "uploadcare:index:getProjects": async (ctx) => ({
        projects: await createProjectApiLookups({
            ...(ctx.projectApi ? { projectApi: ctx.projectApi } : {}),
        }).getProjects(),
    }),
    "uploadcare:index:getProjectUsage": async (ctx, args) => ({
        ...(await createProjectApiLookups({
            ...(ctx.projectApi ? { projectApi: ctx.projectApi } : {}),
        }).getProjectUsage(args as unknown as GetProjectUsageArgs)),
    }),
};

export function invoke(ctx: InvokeContext, token: string, args: PropertyMap): Promise<PropertyMap> {
    const fn = INVOKES[token];
    if (!fn) {
        const known = Object.keys(INVOKES).join(", ");
        throw new UploadcareInputError(`Unknown function ${token}; the uploadcare provider has ${known}.`);
    }
    return fn(ctx, args);
}
