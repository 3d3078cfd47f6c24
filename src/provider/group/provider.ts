import type * as pulumi from "@pulumi/pulumi";
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

export type GroupProvider = Required<
    Pick<pulumi.dynamic.ResourceProvider, "configure" | "check" | "diff" | "create" | "read" | "update" | "delete">
>;

/** The dynamic provider of `Group`: Pulumi's method names over the operations in groupOperations.ts. */
export function createGroupProvider(deps: GroupProviderDeps = {}): GroupProvider {
    const runtime = deps.runtime ?? createRuntime(deps);
    const ctx: GroupContext = {
        runtime,
        claimed: new Set(),
        readAfterCreateWindowMs: deps.readAfterCreateWindowMs ?? 10_000,
        sleep: runtime.sleep,
        log: runtime.log,
    };
    return {
        // Synchronous on purpose: the plugin may call other methods before this promise settles.
        configure: async (req) => runtime.configure(req.config),
        async check(_olds, news) {
            const { inputs, failures } = checkGroupInputs(news);
            return failures.length > 0 ? { inputs: news, failures } : { inputs };
        },
        diff: async (id, olds, news) => diffGroup(id, olds, news),
        create: (props) => createGroupResource(ctx, props),
        read: (id, props) => readGroupResource(ctx, id, props),
        update: (id, olds, news) => updateGroupResource(ctx, id, olds, news),
        delete: (id, props) => deleteGroupResource(ctx, id, props),
    };
}
