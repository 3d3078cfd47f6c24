import { Claims } from "../runtime/claims";
import { withCredentials } from "../runtime/credentials";
import { type DynamicProvider, dynamicProvider, type ResourceOperations } from "../runtime/dynamicProvider";
import { createRuntime, type ProviderRuntime, type RuntimeDeps } from "../runtime/runtime";
import { diffWebhook } from "./diff";
import { checkWebhookInputs } from "./inputs";
import {
    createWebhookResource,
    deleteWebhookResource,
    readWebhookResource,
    updateWebhookResource,
    type WebhookContext,
} from "./operations";

export interface WebhookProviderDeps extends RuntimeDeps {
    /** A runtime shared with other resource providers of the process (default: a new one). */
    runtime?: ProviderRuntime;
}

export type WebhookProvider = DynamicProvider;

/** The dynamic provider of `Webhook`, over the operations in operations.ts. */
export function createWebhookProvider(deps: WebhookProviderDeps = {}): WebhookProvider {
    const runtime = deps.runtime ?? createRuntime(deps);
    const ctx: WebhookContext = {
        runtime,
        claimed: new Claims("Webhook", "webhookId"),
        sleep: runtime.sleep,
        log: (line) => runtime.log(line),
    };
    const build = (scoped: ProviderRuntime) => operations({ ...ctx, runtime: scoped });
    return dynamicProvider(runtime, withCredentials(runtime, build, "updating a webhook's credentials"));
}

function operations(ctx: WebhookContext): ResourceOperations {
    return {
        check: async (news) => checkWebhookInputs(news),
        writes: (inputs, creating) => {
            if (!creating) return { operation: "updating a webhook", needsSecret: true };
            const adopting = inputs.webhookId !== undefined;
            return { operation: adopting ? "adopting a webhook" : "creating a webhook", needsSecret: true };
        },
        diff: async (id, olds, news) => diffWebhook(id, olds, news),
        create: (props) => createWebhookResource(ctx, props),
        read: (id, props) => readWebhookResource(ctx, id, props),
        update: (id, olds, news) => updateWebhookResource(ctx, id, olds, news),
        delete: (id, props) => deleteWebhookResource(ctx, id, props),
    };
}
