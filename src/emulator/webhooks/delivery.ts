/**
 * Webhook delivery (https://uploadcare.com/docs/webhooks/): when a file event happens, every active subscription of
 * the project to that event gets a POST with the documented payload (`initiator`, `hook`, `data`, `file`; REST API
 * spec `webhookFilePayload`) and, when the subscription has a signing secret, `X-Uc-Signature: v1=<hex HMAC-SHA256
 * of the body>` (https://uploadcare.com/docs/security/secure-webhooks/). Only loopback targets are contacted: the
 * emulator never sends data off the machine; other targets are logged as skipped.
 */
import { createHmac } from "node:crypto";
import { request } from "node:http";
import { isLoopbackHost } from "../http/loopback";
import type { FileEvent } from "../state/events";
import { restFile } from "../state/serialize";
import type { State } from "../state/state";
import type { WebhookDelivery, WebhookRecord } from "../types";
import { projectNumber } from "./store";

export interface DeliveryOptions {
    quiet: boolean;
    now: () => Date;
    /** Waits between attempts; their count + 1 is the number of attempts. Default 250 ms, 1 s (3 attempts). */
    retryDelaysMs?: readonly number[];
    /** Per attempt; default 5 s. */
    timeoutMs?: number;
    /** The log keeps the newest this many entries; default 1000. */
    limit?: number;
}

/** The signature header value for a body: `v1=` and the hex HMAC-SHA256 with the signing secret. */
export function webhookSignature(body: string, secret: string): string {
    return `v1=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** The JSON body Uploadcare POSTs for an event (REST API v0.7 `webhookFilePayload`). */
export function webhookPayload(hook: WebhookRecord, event: FileEvent, apiUrl: string): Record<string, unknown> {
    const data = restFile(event.file, apiUrl);
    const payload: Record<string, unknown> = {
        // The emulator cannot link an event to the request that caused it: `request_id` is null (the spec allows it).
        initiator: { type: "api", detail: { request_id: null, addon_name: null, source_file_uuid: null } },
        hook: {
            id: hook.id,
            project_id: projectNumber(hook.projectPublicKey),
            project_pub_key: hook.projectPublicKey,
            created_at: hook.created,
            updated_at: hook.updated,
            event: hook.event,
            target: hook.targetUrl,
            is_active: hook.isActive,
            version: hook.version,
        },
        data,
        file: data.original_file_url ?? `https://ucarecdn.com/${event.file.uuid}/`,
    };
    // `file.info_updated` carries the values before the change (spec `webhookFileInfoUpdatedPayload`).
    if (event.name === "file.info_updated") payload.previous_values = previousValues(event);
    return payload;
}

function previousValues(event: FileEvent): Record<string, unknown> {
    const previous = (event as { previous?: unknown }).previous;
    return typeof previous === "object" && previous !== null ? (previous as Record<string, unknown>) : {};
}

/** Listens to the state's file events and delivers them; keeps the delivery log. */
export class WebhookDeliveries {
    readonly log: WebhookDelivery[] = [];
    private readonly pending = new Set<Promise<void>>();
    /** The emulator's URL (the base of `data.url`), known once it listens; the controls set it. */
    apiUrl: () => string = () => "https://api.uploadcare.com";

    constructor(
        private readonly state: State,
        private readonly options: DeliveryOptions,
    ) {
        state.events.on((event) => this.dispatch(event));
    }

    /** Resolves once every delivery in flight, retries included, is over. */
    async flush(): Promise<void> {
        while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    }

    clear(): void {
        this.log.length = 0;
    }

    private dispatch(event: FileEvent): void {
        const hooks = this.state.webhooks
            .list(event.projectPublicKey)
            .filter((h) => h.isActive && h.event === event.name);
        for (const hook of hooks) {
            const delivery = this.deliver(hook, event).finally(() => this.pending.delete(delivery));
            this.pending.add(delivery);
        }
    }

    private async deliver(hook: WebhookRecord, event: FileEvent): Promise<void> {
        const base = { webhookId: hook.id, event: event.name, fileUuid: event.file.uuid, targetUrl: hook.targetUrl };
        const signed = hook.signingSecret !== null && hook.signingSecret !== "";
        if (!isLoopbackTarget(hook.targetUrl)) {
            const reason = "not a loopback address: the emulator never contacts other hosts";
            return this.record({ ...base, outcome: "skipped", attempts: 0, signed, reason });
        }
        const body = JSON.stringify(webhookPayload(hook, event, this.apiUrl()));
        const headers: Record<string, string> = {
            "Content-Type": "application/json",
            "User-Agent": "pulumi-uploadcare-emulator (webhook delivery)",
        };
        if (signed) headers["X-Uc-Signature"] = webhookSignature(body, hook.signingSecret as string);
        const delays = this.options.retryDelaysMs ?? [250, 1000];
        let last: { status?: number; reason?: string } = {};
        for (let attempt = 1; attempt <= delays.length + 1; attempt++) {
            last = await post(hook.targetUrl, body, headers, this.options.timeoutMs ?? 5000);
            const status = last.status ?? 0;
            if (status >= 200 && status < 300) {
                return this.record({ ...base, outcome: "delivered", status, attempts: attempt, signed });
            }
            // A 4xx other than 408/429 is the receiver's answer, not a passing problem: not retried.
            const final = status >= 400 && status < 500 && status !== 408 && status !== 429;
            if (final || attempt > delays.length) {
                return this.record({ ...base, outcome: "failed", attempts: attempt, signed, ...last });
            }
            await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]).unref());
        }
    }

    private record(entry: Omit<WebhookDelivery, "time">): void {
        const full: WebhookDelivery = { time: this.options.now().toISOString(), ...entry };
        this.log.push(full);
        const limit = this.options.limit ?? 1000;
        if (this.log.length > limit) this.log.splice(0, this.log.length - limit);
        if (!this.options.quiet) process.stderr.write(`${deliveryLine(full)}\n`);
    }
}

/** One line of the delivery log, as the CLI prints it (never the secret or the signature). */
export function deliveryLine(d: WebhookDelivery): string {
    const status = d.status === undefined ? "" : ` ${d.status}`;
    const tries = d.attempts > 1 ? ` after ${d.attempts} attempts` : "";
    const reason = d.reason ? ` (${d.reason})` : "";
    const signed = d.signed ? " signed" : "";
    return `${d.time} webhook #${d.webhookId} ${d.event} ${d.fileUuid} -> ${d.targetUrl}${status} ${d.outcome}${signed}${tries}${reason}`;
}

/** `http://localhost…`, `http://127.x.x.x…`, `http://[::1]…` (https too): targets on this machine. */
export function isLoopbackTarget(targetUrl: string): boolean {
    try {
        const url = new URL(targetUrl);
        return (url.protocol === "http:" || url.protocol === "https:") && isLoopbackHost(url.host);
    } catch {
        return false;
    }
}

/** One POST; the status, or the reason no answer came. Plain http only: a loopback receiver has no certificate. */
function post(
    target: string,
    body: string,
    headers: Record<string, string>,
    timeoutMs: number,
): Promise<{ status?: number; reason?: string }> {
    const url = new URL(target);
    if (url.protocol !== "http:") return Promise.resolve({ reason: "https targets are not delivered by the emulator" });
    return new Promise((resolve) => {
        const req = request(url, { method: "POST", headers, timeout: timeoutMs }, (res) => {
            res.resume();
            res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
            res.on("error", (error) => resolve({ reason: error.message }));
        });
        req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        req.on("error", (error) => resolve({ reason: error.message }));
        req.end(body);
    });
}
