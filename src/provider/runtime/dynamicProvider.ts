import type * as pulumi from "@pulumi/pulumi";
import type { CheckFailure } from "./checks";
import { settingsFailure, type Writes } from "./preflight";
import type { ProviderRuntime } from "./runtime";

/** What a resource type implements: `check` without the old inputs, and the lifecycle operations. */
export interface ResourceOperations {
    check(news: Record<string, unknown>): Promise<{ inputs: Record<string, unknown>; failures: CheckFailure[] }>;
    /** What creating (`creating`) or changing a resource with these checked inputs will need (./preflight.ts). */
    writes: Writes;
    /** Inputs whose change alone changes nothing in Uploadcare (SyncedFolder's `path`): no key check for them. */
    notChanges?: readonly string[];
    diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult>;
    create(props: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult>;
    read(id: string, props?: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult>;
    update(
        id: string,
        olds: Record<string, unknown>,
        news: Record<string, unknown>,
    ): Promise<pulumi.dynamic.UpdateResult>;
    delete(id: string, props?: Record<string, unknown>): Promise<void>;
}

export type DynamicProvider = Required<
    Pick<pulumi.dynamic.ResourceProvider, "configure" | "check" | "diff" | "create" | "read" | "update" | "delete">
>;

/** Pulumi's method names over a resource type's operations, sharing the process's runtime. */
export function dynamicProvider(runtime: ProviderRuntime, operations: ResourceOperations): DynamicProvider {
    return {
        // `runtime.configure` stores the config before anything is awaited: Pulumi may call the other methods
        // before this promise settles, and they must already see it.
        configure: async (req) => runtime.configure(req.config),
        async check(olds, news) {
            const { inputs, failures } = await operations.check(news);
            if (failures.length > 0) return { inputs: news, failures };
            const settings =
                runtime.checksSettings &&
                (await settingsFailure(runtime, operations.writes, olds, inputs, operations.notChanges));
            return settings ? { inputs, failures: [settings] } : { inputs };
        },
        diff: (id, olds, news) => operations.diff(id, olds, news),
        create: (props) => operations.create(props),
        read: (id, props) => operations.read(id, props),
        update: (id, olds, news) => operations.update(id, olds, news),
        delete: (id, props) => operations.delete(id, props),
    };
}
