/**
 * The resource types the native plugin serves, each over the same provider module the dynamic
 * provider uses. Adding a type (File, Webhook) is one entry here plus its schema.
 */
import type * as pulumi from "@pulumi/pulumi";
import { createGroupProvider } from "../provider/group/provider";
import type { ProviderRuntime } from "../provider/runtime/runtime";
import { GROUP_TOKEN } from "./schema/group";

/** The dynamic-provider shape the shared modules implement (configure is the plugin's own). */
export type ResourceOps = Required<
    Pick<pulumi.dynamic.ResourceProvider, "check" | "diff" | "create" | "read" | "update" | "delete">
>;

export interface NativeResource {
    ops: ResourceOps;
    /** Outputs always stored as secrets (e.g. a webhook's signing secret), whatever the inputs were. */
    secretOutputs: readonly string[];
}

/** Every type by its token, sharing the process's runtime (one config, limiter and project proof). */
export function createResources(runtime: ProviderRuntime): Map<string, NativeResource> {
    return new Map<string, NativeResource>([
        [GROUP_TOKEN, { ops: createGroupProvider({ runtime }), secretOutputs: [] }],
    ]);
}
