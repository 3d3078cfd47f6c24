import type { RestWebhook } from "../../client";

/** The outputs a Webhook exposes; create, update and read all return the complete set. */
export interface WebhookOutputs {
    /** The id Uploadcare gave the webhook (also the Pulumi id), as text. */
    webhookId: string;
    targetUrl: string;
    event: string;
    isActive: boolean;
    /** The payload version (`"0.7"`; old subscriptions may show `""`, `"0.5"` or `"0.6"`). */
    version: string;
    /** The public key of the project the webhook belongs to (a 404 is trusted as "gone" only from it). */
    project: string;
    created: string;
    updated: string;
    /** Set when Uploadcare has one. The resource class makes it a Pulumi secret. */
    signingSecret?: string;
}

/** Outputs from a webhook as Uploadcare answers it. */
export function outputsFrom(hook: RestWebhook, project: string): WebhookOutputs {
    return {
        webhookId: String(hook.id),
        targetUrl: hook.target_url,
        event: hook.event,
        isActive: hook.is_active,
        version: hook.version ?? "",
        project,
        created: hook.created ?? "",
        updated: hook.updated ?? "",
        ...(typeof hook.signing_secret === "string" && hook.signing_secret !== ""
            ? { signingSecret: hook.signing_secret }
            : {}),
    };
}
