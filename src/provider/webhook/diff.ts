/** What a change of Webhook inputs does: nothing, an update in place (PUT), or adopting another webhook. */
import type * as pulumi from "@pulumi/pulumi";
import { isUnknown, stripProvider } from "../runtime/checks";
import type { WebhookOutputs } from "./outputs";

/** The fields `PUT /webhooks/:id/` changes in place. */
export const UPDATABLE = ["targetUrl", "event", "isActive", "signingSecret"] as const;

const given = (value: unknown) => value !== undefined && value !== null && value !== "";

/**
 * The updatable inputs that differ from the outputs. An absent `signingSecret` (or, when adopting, an absent
 * `targetUrl` or `event`) is not managed, so it is never a change.
 */
export function changedInputs(before: Partial<WebhookOutputs>, after: Record<string, unknown>): string[] {
    return UPDATABLE.filter((key) => {
        const value = key === "isActive" ? (after.isActive ?? true) : after[key];
        if (!given(value) && key !== "isActive") return false;
        return isUnknown(value) || value !== before[key];
    });
}

export function diffWebhook(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
): pulumi.dynamic.DiffResult {
    const before = stripProvider(olds) as Partial<WebhookOutputs>;
    const after = stripProvider(news);
    const target = after.webhookId;
    if (given(target) && (isUnknown(target) || String(target) !== id)) {
        // Another webhook to adopt: adopt it first, then delete this one (they are different subscriptions).
        return { changes: true, replaces: ["webhookId"], deleteBeforeReplace: false };
    }
    return { changes: changedInputs(before, after).length > 0 };
}
