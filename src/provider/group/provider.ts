import { type DynamicProvider, dynamicProvider } from "../runtime/dynamicProvider";
import { createRuntime, type ProviderRuntime, type RuntimeDeps } from "../runtime/runtime";
import { diffGroup } from "./diff";
import { checkGroupInputs } from "./inputs";
import {
    createGroupResource,
    deleteGroupResource,
    type GroupContext,
    readGroupResource,
    updateGroupResource,
} from "./operations";

export type { EmulatorEndpoint } from "../runtime/connection";
export { GroupInitError } from "./storage";

export interface GroupProviderDeps extends RuntimeDeps {
    /** How long after creation a 404 on read is treated as replication lag, not deletion. */
    readAfterCreateWindowMs?: number;
    /** A runtime shared with other resource providers of the process (default: a new one). */
    runtime?: ProviderRuntime;
}

export type GroupProvider = DynamicProvider;

/** The dynamic provider of `Group`, over the operations in operations.ts. */
export function createGroupProvider(deps: GroupProviderDeps = {}): GroupProvider {
    const runtime = deps.runtime ?? createRuntime(deps);
    const ctx: GroupContext = {
        runtime,
        claimed: new Set(),
        readAfterCreateWindowMs: deps.readAfterCreateWindowMs ?? 10_000,
        sleep: runtime.sleep,
        log: runtime.log,
    };
    return dynamicProvider(runtime, {
        check: async (news) => checkGroupInputs(news),
        diff: async (id, olds, news) => diffGroup(id, olds, news),
        create: (props) => createGroupResource(ctx, props),
        read: (id, props) => readGroupResource(ctx, id, props),
        update: (id, olds, news) => updateGroupResource(ctx, id, olds, news),
        delete: (id, props) => deleteGroupResource(ctx, id, props),
    });
}
