import { randomUUID } from "node:crypto";
import type { FileRecord, GroupMember, GroupRecord } from "../types";
import { WebhookStore } from "../webhooks/store";
import { type MicroClock, parseIsoMicros } from "./clock";
import { FileEvents } from "./events";
import { type StateFile, StateFileStore } from "./persistence";
import { type Project, restoredProject, savedProject } from "./projects";
import { seededFileUuid, seededGroupId, seededGroupMemberIndexes } from "./seed";

export type { Project } from "./projects";

interface ProjectData {
    files: Map<string, FileRecord>;
    groups: Map<string, GroupRecord>;
}

/** `createDemoFiles` options. */
export interface DemoFileOptions {
    /** Stored (`datetime_stored` set) like files uploaded with autostore; default true. */
    stored?: boolean;
    /** Seeded files: UUIDs derived from the public key and index, and UUIDs already present are skipped. */
    deterministic?: boolean;
}

/**
 * Everything the emulator remembers: projects with their files and groups. Deleted groups are dropped outright:
 * the Upload API `GET /group/info/` then also answers 404 for them (the emulator's choice: the Upload API docs do not
 * say what it answers for a deleted group). Removed files stay, with `datetimeRemoved` set, because the REST API
 * keeps showing them. Persistence is `StateFileStore`'s job; this class only says when to read or write.
 */
export class State {
    private readonly projects = new Map<string, Project>();
    private readonly data = new Map<string, ProjectData>();

    /** What webhooks subscribe to: uploads, storing, deleting and info changes of files. */
    readonly events = new FileEvents();
    /** Webhook subscriptions (`/webhooks/` of the REST API), saved with the rest of the state. */
    readonly webhooks: WebhookStore;
    private readonly store: StateFileStore | undefined;
    private batching = 0;
    private dirty = false;

    /**
     * `readOnly`: the state file belongs to another process's emulator. This one never writes it (`save()` does
     * nothing) and follows it with `reloadIfChanged()`.
     */
    constructor(
        private readonly clock: MicroClock,
        statePath: string | undefined,
        readonly readOnly = false,
    ) {
        this.store = statePath === undefined ? undefined : new StateFileStore(statePath);
        this.webhooks = new WebhookStore(
            () => this.save(),
            () => this.clock.nextIso(),
        );
    }

    addProject(project: Project): void {
        this.projects.set(project.publicKey, project);
        this.dataOf(project.publicKey);
    }

    /** A live project: a soft-deleted one is unknown to every API. */
    project(publicKey: string): Project | undefined {
        const project = this.projects.get(publicKey);
        return project?.deletedAt ? undefined : project;
    }

    /** Every live project, in the order they were added. */
    liveProjects(): Project[] {
        return [...this.projects.values()].filter((p) => !p.deletedAt);
    }

    /** Whether a public key was ever used, deleted projects included (new keys must be new). */
    hasProjectKey(publicKey: string): boolean {
        return this.projects.has(publicKey);
    }

    files(publicKey: string): FileRecord[] {
        return [...this.dataOf(publicKey).files.values()];
    }

    file(publicKey: string, uuid: string): FileRecord | undefined {
        return this.dataOf(publicKey).files.get(uuid);
    }

    /** Groups of a project, oldest first. */
    groups(publicKey: string): GroupRecord[] {
        return [...this.dataOf(publicKey).groups.values()].sort((a, b) =>
            a.datetimeCreated < b.datetimeCreated ? -1 : a.datetimeCreated > b.datetimeCreated ? 1 : 0,
        );
    }

    group(publicKey: string, id: string): GroupRecord | undefined {
        return this.dataOf(publicKey).groups.get(id);
    }

    /** Finds a group in any project (for out-of-band deletion, which does not know the project). */
    findGroup(id: string): GroupRecord | undefined {
        for (const d of this.data.values()) {
            const g = d.groups.get(id);
            if (g) return g;
        }
        return undefined;
    }

    findFile(uuid: string): FileRecord | undefined {
        for (const d of this.data.values()) {
            const f = d.files.get(uuid);
            if (f) return f;
        }
        return undefined;
    }

    /** A fresh, unique datetime for records made outside this class (uploads). */
    timestamp(): string {
        return this.clock.nextIso();
    }

    /** A file uploaded through the Upload API (not demo files, which exist "before" the emulator started). */
    addFile(file: FileRecord): void {
        this.dataOf(file.projectPublicKey).files.set(file.uuid, file);
        this.save();
        this.events.emit("file.uploaded", file);
        if (file.datetimeStored) this.events.emit("file.stored", file);
    }

    /** Creates demo images; `deterministic` gives seeded files stable UUIDs (and skips those already present). */
    createDemoFiles(publicKey: string, count: number, options: DemoFileOptions = {}): string[] {
        const { stored = true, deterministic = false } = options;
        const uuids: string[] = [];
        const files = this.dataOf(publicKey).files;
        for (let i = 0; i < count; i++) {
            const uuid = deterministic ? seededFileUuid(publicKey, i) : randomUUID();
            uuids.push(uuid);
            if (files.has(uuid)) continue;
            const now = this.clock.nextIso();
            const n = deterministic ? i + 1 : files.size + 1;
            const width = 640 + (n % 5) * 160;
            files.set(uuid, {
                uuid,
                projectPublicKey: publicKey,
                size: 20_000 + n * 137,
                mimeType: "image/jpeg",
                originalFilename: `demo-${n}.jpg`,
                isImage: true,
                image: { width, height: Math.round((width * 3) / 4), format: "JPEG" },
                datetimeUploaded: now,
                datetimeStored: stored ? now : null,
                datetimeRemoved: null,
                metadata: {},
            });
        }
        this.save();
        return uuids;
    }

