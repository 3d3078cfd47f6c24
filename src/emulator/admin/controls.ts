import { readFile } from "node:fs/promises";
import { UploadcareEmulatorError } from "../errors";
import type { Runtime } from "../runtime";
import type {
    Emulator,
    FaultRule,
    FileRecord,
    GroupRecord,
    RequestLogEntry,
    WebhookDelivery,
    WebhookRecord,
} from "../types";
import type { AdminControls } from "./api";
import type { ThrottleBursts } from "./ratelimit";

/**
 * The in-process controls of a running emulator: the `Emulator` object handed to callers, which the admin API
 * drives too. How requests are served is the pipeline's business; how the server starts, `startEmulator`'s.
 */
export class EmulatorControls implements Emulator, AdminControls {
    /** Set once the server listens. Plain fields, not getters, so `{ ...emulator }` keeps them. */
    url = "";
    readonly requests: RequestLogEntry[];
    seededFiles: string[] = [];
    seededGroups: string[] = [];

    constructor(
        readonly publicKey: string,
        readonly secretKey: string,
        private readonly runtime: Runtime,
        private readonly stop: () => Promise<void>,
    ) {
        this.requests = runtime.log.entries;
        runtime.deliveries.apiUrl = () => this.url;
    }

    get readOnly(): boolean {
        return this.runtime.state.readOnly;
    }

    close(): Promise<void> {
        return this.stop();
    }

    clearRequests(): void {
        this.runtime.log.clear();
    }

    injectFaults(rules: FaultRule[]): void {
        this.runtime.faults.inject(rules);
    }

    clearFaults(): void {
        this.runtime.faults.clear();
    }

    activeFaults(): FaultRule[] {
        return this.runtime.faults.active;
    }

    setRateLimit(rps: number | undefined): void {
        this.runtime.limiter.set(rps);
    }

    rateLimit(): number | undefined {
        return this.runtime.limiter.limit;
    }

    setThrottleBursts(bursts: ThrottleBursts | undefined): void {
        this.runtime.bursts.set(bursts);
    }

    throttleBursts(): ThrottleBursts | undefined {
        return this.runtime.bursts.current;
    }

    signatures(): string[] {
        return [...this.runtime.signatures];
    }

    projectKeys(): string[] {
        return [this.publicKey, ...(this.runtime.options.extraProjects ?? []).map((p) => p.publicKey)];
    }

    groups(projectPublicKey?: string): GroupRecord[] {
        const state = this.runtime.state;
        state.reloadIfChanged();
        return structuredClone(state.groups(projectPublicKey ?? this.publicKey));
    }

    files(projectPublicKey?: string): FileRecord[] {
        const state = this.runtime.state;
        state.reloadIfChanged();
        return structuredClone(state.files(projectPublicKey ?? this.publicKey));
    }

    /** Throws a RangeError for an unknown project (the admin API answers it with 400). */
    createFiles(count: number, opts: { stored?: boolean; projectPublicKey?: string } = {}): string[] {
        this.refuseIfReadOnly("createFiles");
        const project = opts.projectPublicKey ?? this.publicKey;
        if (!this.runtime.state.project(project)) throw new UploadcareEmulatorError(`unknown project ${project}`);
        return this.runtime.state.createDemoFiles(project, count, { stored: opts.stored ?? true });
    }

    deleteGroupOutOfBand(id: string): boolean {
        this.refuseIfReadOnly("deleteGroupOutOfBand");
        const state = this.runtime.state;
        const group = state.findGroup(id);
        return group ? state.deleteGroup(group.projectPublicKey, id) : false;
    }

    removeFileOutOfBand(uuid: string): boolean {
        this.refuseIfReadOnly("removeFileOutOfBand");
        const file = this.runtime.state.findFile(uuid);
        if (file) this.runtime.state.removeFile(file);
        return file !== undefined;
    }

    webhooks(projectPublicKey?: string): WebhookRecord[] {
        this.runtime.state.reloadIfChanged();
        return structuredClone(this.runtime.state.webhooks.list(projectPublicKey ?? this.publicKey));
    }

    deleteWebhookOutOfBand(id: number): boolean {
        this.refuseIfReadOnly("deleteWebhookOutOfBand");
        const hook = this.runtime.state.webhooks.find(id);
        if (hook) this.runtime.state.webhooks.delete(hook);
        return hook !== undefined;
    }

    webhookDeliveries(): WebhookDelivery[] {
        return structuredClone(this.runtime.deliveries.log);
    }

    clearWebhookDeliveries(): void {
        this.runtime.deliveries.clear();
    }

    flushWebhookDeliveries(): Promise<void> {
        return this.runtime.deliveries.flush();
    }

    async fileBytes(uuid: string): Promise<Buffer | undefined> {
        const { state, blobs } = this.runtime;
        state.reloadIfChanged();
        const file = state.findFile(uuid);
        if (!file || file.datetimeRemoved !== null || !blobs.has(uuid)) return undefined;
        return readFile(blobs.path(uuid));
    }

    /** In-process changes to a read-only emulator would vanish at the next reload: fail loudly instead. */
    private refuseIfReadOnly(what: string): void {
        if (this.readOnly) throw new UploadcareEmulatorError(`${what}: the emulator is read-only (readOnlyState)`);
    }
}
