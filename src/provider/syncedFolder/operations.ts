/** The SyncedFolder lifecycle, one function per operation, over the process's shared runtime. */
import { basename } from "node:path";
import { findGroup, listFiles, MAX_FILE_PAGE_SIZE, type RestFile, type UploadcareClient } from "../../client";
import { stripProvider } from "../runtime/checks";
import { tracked } from "../runtime/lifecycle";
import type { ProviderRuntime } from "../runtime/runtime";
import { decodeEntries, type Entry } from "./entries";
import { parseSyncedFolderInputs, type SyncedFolderInputs } from "./inputs";
import { cdnBaseOf, outputsOf, type SyncedFolderOutputs } from "./outputs";
import { foundFile } from "./recovery";
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

/** What one pass over the project's file list tells a refresh (ceil(N / 1000) requests, not one per file). */
interface Listed {
    uuids: Set<string>;
    cdnBase?: string;
    /** This resource's files found by their metadata, for an import (no stored outputs). */
    own: Map<string, Entry>;
    /** One of them as listed: the user's metadata and tags of an import. */
    sample?: RestFile;
}

async function listProject(client: UploadcareClient, storedOnly: boolean, syncKey: string): Promise<Listed> {
    const listed: Listed = { uuids: new Set(), own: new Map() };
    const options = { limit: MAX_FILE_PAGE_SIZE, ...(storedOnly ? { stored: true } : {}) };
    for await (const file of listFiles(client, options)) {
        listed.uuids.add(file.uuid);
        if (listed.cdnBase === undefined) {
            const base = cdnBaseOf(file);
            if (base) listed.cdnBase = base;
        }
        const mine = foundFile(file, syncKey, new Set());
        if (mine && !listed.own.has(mine.path)) {
            listed.own.set(mine.path, mine);
            listed.sample ??= file;
        }
    }
    return listed;
}

/** The metadata the program gave an imported folder's files: theirs, without the keys the resource writes. */
function userMetadata(file: RestFile | undefined): Record<string, string> {
    return Object.fromEntries(Object.entries(file?.metadata ?? {}).filter(([key]) => !key.startsWith("pulumi-")));
}

/**
 * Refresh: files deleted outside Pulumi leave the outputs (and the manifest Pulumi keeps as the inputs), so the
 * next `up` shows them as added and uploads exactly those. Dropping anything needs the project proven first.
 */
export async function readSyncedFolder(runtime: ProviderRuntime, id: string, props: Record<string, unknown> = {}) {
    const previous = stripProvider(props) as Partial<SyncedFolderOutputs>;
    const client = await runtime.client("reading a synced folder", true);
    const listed = await listProject(client, previous.store !== false, previous.syncKey ?? id);
    const imported = !previous.entries;
    const recorded = imported ? listed.own : decodeEntries(previous.entries);
    const files = new Map([...recorded].filter(([, entry]) => listed.uuids.has(entry.uuid)));
    const proof = tracked(runtime, client, `SyncedFolder ${id}`, previous);
    const missing = [...recorded.keys()].filter((path) => !files.has(path));
    if (missing.length > 0) {
        await proof.gone();
        const shown = missing.slice(0, 5).join(", ") + (missing.length > 5 ? ", …" : "");
        runtime.progress(`${basename(previous.path ?? id)}: ${missing.length} files deleted outside Pulumi: ${shown}`);
    }
    let group = previous.groupId ? { groupId: previous.groupId, groupCdnUrl: previous.groupCdnUrl ?? "" } : {};
    if (previous.groupId && !(await proof.read(() => findGroup(client, previous.groupId as string)))) group = {};
    const sample = listed.sample;
    const known = imported ? { ...previous, metadata: userMetadata(sample), tags: sample?.tags ?? [] } : previous;
    const inputs = echoedInputs(known, id, files);
    const outs = outputsOf(inputs, files, {
        project: previous.project ?? client.config.publicKey,
        cdnBase: previous.cdnBase || listed.cdnBase || "",
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
