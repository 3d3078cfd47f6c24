/**
 * The functions (`uploadcare:index:getGroup`, `getGroups`, `getProject`), answered with the configured
 * provider's settings, so each explicit provider instance reads its own project.
 */
import { getProject, UploadcareInputError } from "../client";
import type { EmulatorEndpoint } from "../provider/runtime/connection";
import type { ProviderRuntime } from "../provider/runtime/runtime";
import { createGroupLookups, type GetGroupsArgs } from "../resources/groupLookups";
import type { ConfigView } from "./config";
import { projectResult } from "./schema/group";
import type { PropertyMap } from "./values";

export interface InvokeContext {
    runtime: ProviderRuntime;
    config(): ConfigView | undefined;
    env: NodeJS.ProcessEnv;
    /** The provider's own embedded emulator (`emulator: auto`), so lookups see what it created. */
    startEmbeddedEmulator?: () => Promise<EmulatorEndpoint>;
}

type Invoke = (ctx: InvokeContext, args: PropertyMap) => Promise<PropertyMap>;

function lookups(ctx: InvokeContext) {
    const config = ctx.config();
    return createGroupLookups({
        ...(config ? { config } : {}),
        env: ctx.env,
        ...(ctx.startEmbeddedEmulator ? { startEmbeddedEmulator: ctx.startEmbeddedEmulator } : {}),
    });
}

export const INVOKES: Record<string, Invoke> = {
    "uploadcare:index:getGroup": async (ctx, args) => {
        const details = await lookups(ctx).getGroup(args.id as string);
        return { ...details };
    },
    "uploadcare:index:getGroups": async (ctx, args) => {
        const groups = [];
        for await (const group of lookups(ctx).listGroups(args as GetGroupsArgs)) groups.push(group);
        return { groups };
    },
    "uploadcare:index:getProject": async (ctx) => {
        const client = await ctx.runtime.client("reading the project", true);
        return projectResult(await getProject(client));
    },
};

export function invoke(ctx: InvokeContext, token: string, args: PropertyMap): Promise<PropertyMap> {
    const fn = INVOKES[token];
    if (!fn) {
        const known = Object.keys(INVOKES).join(", ");
        throw new UploadcareInputError(`Unknown function ${token}; the uploadcare provider has ${known}.`);
    }
    return fn(ctx, args);
}
