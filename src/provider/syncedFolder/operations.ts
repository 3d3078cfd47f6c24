/** The SyncedFolder lifecycle, one function per operation, over the process's shared runtime. */
import { basename } from "node:path";
import { findGroup, listFiles, MAX_FILE_PAGE_SIZE, type UploadcareClient } from "../../client";
import { stripProvider } from "../runtime/checks";
import { tracked } from "../runtime/lifecycle";
import type { ProviderRuntime } from "../runtime/runtime";
import { decodeEntries, type Entry } from "./entries";
import { parseSyncedFolderInputs, type SyncedFolderInputs } from "./inputs";
import { outputsOf, type SyncedFolderOutputs } from "./outputs";
import { findUnrecorded } from "./recovery";
import { deleteAll } from "./removal";
import { syncFolder } from "./sync";

const context = (runtime: ProviderRuntime, client: UploadcareClient, inputs: { syncKey: string; path: string }) => ({
    runtime,
    client,
    id: inputs.syncKey,
    label: basename(inputs.path) || inputs.path,
});

export async function createSyncedFolder(runtime: ProviderRuntime, props: Record<string, unknown>) {
    const inputs = await parseSyncedFolderInputs(props);
    const client = await runtime.writer("syncing a folder");
    const outs = await syncFolder(context(runtime, client, inputs), inputs, undefined);
    return { id: inputs.syncKey, outs };
}

export async function updateSyncedFolder(
    runtime: ProviderRuntime,
    _id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
) {
    const inputs = await parseSyncedFolderInputs(news);
    const client = await runtime.writer("syncing a folder");
    const previous = stripProvider(olds) as Partial<SyncedFolderOutputs>;
    return { outs: await syncFolder(context(runtime, client, inputs), inputs, previous) };
}

/** The UUIDs of the project's files, from the paginated list: ceil(N / 1000) requests, not one per file. */
async function existingUuids(client: UploadcareClient, storedOnly: boolean): Promise<Set<string>> {
    const uuids = new Set<string>();
    const options = { limit: MAX_FILE_PAGE_SIZE, ...(storedOnly ? { stored: true } : {}) };
    for await (const file of listFiles(client, options)) uuids.add(file.uuid);
    return uuids;
}

/** `pulumi import` (no stored outputs): the files carrying this key in their metadata. */
async function importedFiles(client: UploadcareClient, syncKey: string): Promise<Map<string, Entry>> {
    const files = new Map<string, Entry>();
    for (const found of await findUnrecorded(client, syncKey, new Set(), undefined)) files.set(found.path, found);
    return files;
}

/**
 * Refresh: files deleted outside Pulumi leave the outputs (and the manifest Pulumi keeps as the inputs), so the
 * next `up` shows them as added and uploads exactly those. Dropping anything needs the project proven first.
 */
export async function readSyncedFolder(runtime: ProviderRuntime, id: string, props: Record<string, unknown> = {}) {
    const previous = stripProvider(props) as Partial<SyncedFolderOutputs>;
    const client = await runtime.client("reading a synced folder", true);
    const recorded = previous.entries ? decodeEntries(previous.entries) : await importedFiles(client, id);
    const existing = await existingUuids(client, previous.store !== false);
    const files = new Map([...recorded].filter(([, entry]) => existing.has(entry.uuid)));
    const proof = tracked(runtime, client, `SyncedFolder ${id}`, previous);
    const missing = [...recorded.keys()].filter((path) => !files.has(path));
    if (missing.length > 0) {
        await proof.gone();
        const shown = missing.slice(0, 5).join(", ") + (missing.length > 5 ? ", …" : "");
        runtime.progress(`${basename(previous.path ?? id)}: ${missing.length} files deleted outside Pulumi: ${shown}`);
    }
    let group = previous.groupId ? { groupId: previous.groupId, groupCdnUrl: previous.groupCdnUrl ?? "" } : {};
    if (previous.groupId && !(await proof.read(() => findGroup(client, previous.groupId as string)))) group = {};
    const inputs = echoedInputs(previous, id, files);
    const outs = outputsOf(inputs, files, {
        project: previous.project ?? client.config.publicKey,
        cdnBase: previous.cdnBase ?? "",
        syncedAt: previous.syncedAt ?? new Date(0).toISOString(),
        ...group,
        ...(previous.pendingDeletes ? { pendingDeletes: previous.pendingDeletes } : {}),
    });
    return { id, props: outs, inputs };
}

function echoedInputs(
    previous: Partial<SyncedFolderOutputs>,
    id: string,
    files: Map<string, Entry>,
): SyncedFolderInputs {
    return {
        path: previous.path ?? "",
        manifest: Object.fromEntries([...files].map(([path, entry]) => [path, entry.hash])),
        metadata: previous.metadata ?? {},
        tags: previous.tags ?? [],
        store: previous.store ?? true,
        group: previous.group ?? Boolean(previous.groupId),
        syncKey: previous.syncKey ?? id,
    };
}

/** Destroy: every file and the group, in batches; idempotent (files already gone are "gone" once proven). */
export async function deleteSyncedFolder(runtime: ProviderRuntime, id: string, props: Record<string, unknown> = {}) {
    const previous = stripProvider(props) as Partial<SyncedFolderOutputs>;
    const client = await runtime.client("deleting a synced folder", true);
    const uuids = [...decodeEntries(previous.entries).values()].map((entry) => entry.uuid);
    const ids = [...uuids, ...(previous.pendingDeletes ?? []), ...(previous.groupId ? [previous.groupId] : [])];
    await deleteAll({ runtime, client }, ids, previous);
    if (uuids.length > 0) runtime.progress(`${basename(previous.path ?? id)}: ${uuids.length} files deleted`);
}
