import { withProjectApi } from "../project/provider";
import { Claims } from "../runtime/claims";
import { type DynamicProvider, dynamicProvider } from "../runtime/dynamicProvider";
import { createProjectApiRuntime, type ProjectApiRuntime } from "../runtime/projectApi";
import { createRuntime, type ProviderRuntime, type RuntimeDeps } from "../runtime/runtime";
import { diffProjectSecret } from "./diff";
import { checkProjectSecretInputs } from "./inputs";
import {
    createProjectSecretResource,
    deleteProjectSecretResource,
    type ProjectSecretContext,
    readProjectSecretResource,
} from "./operations";

export interface ProjectSecretProviderDeps extends RuntimeDeps {
    runtime?: ProviderRuntime;
    /** The process's Project API side, shared with Project (default: a new one). */
    projectApi?: ProjectApiRuntime;
}

export type ProjectSecretProvider = DynamicProvider;

/** The dynamic provider of `ProjectSecret`: create and delete only (any change replaces). */
export function createProjectSecretProvider(deps: ProjectSecretProviderDeps = {}): ProjectSecretProvider {
    const runtime = deps.runtime ?? createRuntime(deps);
    const api = deps.projectApi ?? createProjectApiRuntime(deps);
    const ctx: ProjectSecretContext = {
        api,
        claimed: new Claims("ProjectSecret", "secretId"),
        sleep: runtime.sleep,
        log: (line) => runtime.log(line),
    };
    return dynamicProvider(withProjectApi(runtime, api), {
        check: async (news) => checkProjectSecretInputs(news),
        writes: () => ({ operation: "creating a project secret key", needsSecret: false }),
        diff: async (_id, olds, news) => diffProjectSecret(olds, news),
        create: (props) => createProjectSecretResource(ctx, props),
        read: (id, props) => readProjectSecretResource(ctx, id, props),
        // Never called: every change replaces (./diff.ts).
        update: async (_id, olds) => ({ outs: olds }),
        delete: (id, props) => deleteProjectSecretResource(ctx, id, props),
    });
}
