import { withCredentials } from "../runtime/credentials";
import { type DynamicProvider, dynamicProvider, type ResourceOperations } from "../runtime/dynamicProvider";
import { createRuntime, type ProviderRuntime, type RuntimeDeps } from "../runtime/runtime";
import { diffFile } from "./diff";
import { checkFileInputs } from "./inputs";
import { createFileResource, deleteFileResource, readFileResource, updateFileResource } from "./operations";

export interface FileProviderDeps extends RuntimeDeps {
    /** A runtime shared with other resource providers of the process (default: a new one). */
    runtime?: ProviderRuntime;
}

export type FileProvider = DynamicProvider;

/** The dynamic provider of `File`, over the operations in operations.ts. */
export function createFileProvider(deps: FileProviderDeps = {}): FileProvider {
    const runtime = deps.runtime ?? createRuntime(deps);
    return dynamicProvider(runtime, withCredentials(runtime, operations, "updating a file's credentials"));
}

function operations(runtime: ProviderRuntime): ResourceOperations {
    return {
        check: (news) => checkFileInputs(news),
        writes: (_inputs, creating) => ({
            operation: creating ? "uploading a file" : "updating a file",
            needsSecret: true,
        }),
        diff: async (_id, olds, news) => diffFile(olds, news),
        create: (props) => createFileResource(runtime, props),
        read: (id, props) => readFileResource(runtime, id, props),
        update: (id, olds, news) => updateFileResource(runtime, id, olds, news),
        delete: (id, props) => deleteFileResource(runtime, id, props),
    };
}