    /**
     * Groups "made by upload widgets" before the emulator started: deterministic ids (see seed.ts) over the seeded
     * files `seededFiles` (in seed order), datetimes from the clock, so they are increasing and older than any group
     * created afterwards. Skips ids already present. Returns the ids in seed order.
     */
    createSeedGroups(publicKey: string, count: number, seededFiles: readonly string[]): string[] {
        const groups = this.dataOf(publicKey).groups;
        const ids: string[] = [];
        for (let i = 0; i < count; i++) {
            const id = seededGroupId(publicKey, i, seededFiles.length);
            ids.push(id);
            if (groups.has(id)) continue;
            const files = seededGroupMemberIndexes(i, seededFiles.length).map(
                (n): GroupMember => ({ uuid: seededFiles[n] ?? "", defaultEffects: "" }),
            );
            groups.set(id, { id, projectPublicKey: publicKey, datetimeCreated: this.clock.nextIso(), files });
        }
        this.save();
        return ids;
    }

    createGroup(publicKey: string, members: GroupMember[]): GroupRecord {
        const group: GroupRecord = {
            id: `${randomUUID()}~${members.length}`,
            projectPublicKey: publicKey,
            datetimeCreated: this.clock.nextIso(),
            files: members,
        };
        this.dataOf(publicKey).groups.set(group.id, group);
        this.save();
        return group;
    }

    deleteGroup(publicKey: string, id: string): boolean {
        const deleted = this.dataOf(publicKey).groups.delete(id);
        if (deleted) this.save();
        return deleted;
    }

    storeFile(file: FileRecord): void {
        file.datetimeStored = this.clock.nextIso();
        this.save();
        this.events.emit("file.stored", file);
    }

    /** Like `DELETE /files/:uuid/storage/`: the file stays visible with `datetime_removed` set. */
    removeFile(file: FileRecord): void {
        const wasRemoved = file.datetimeRemoved !== null;
        if (!wasRemoved) file.datetimeRemoved = this.clock.nextIso();
        file.datetimeStored = null;
        this.save();
        if (!wasRemoved) this.events.emit("file.deleted", file);
    }

    /** Groups many changes into one write (batch storage). */
    batch<T>(fn: () => T): T {
        this.batching++;
        try {
            return fn();
        } finally {
            this.batching--;
            if (this.batching === 0 && this.dirty) this.save();
        }
    }

    /** Loads the state file if there is one (merging into what is in memory); returns whether it existed. */
    load(): boolean {
        const parsed = this.store?.read();
        if (!parsed) return false;
        this.apply(parsed);
        return true;
    }

    /**
     * For a read-only emulator that follows another process's state file: when the file changed since it was last
     * read, REPLACES the files and groups of every project with its content (so groups the writer deleted
     * disappear; unlike `load()`, which merges). Returns whether it reloaded. A file that disappears keeps what is in
     * memory: writers replace the file by rename and never remove it, so that is someone cleaning up, not new state.
     * A file that cannot be parsed throws and leaves memory as it was; the next call tries again. The writer itself
     * never reloads: its memory is the truth, and re-reading its own saves would only cost time.
     */
    reloadIfChanged(): boolean {
        if (!this.store || !this.readOnly || !this.store.changed()) return false;
        const parsed = this.store.read();
        if (!parsed) return false;
        for (const d of this.data.values()) {
            d.files.clear();
            d.groups.clear();
        }
        this.apply(parsed);
        return true;
    }

    /** Adds the file's records; every timestamp is observed so new ones stay later than all persisted ones. */
    private apply(parsed: StateFile): void {
        this.webhooks.next = parsed.nextWebhookId ?? 1;
        for (const [publicKey, saved] of Object.entries(parsed.projects)) {
            if (saved.project) {
                this.projects.set(publicKey, restoredProject(publicKey, saved.project, this.projects.get(publicKey)));
            }
            const d = this.dataOf(publicKey);
            for (const f of saved.files) d.files.set(f.uuid, f);
            this.webhooks.load(publicKey, saved.webhooks ?? []);
            for (const g of saved.groups) {
                d.groups.set(g.id, g);
                this.clock.observe(parseIsoMicros(g.datetimeCreated) ?? 0);
            }
            for (const f of saved.files) {
                for (const t of [f.datetimeUploaded, f.datetimeStored, f.datetimeRemoved]) {
                    if (t) this.clock.observe(parseIsoMicros(t) ?? 0);
                }
            }
        }
    }

    /** Writes the state file after a change (once per `batch`); nothing without a state file or when read-only. */
    save(): void {
        if (!this.store || this.readOnly) return;
        if (this.batching > 0) {
            this.dirty = true;
            return;
        }
        this.dirty = false;
        const out: StateFile = { version: 1, projects: {}, nextWebhookId: this.webhooks.next };
        for (const [publicKey, d] of this.data) {
            const webhooks = this.webhooks.list(publicKey);
            const project = this.projects.get(publicKey);
            out.projects[publicKey] = { files: [...d.files.values()], groups: [...d.groups.values()], webhooks };
            if (project) out.projects[publicKey].project = savedProject(project);
        }
        this.store.write(out);
    }

    private dataOf(publicKey: string): ProjectData {
        let d = this.data.get(publicKey);
        if (!d) {
            d = { files: new Map(), groups: new Map() };
            this.data.set(publicKey, d);
        }
        return d;
    }
}
