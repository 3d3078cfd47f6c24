/**
 * The schema of `uploadcare:index:Webhook`, typed against the Webhook provider's inputs and outputs (see
 * ./types.ts for how drift fails `tsc`). The signing secret is a secret input and output.
 */
import { WEBHOOK_EVENTS } from "../../client";
import type { WebhookInputs } from "../../provider/webhook/inputs";
import type { WebhookOutputs } from "../../provider/webhook/outputs";
import { bool, replacing, requiredKeys, type SpecsOf, str } from "./types";

export const WEBHOOK_TOKEN = "uploadcare:index:Webhook";

const events = WEBHOOK_EVENTS.map((e) => `\`${e}\``).join(", ");

const webhookInputs: SpecsOf<WebhookInputs> = {
    webhookId: replacing(
        str(
            "Adopt an existing webhook (its id, as `GET /webhooks/` lists it) instead of creating one; the inputs given are then applied to it. Naming another webhook replaces the resource: that one is adopted, then this one deleted.",
        ),
    ),
    targetUrl: str(
        "Where Uploadcare POSTs the events: `https://…` (at most 255 characters); plain `http://` only for a receiver on this machine, which only the emulator delivers to. Required unless `webhookId` is given. Changes in place.",
    ),
    event: str(
        `The event to subscribe to: one of ${events}. Required unless \`webhookId\` is given. Changes in place.`,
    ),
    isActive: bool("Whether Uploadcare delivers (default true)."),
    signingSecret: {
        ...str(
            "At most 32 characters; Uploadcare then signs each delivery with `X-Uc-Signature: v1=<hex HMAC-SHA256 of the body>`. Always stored as a secret. Left out: whatever the webhook has stays.",
        ),
        secret: true,
    },
};

const webhookOutputs: SpecsOf<WebhookOutputs> = {
    webhookId: str("The id Uploadcare gave the webhook (also the resource id)."),
    targetUrl: webhookInputs.targetUrl,
    event: str("The event the webhook is subscribed to."),
    isActive: webhookInputs.isActive,
    version: str('The payload version Uploadcare sends (`"0.7"`).'),
    project: str("The public key of the project the webhook belongs to."),
    created: str("When the webhook was created (ISO 8601)."),
    updated: str("When the webhook was last changed (ISO 8601)."),
    signingSecret: { ...str("The signing secret, when the webhook has one."), secret: true },
};

export const webhookResourceSchema = {
    description:
        "An Uploadcare webhook: a subscription of one URL to one event of the project. The id is the webhook id Uploadcare returns. A change of `targetUrl`, `event`, `isActive` or `signingSecret` is an update in place; naming another webhook in `webhookId` replaces the resource. Destroying it deletes exactly this subscription. Import with `pulumi import uploadcare:index:Webhook <name> <webhook id>` (the signing secret stays in the state as a secret, never in the generated code).",
    inputProperties: webhookInputs,
    properties: webhookOutputs,
    required: requiredKeys(webhookOutputs, ["signingSecret"]),
};
