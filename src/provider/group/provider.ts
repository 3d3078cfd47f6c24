import { Claims } from "../runtime/claims";
import { withCredentials } from "../runtime/credentials";
import { type DynamicProvider, dynamicProvider, type ResourceOperations } from "../runtime/dynamicProvider";
import { createRuntime, type ProviderRuntime, type RuntimeDeps } from "../runtime/runtime";
import { diffGroup } from "./diff";
import { checkGroupInputs, stripProvider } from "./inputs";
import {
    createGroupResource,
    deleteGroupResource,
    type GroupContext,
    readGroupResource,
    updateGroupResource,
} from "./operations";
import type { GroupOutputs } from "./outputs";
import { compactGroupInputs, compactGroupOutputs } from "./stateEntry";

export type { EmulatorEndpoint } from "../runtime/connection";
export { GroupInitError } from "./storage";

export interface GroupProviderDeps extends RuntimeDeps {
    /** How long after creation a 404 on read is treated as replication lag, not deletion. */
    readAfterCreateWindowMs?: number;
    /** A runtime shared with other resource providers of the process (default: a new one). */
    runtime?: ProviderRuntime;
    /**
     * Leave out of the state what the Group class rebuilds (./stateEntry.ts): the dynamic provider. The native
     * plugin keeps every property its schema declares.
     */
    compactState?: boolean;
}

export type GroupProvider = DynamicProvider;

/** The dynamic provider of `Group`, over the operations in operations.ts. */
export function createGroupProvider(deps: GroupProviderDeps = {}): GroupProvider {
    const runtime = deps.runtime ?? createRuntime(deps);
    const ctx: GroupContext = {
        runtime,
        claimed: new Claims("Group", "groupId"),
        readAfterCreateWindowMs: deps.readAfterCreateWindowMs ?? 10_000,
        sleep: runtime.sleep,
        log: runtime.log,
    };
    const build = (scoped: ProviderRuntime) => operations({ ...ctx, runtime: scoped });
    const withKeys = withCredentials(runtime, build, "updating a group's credentials");
    return dynamicProvider(runtime, deps.compactState ? compact(runtime, withKeys) : withKeys);
}

function operations(ctx: GroupContext): ResourceOperations {
    return {
        check: async (news: Record<string, unknown>) => checkGroupInputs(news),
        // As create and update ask `runtime.writer`: a group of files that are not stored needs no secret key.
        writes: (inputs: Record<string, unknown>, creating: boolean) => {
            if (!creating) return { operation: "updating a group", needsSecret: true };
            const adopting = inputs.groupId !== undefined;
            const needsSecret = adopting || inputs.storeFiles !== false;
            return { operation: adopting ? "adopting a group" : "creating a group", needsSecret };
        },
        diff: async (id: string, olds: Record<string, unknown>, news: Record<string, unknown>) =>
            diffGroup(id, olds, news),
        create: (props: Record<string, unknown>) => createGroupResource(ctx, props),
        read: (id: string, props?: Record<string, unknown>) => readGroupResource(ctx, id, props),
        update: (id: string, olds: Record<string, unknown>, news: Record<string, unknown>) =>
            updateGroupResource(ctx, id, olds, news),
        delete: (id: string, props?: Record<string, unknown>) => deleteGroupResource(ctx, id, props),
    };
}

/** The same operations, storing compact entries (./stateEntry.ts). */
function compact(runtime: ProviderRuntime, ops: ResourceOperations): ResourceOperations {
    const stored = (id: string, outs: unknown, previous?: Record<string, unknown>) =>
        compactGroupOutputs(outs as GroupOutputs, id, runtime.restApi(), previous && stripProvider(previous));
    return {
        ...ops,
        async check(news) {
            const checked = await ops.check(news);
            return { ...checked, inputs: compactGroupInputs(checked.inputs) };
        },
        async create(props) {
            const { id, outs } = await ops.create(props);
            return { id, outs: stored(id, outs) };
        },
        async read(id, props) {
            const result = await ops.read(id, props);
            if (!result.props) return result;
            const inputs = result.inputs && compactGroupInputs(result.inputs);
            return { ...result, props: stored(id, result.props, props ?? {}), ...(inputs ? { inputs } : {}) };
        },
        async update(id, olds, news) {
            const { outs } = await ops.update(id, olds, news);
            return { outs: stored(id, outs, olds) };
        },
    };
}
