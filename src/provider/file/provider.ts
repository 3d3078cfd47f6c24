import type * as pulumi from "@pulumi/pulumi";
import { createRuntime, type ProviderRuntime, type RuntimeDeps } from "../runtime/runtime";
import { diffFile } from "./diff";
import { checkFileInputs } from "./inputs";
import { createFileResource, deleteFileResource, readFileResource, updateFileResource } from "./operations";

export interface FileProviderDeps extends RuntimeDeps {
    /** A runtime shared with other resource providers of the process (default: a new one). */
    runtime?: ProviderRuntime;
}

export type FileProvider = Required<
    Pick<pulumi.dynamic.ResourceProvider, "configure" | "check" | "diff" | "create" | "read" | "update" | "delete">
>;

/** The dynamic provider of `File`: Pulumi's method names over the operations in operations.ts. */
export function createFileProvider(deps: FileProviderDeps = {}): FileProvider {
    const runtime = deps.runtime ?? createRuntime(deps);
    return {
        configure: async (req) => runtime.configure(req.config),
        async check(_olds, news) {
            const { inputs, failures } = await checkFileInputs(news);
            return failures.length > 0 ? { inputs: news, failures } : { inputs };
        },
        diff: async (_id, olds, news) => diffFile(olds, news),
        create: (props) => createFileResource(runtime, props),
        read: (id, props) => readFileResource(runtime, id, props),
        update: (id, olds, news) => updateFileResource(runtime, id, olds, news),
        delete: (id, props) => deleteFileResource(runtime, id, props),
    };
}
