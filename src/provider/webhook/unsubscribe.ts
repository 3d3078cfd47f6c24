/**
 * The fallback delete. `DELETE /webhooks/:id/` is what the official Python and Go clients send, but the REST API
 * reference only documents `DELETE /webhooks/unsubscribe/` (https://uploadcare.com/api-refs/rest-api/v0.7.0/#tag/Webhook),
 * which names a target URL, not a subscription. If an API ever answers 405 to the former, the latter is used, but
 * only when this webhook is the URL's only subscription: otherwise it could delete a sibling (another event).
 */
import { listWebhooks, type UploadcareClient, UploadcareConflictError, unsubscribeWebhook } from "../../client";
import type { Tracked } from "../runtime/lifecycle";

/** `target` is this webhook under the project proof: a 404 is "already deleted" only once proven. */
export async function unsubscribeInstead(
    ctx: { log(line: string): void },
    client: UploadcareClient,
    id: string,
    target: Tracked,
): Promise<void> {
    const hooks = await listWebhooks(client);
    const hook = hooks.find((h) => String(h.id) === id);
    if (!hook) return target.gone();
    const siblings = hooks.filter((h) => h.target_url === hook.target_url && h.id !== hook.id);
    if (siblings.length > 0) {
        const list = siblings.map((h) => `${h.id} (${h.event})`).join(", ");
        throw new UploadcareConflictError(
            `Cannot delete webhook ${id}: this API answers 405 to DELETE /webhooks/${id}/, and the documented ` +
                `DELETE /webhooks/unsubscribe/ removes subscriptions by URL, which would also remove webhook(s) ${list} ` +
                `of ${hook.target_url}. Nothing was deleted. Delete webhook ${id} on the dashboard's Webhooks page, then run \`pulumi refresh\`.`,
        );
    }
    ctx.log(`DELETE /webhooks/${id}/ answered 405; unsubscribing its URL, which has no other subscription`);
    await target.delete(() => unsubscribeWebhook(client, hook.target_url));
}
