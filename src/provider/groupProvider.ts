import type * as pulumi from "@pulumi/pulumi";
import {
    type ClientDeps,
    createClient,
    createGroup,
    deleteGroup,
    findGroup,
    getGroup,
    Limiter,
    listGroups,
    type RestGroup,
    STORE_BATCH_LIMIT,
    storeFiles,
    UploadcareApiError,
    type UploadcareClient,
    UploadcareGroupNotFoundError,
    UploadcareNetworkError,
    type UploadGroupInfo,
} from "../client";
import { type EmulatorEndpoint, resolveConnection } from "./connection";
import { checkGroupInputs, isUnknown, parseGroupInputs, stripProvider } from "./inputs";
import { type GroupOutputs, outputsFromCreated, outputsFromGroup } from "./outputs";
import { resolveSettings } from "./settings";

export type { EmulatorEndpoint } from "./connection";

export interface GroupProviderDeps extends ClientDeps {
    /** Environment for settings fallback (default `process.env`). */
    env?: NodeJS.ProcessEnv;
    /** How long after creation a 404 on read is treated as replication lag, not deletion. */
    readAfterCreateWindowMs?: number;
    /** Starts (once) the local emulator used when `uploadcare:emulator` is "auto" and no key is set. */
    startEmbeddedEmulator?: () => Promise<EmulatorEndpoint>;
    /** Diagnostic lines (retries, recoveries). Never receives secrets. Default: stderr when UPLOADCARE_DEBUG is set. */
    log?: (line: string) => void;
}

export type GroupProvider = Required<
    Pick<pulumi.dynamic.ResourceProvider, "configure" | "check" | "diff" | "create" | "read" | "update" | "delete">
>;

/** Thrown when the group exists but a later step failed: Pulumi records the id, so nothing is orphaned. */
export class GroupInitError extends Error {
    constructor(
        readonly id: string,
        readonly properties: GroupOutputs,
        cause: unknown,
    ) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        super(`Uploadcare group ${id} was created, but storing its files failed: ${reason}`, { cause });
        this.name = "GroupInitError";
    }
    get reasons(): string[] {
        return [this.message];
    }
}

