import * as pulumi from "@pulumi/pulumi";

import { requireWebhookId, type WebhookEvent } from "../client";

import shim = require("../provider/shims/webhook");

import { type InAnotherProject, secretCredentials, withSecretCredentials } from "./credentials";
import { outputSlots } from "./outputSlots";
import { warnAboutSetup } from "./setupWarnings";
import { checkedTargetUrl } from "./webhookSiblings";

export type { WebhookEvent };

/** `targetUrl` and `event` subscribe a new webhook; `webhookId` adopts an existing one instead. */
export interface WebhookArgs extends InAnotherProject {
    /**
     * Where Uploadcare POSTs the events: `https://…` (at most 255 characters). Plain `http://` only for a receiver
     * on this machine (localhost, 127.0.0.1, [::1]), which only the emulator delivers to. No user name or password:
     * they would sit in the state in clear; authenticate deliveries with `signingSecret`. Changing it updates the
     * webhook in place. Required unless `webhookId` adopts an existing webhook.
     */
    targetUrl?: pulumi.Input<string>;
    /** The event to subscribe to. Changing it updates the webhook in place. Required unless adopting. */
    event?: pulumi.Input<WebhookEvent>;
    /** Whether Uploadcare delivers (default true). Changing it updates the webhook in place. */
    isActive?: pulumi.Input<boolean>;
    /**
     * At most 32 characters; Uploadcare then signs each delivery with `X-Uc-Signature: v1=<hex HMAC-SHA256 of the
     * body>`. Always stored as a Pulumi secret. Left out: whatever the webhook has stays as it is. Changing it updates
     * the webhook in place.
     */
    signingSecret?: pulumi.Input<string>;
    /**
     * Adopt an existing webhook (its id, as GET /webhooks/ lists it) instead of creating one; the inputs given are
     * then applied to it. Destroy deletes it (unless `retainOnDelete`). Two Webhook resources of one stack may not
     * name the same webhook. A create never takes over a webhook it did not make: when its answer is lost and a
     * webhook for the URL and event is there that nothing proves it made, it fails with
     * `UPLOADCARE_OUTCOME_UNKNOWN`, and this input adopts that webhook if it is yours. Naming another webhook later
     * replaces the resource: that one is adopted, then this one deleted.
     */
    webhookId?: pulumi.Input<string | number>;
}

/**
 * An Uploadcare webhook: a subscription of one URL to one event of the project. The Pulumi id is the webhook id
 * Uploadcare returns. A create first lists the project's webhooks: one already there for the URL and event fails
 * as a duplicate, naming it. A change of `targetUrl`, `event`, `isActive` or `signingSecret` is an update in
 * place; destroying deletes exactly this subscription.
 */
export class Webhook extends pulumi.dynamic.Resource {
    /** The webhook id: the resource's id, so a preview knows it even while an update is pending. */
    declare readonly webhookId: pulumi.Output<string>;
    /** Where Uploadcare POSTs the events, as Uploadcare reports it. */
    declare readonly targetUrl: pulumi.Output<string>;
    /** The event the webhook is subscribed to. */
    declare readonly event: pulumi.Output<WebhookEvent>;
    /** Whether Uploadcare delivers. */
    declare readonly isActive: pulumi.Output<boolean>;
    /** The payload version Uploadcare sends (`"0.7"`). */
    declare readonly version: pulumi.Output<string>;
    /** The public key of the project the webhook belongs to. */
    declare readonly project: pulumi.Output<string>;
    /** When Uploadcare created the webhook (ISO 8601). */
    declare readonly created: pulumi.Output<string>;
    /** When the webhook was last changed (ISO 8601). */
    declare readonly updated: pulumi.Output<string>;
    /** A Pulumi secret; undefined when the webhook has none. */
    declare readonly signingSecret: pulumi.Output<string | undefined>;

    /** Reads an existing webhook into the program without managing it; fails if the project has no such webhook. */
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Webhook {
        if (typeof id === "string") requireWebhookId(id, "Webhook.get id");
        return new Webhook(name, undefined as unknown as WebhookArgs, { ...opts, id });
    }

    constructor(name: string, args: WebhookArgs, opts?: pulumi.CustomResourceOptions) {
        warnAboutSetup();
        const { signingSecret, credentials, ...rest } = args ?? {};
        super(
            shim,
            name,
            {
                ...outputSlots("targetUrl", "event", "isActive", "version", "project", "created", "updated"),
                ...rest,
                ...(rest.targetUrl !== undefined
                    ? { targetUrl: checkedTargetUrl(name, rest.targetUrl, rest.event) }
                    : {}),
                // A secret input makes the same-named output secret; additionalSecretOutputs covers a refresh too.
                signingSecret: signingSecret === undefined ? undefined : pulumi.secret(signingSecret),
                ...(credentials !== undefined ? { credentials: secretCredentials(credentials) } : {}),
            },
            withSecretCredentials(opts, credentials, "signingSecret"),
            "uploadcare",
            "Webhook",
        );
        // Not from the state: during an update preview every stored output is unknown, the id is not.
        (this as { -readonly [K in "webhookId"]: Webhook[K] }).webhookId = this.id;
    }
}
