import { Claims } from "../runtime/claims";
import { type DynamicProvider, dynamicProvider } from "../runtime/dynamicProvider";
import { createProjectApiRuntime, type ProjectApiRuntime } from "../runtime/projectApi";
import { createRuntime, type ProviderRuntime, type RuntimeDeps } from "../runtime/runtime";
import { diffProject } from "./diff";
import { checkProjectInputs } from "./inputs";
import {
    createProjectResource,
    deleteProjectResource,
    type ProjectContext,
    readProjectResource,
    updateProjectResource,
} from "./operations";

export interface ProjectProviderDeps extends RuntimeDeps {
    /** A runtime shared with other resource providers of the process (default: a new one). */
    runtime?: ProviderRuntime;
    /** The process's Project API side (default: a new one). */
    projectApi?: ProjectApiRuntime;
}

export type ProjectProvider = DynamicProvider;

/**
 * The shared runtime, with the Project API's settings and preflight: `configure` reaches both, and `check` tests
 * the Project API token (not the project keys, which a Project does not use).
 */
export function withProjectApi(runtime: ProviderRuntime, api: ProjectApiRuntime): ProviderRuntime {
    return {
        ...runtime,
        configure(config) {
            runtime.configure(config);
            api.configure(config);
        },
        preflight: (operation) => api.preflight(operation),
    };
}

/** The dynamic provider of `Project`, over the operations in operations.ts. */
export function createProjectProvider(deps: ProjectProviderDeps = {}): ProjectProvider {
    const runtime = deps.runtime ?? createRuntime(deps);
    const api = deps.projectApi ?? createProjectApiRuntime(deps);
    const ctx: ProjectContext = {
        api,
        claimed: new Claims("Project", "pubKey"),
        sleep: runtime.sleep,
        log: (line) => runtime.log(line),
    };
    return dynamicProvider(withProjectApi(runtime, api), {
        check: async (news) => checkProjectInputs(news),
        writes: (inputs, creating) => ({
            operation: !creating ? "updating a project" : inputs.pubKey ? "adopting a project" : "creating a project",
            needsSecret: false,
        }),
        diff: async (id, olds, news) => diffProject(id, olds, news),
        create: (props) => createProjectResource(ctx, props),
        read: (id) => readProjectResource(ctx, id),
        update: (id, olds, news) => updateProjectResource(ctx, id, olds, news),
        delete: (id) => deleteProjectResource(ctx, id),
    });
}