export function createGroupProvider(deps: GroupProviderDeps = {}): GroupProvider {
    let stackConfig: pulumi.dynamic.Config | undefined;
    let limiter: Limiter | undefined;
    // Groups this process created or adopted: an ambiguous-create lookup never claims one twice.
    const claimed = new Set<string>();
    const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const log =
        deps.log ??
        ((line: string) => {
            if (process.env.UPLOADCARE_DEBUG) process.stderr.write(`pulumi-uploadcare: ${line}\n`);
        });

    async function clientFor(operation: string, needsSecret: boolean): Promise<UploadcareClient> {
        const settings = resolveSettings({
            ...(stackConfig ? { config: stackConfig } : {}),
            env: deps.env ?? process.env,
        });
        limiter ??= deps.limiter ?? new Limiter(settings.maxConcurrency);
        return createClient(await resolveConnection(settings, operation, needsSecret, deps.startEmbeddedEmulator), {
            ...deps,
            retry: { maxErrorRetries: settings.maxRetries, ...deps.retry },
            limiter,
            onRetry: (event) => {
                log(`retrying ${event.method} ${event.path} in ${event.delayMs} ms (${event.reason})`);
                deps.onRetry?.(event);
            },
        });
    }

    /** Members that exist but are not stored (removed files cannot be stored again). */
    function unstoredMembers(group: RestGroup): string[] {
        return (group.files ?? []).flatMap((f) => (f && !f.datetime_stored && !f.datetime_removed ? [f.uuid] : []));
    }

    async function storeMembers(client: UploadcareClient, uuids: readonly string[]): Promise<void> {
        const unique = [...new Set(uuids)];
        const batches: string[][] = [];
        for (let i = 0; i < unique.length; i += STORE_BATCH_LIMIT) batches.push(unique.slice(i, i + STORE_BATCH_LIMIT));
        const results = await Promise.all(batches.map((batch) => storeFiles(client, batch)));
        const problems = results.flatMap((result) => Object.entries(result.problems));
        if (problems.length > 0) {
            const list = problems.map(([uuid, reason]) => `${uuid}: ${reason}`).join("; ");
            throw new Error(`Uploadcare could not store ${problems.length} file(s): ${list}`);
        }
    }

    /**
     * After a POST /group/ whose outcome is unknown (connection lost after sending, or a 5xx), look for
     * a group created since the request started with exactly these files before trying again, so a
     * retry never leaves a duplicate behind.
     */
    async function findCreatedGroup(
        client: UploadcareClient,
        files: string[],
        since: Date,
    ): Promise<string | undefined> {
        // One minute of slack for clock differences between us and Uploadcare.
        const from = new Date(since.getTime() - 60_000).toISOString();
        for await (const candidate of listGroups(client, { from, ordering: "datetime_created", limit: 1000 })) {
            if (candidate.files_count !== files.length || claimed.has(candidate.id)) continue;
            const group = await findGroupWaiting(client, candidate.id, deps.readAfterCreateWindowMs ?? 10_000);
            const members = (group?.files ?? []).map((file) =>
                file ? (file.default_effects ? `${file.uuid}/-/${file.default_effects}` : file.uuid) : "",
            );
            if (members.length === files.length && members.every((member, i) => member === files[i]))
                return candidate.id;
        }
        return undefined;
    }

    /**
     * GET a group, waiting out 404s for up to `waitMs`: Uploadcare is eventually consistent, so a group
     * created moments ago (by us, or by a POST whose outcome is unknown) may 404 on its own URL briefly.
     */
    async function findGroupWaiting(client: UploadcareClient, id: string, waitMs: number) {
        let waited = 0;
        let delay = 200;
        for (;;) {
            const group = await findGroup(client, id);
            if (group || waited >= waitMs) return group;
            await sleep(delay);
            waited += delay;
            delay = Math.min(delay * 2, 2_000);
        }
    }

    async function createOnce(
        client: UploadcareClient,
        files: string[],
    ): Promise<UploadGroupInfo | { adopted: string }> {
        const since = client.now();
        for (let attempt = 0; ; attempt++) {
            try {
                return await createGroup(client, files);
            } catch (error) {
                const ambiguous =
                    (error instanceof UploadcareNetworkError && error.ambiguous) ||
                    (error instanceof UploadcareApiError && error.status >= 500);
                // After a lookup that found nothing, another POST is as safe as the first, so ambiguous failures get
                // the same budget as any other retried request.
                if (!ambiguous || attempt >= client.retry.maxErrorRetries) throw error;
                if (!client.config.secretKey) {
                    throw new Error(
                        `${(error as Error).message}. The group may or may not exist; set the secret key so the provider can check before retrying.`,
                    );
                }
                log(
                    `POST /group/ outcome unknown (${(error as Error).message}); looking for the group before retrying`,
                );
                await sleep(250 * (attempt + 1));
                const found = await findCreatedGroup(client, files, since);
                if (found) return { adopted: found };
            }
        }
    }

    async function readOutputs(client: UploadcareClient, id: string, previous: Partial<GroupOutputs>) {
        // Only a group created within the window gets the benefit of the doubt; an old one that 404s is gone.
        const created = previous.datetimeCreated ? Date.parse(previous.datetimeCreated) : Number.NaN;
        const window = deps.readAfterCreateWindowMs ?? 10_000;
        const age = client.now().getTime() - created;
        const waitMs = age >= -60_000 && age < window ? window - Math.max(age, 0) : 0;
        const group = await findGroupWaiting(client, id, waitMs);
        return group ? outputsFromGroup(group, previous) : undefined;
    }

    /** Stores members after the group exists; a failure carries the id so Pulumi records the group. */
    async function storeOrReport(client: UploadcareClient, id: string, outs: GroupOutputs, uuids: string[]) {
        if (uuids.length === 0) return;
        try {
            await storeMembers(client, uuids);
        } catch (error) {
            throw new GroupInitError(id, outs, error);
        }
    }

    /**
     * Takes over an existing group: the one a `groupId` input names, or one found after an ambiguous
     * POST (then `expectFiles` must match exactly, or it is someone else's group).
     */
    async function adoptGroup(
        client: UploadcareClient,
        id: string,
        options: { storeFiles: boolean; groupId?: string; expectFiles?: string[] },
    ) {
        const group = await findGroup(client, id);
        if (!group) throw new UploadcareGroupNotFoundError(id, client.config.publicKey, `Cannot adopt group ${id}`);
        const outs = outputsFromGroup(group, {
            storeFiles: options.storeFiles,
            ...(options.groupId ? { groupId: options.groupId } : {}),
        });
        const expected = options.expectFiles;
        if (expected && JSON.stringify(outs.files) !== JSON.stringify(expected)) {
            throw new Error(
                `Cannot adopt Uploadcare group ${id}: its files are [${outs.files.join(", ")}], ` +
                    `but files lists [${expected.join(", ")}].`,
            );
        }
        claimed.add(id);
        if (options.storeFiles) await storeOrReport(client, id, outs, unstoredMembers(group));
        return { id, outs };
    }

    return {
        async configure(req) {
            // Synchronous on purpose: the plugin may call other methods before this promise settles.
            stackConfig = req.config;
        },

        async check(_olds, news) {
            const { inputs, failures } = checkGroupInputs(news);
            return failures.length > 0 ? { inputs: news, failures } : { inputs };
        },

        async diff(id, olds, news) {
            const before = stripProvider(olds) as Partial<GroupOutputs>;
            const after = stripProvider(news);
            const storeChanged = (after.storeFiles ?? true) !== (before.storeFiles ?? true);
            const target = after.groupId;
            if (target !== undefined) {
                // Adopting: a different group replaces this one (adopt the new, then delete the old). The group
                // this resource already is (e.g. created from files, now named by id) is never replaced: a replace
                // would adopt it and then delete it.
                if (target !== id) return { changes: true, replaces: ["groupId"], deleteBeforeReplace: false };
                return { changes: storeChanged || before.groupId !== target };
            }
            const newFiles = after.files;
            const filesChanged =
                isUnknown(newFiles) ||
                !Array.isArray(newFiles) ||
                newFiles.some(isUnknown) ||
                JSON.stringify(newFiles) !== JSON.stringify(before.files);
            if (filesChanged) {
                // Groups are immutable: a new file list means a new group (created first, then the old one deleted).
                return { changes: true, replaces: ["files"], deleteBeforeReplace: false };
            }
            // Same files as an adopted group has: it is now managed by its file list (an update drops groupId).
            return { changes: storeChanged || before.groupId !== undefined };
        },

        async create(props) {
            const inputs = parseGroupInputs(props);
            const { storeFiles, groupId } = inputs;
            const client = await clientFor(
                groupId ? "adopting a group" : "creating a group",
                storeFiles || groupId !== undefined,
            );
            if (groupId !== undefined) return adoptGroup(client, groupId, { storeFiles, groupId });
            const created = await createOnce(client, inputs.files);
            if ("adopted" in created) {
                return adoptGroup(client, created.adopted, { storeFiles, expectFiles: inputs.files });
            }
            claimed.add(created.id);
            const outs = outputsFromCreated(created, inputs.files, storeFiles);
            if (storeFiles) {
                const unstored = created.files.filter((f) => f && !f.is_stored).map((f) => f?.uuid ?? "");
                await storeOrReport(client, created.id, outs, unstored);
            }
            return { id: created.id, outs };
        },

        async read(id, props) {
            const previous = stripProvider(props ?? {}) as Partial<GroupOutputs>;
            const client = await clientFor("reading a group", true);
            const outs = await readOutputs(client, id, previous);
            if (!outs) {
                // Group.get sends no stored outputs. There a missing group is an error: an empty id would leave the
                // program with a resource whose outputs are all undefined, and the engine does not object.
                if (Object.keys(previous).length === 0) {
                    throw new UploadcareGroupNotFoundError(id, client.config.publicKey, `Group.get("${id}")`);
                }
                // On refresh, an empty id tells Pulumi the group is gone, so it drops it from state.
                return { id: "" };
            }
            // The inputs the program would give for this state, so a preview after refresh shows no change.
            const inputs = outs.groupId
                ? { groupId: outs.groupId, storeFiles: outs.storeFiles }
                : { files: outs.files, storeFiles: outs.storeFiles };
            return { id, props: outs, inputs };
        },

        async update(id, olds, news) {
            const inputs = parseGroupInputs(news);
            const before = stripProvider(olds) as Partial<GroupOutputs>;
            const client = await clientFor("updating a group", true);
            const group = await getGroup(client, id);
            const { groupId: _previousGroupId, ...rest } = before;
            const outs = outputsFromGroup(group, {
                ...rest,
                files: inputs.files ?? before.files ?? [],
                storeFiles: inputs.storeFiles,
                ...(inputs.groupId ? { groupId: inputs.groupId } : {}),
            });
            if (inputs.storeFiles) {
                const unstored = unstoredMembers(group);
                if (unstored.length > 0) await storeMembers(client, unstored);
            }
            // storeFiles: false never deletes anything: files stay as they are.
            return { outs };
        },

        async delete(id) {
            const client = await clientFor("deleting a group", true);
            // 404 means someone already deleted it: the goal is reached. Member files are left as they are.
            await deleteGroup(client, id);
            claimed.delete(id);
        },
    };
}
