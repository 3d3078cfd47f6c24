import { withCredentials } from "../runtime/credentials";
import { type DynamicProvider, dynamicProvider, type ResourceOperations } from "../runtime/dynamicProvider";
import { createRuntime, type ProviderRuntime, type RuntimeDeps } from "../runtime/runtime";
import { diffSyncedFolder } from "./diff";
import { checkSyncedFolderInputs } from "./inputs";
import { createSyncedFolder, deleteSyncedFolder, readSyncedFolder, updateSyncedFolder } from "./operations";

export interface SyncedFolderProviderDeps extends RuntimeDeps {
    /** A runtime shared with other resource providers of the process (default: a new one). */
    runtime?: ProviderRuntime;
}

export type SyncedFolderProvider = DynamicProvider;

/** The dynamic provider of `SyncedFolder`, over the operations in operations.ts. */
export function createSyncedFolderProvider(deps: SyncedFolderProviderDeps = {}): SyncedFolderProvider {
    const runtime = deps.runtime ?? createRuntime(deps);
    return dynamicProvider(runtime, withCredentials(runtime, operations, "updating a synced folder's credentials"));
}

function operations(runtime: ProviderRuntime): ResourceOperations {
    return {
        check: async (news) => checkSyncedFolderInputs(news),
        writes: (_inputs, creating) => ({
            operation: creating ? "syncing a new folder" : "syncing a folder",
            needsSecret: true,
        }),
        // The same files in another checkout (another absolute path) are the same folder.
        notChanges: ["path"],
        diff: async (_id, olds, news) => diffSyncedFolder(olds, news),
        create: (props) => createSyncedFolder(runtime, props),
        read: (id, props) => readSyncedFolder(runtime, id, props),
        update: (id, olds, news) => updateSyncedFolder(runtime, id, olds, news),
        delete: (id, props) => deleteSyncedFolder(runtime, id, props),
    };
}
