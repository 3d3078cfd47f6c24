/**
 * The emulator's webhook subscriptions, per project. Ids are integers, unique across the emulator and never reused
 * (as Uploadcare's are); the state file keeps them, so a restarted emulator still has every subscription.
 */
import { createHash } from "node:crypto";
import type { WebhookRecord } from "../types";

export type WebhookFields = Pick<WebhookRecord, "targetUrl" | "event" | "isActive" | "signingSecret">;

/**
 * Uploadcare's numeric project id, which webhook objects carry (`project`) and payloads repeat (`project_id`). The
 * emulator derives a stable one from the public key.
 */
export function projectNumber(publicKey: string): number {
    return (createHash("sha256").update(publicKey).digest().readUInt32BE(0) % 900_000) + 100_000;
}

export class WebhookStore {
    private readonly byProject = new Map<string, Map<number, WebhookRecord>>();
    private nextId = 1;

    /** `changed` is called after every change (the state saves); `timestamp` gives created/updated times. */
    constructor(
        private readonly changed: () => void,
        private readonly timestamp: () => string,
    ) {}

    /** A project's webhooks, oldest first. */
    list(publicKey: string): WebhookRecord[] {
        return [...(this.byProject.get(publicKey)?.values() ?? [])].sort((a, b) => a.id - b.id);
    }

    get(publicKey: string, id: number): WebhookRecord | undefined {
        return this.byProject.get(publicKey)?.get(id);
    }

    /** Finds a webhook in any project (out-of-band deletion does not know the project). */
    find(id: number): WebhookRecord | undefined {
        for (const hooks of this.byProject.values()) {
            const hook = hooks.get(id);
            if (hook) return hook;
        }
        return undefined;
    }

    /** The project's other webhook for the same URL and event, which makes a subscription a duplicate. */
    duplicateOf(publicKey: string, targetUrl: string, event: string, exceptId?: number): WebhookRecord | undefined {
        return this.list(publicKey).find((h) => h.targetUrl === targetUrl && h.event === event && h.id !== exceptId);
    }

    create(publicKey: string, fields: WebhookFields, version: string): WebhookRecord {
        const now = this.timestamp();
        const record: WebhookRecord = {
            id: this.nextId++,
            projectPublicKey: publicKey,
            ...fields,
            version,
            created: now,
            updated: now,
        };
        this.projectMap(publicKey).set(record.id, record);
        this.changed();
        return record;
    }

    update(record: WebhookRecord, fields: Partial<WebhookFields>): WebhookRecord {
        Object.assign(record, fields, { updated: this.timestamp() });
        this.changed();
        return record;
    }

    delete(record: WebhookRecord): void {
        this.byProject.get(record.projectPublicKey)?.delete(record.id);
        this.changed();
    }

    /** The id the next webhook gets: saved, so ids of deleted webhooks are not handed out again after a restart. */
    get next(): number {
        return this.nextId;
    }

    set next(id: number) {
        this.nextId = Math.max(this.nextId, id);
    }

    /** Replaces a project's webhooks with persisted ones (no `changed` call: nothing new to save). */
    load(publicKey: string, records: readonly WebhookRecord[]): void {
        const hooks = this.projectMap(publicKey);
        hooks.clear();
        for (const record of records) {
            hooks.set(record.id, { ...record });
            this.nextId = Math.max(this.nextId, record.id + 1);
        }
    }

    private projectMap(publicKey: string): Map<number, WebhookRecord> {
        let hooks = this.byProject.get(publicKey);
        if (!hooks) {
            hooks = new Map();
            this.byProject.set(publicKey, hooks);
        }
        return hooks;
    }
}
