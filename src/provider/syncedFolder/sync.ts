/**
 * One sync, for create and update alike: find this resource's unrecorded uploads, upload what is new or changed,
 * store it in batches, keep the group, and only then delete what was replaced or removed, in batches. Each step's
 * failure leaves state that accounts for every file: partial outputs (a `ResourceInitError`) record what is stored,
 * uploads not yet stored carry this resource's key and are adopted by the next run, and deletes not done yet are
 * kept in `pendingDeletes` for the next `up`.
 */
import { getFile, storeFiles, type UploadcareClient, UploadcareStoreError } from "../../client";
import { ResourceInitError } from "../runtime/initError";
import type { SyncContext } from "./context";
import { decodeEntries, type Entry, planSync, type SyncPlan } from "./entries";
import { keepGroup } from "./group";
import type { SyncedFolderInputs } from "./inputs";
import { updateKeptFiles } from "./kept";
import { cdnBaseOf, outputsOf, type SyncedFolderOutputs } from "./outputs";
import { findUnrecorded } from "./recovery";
import { deleteAll } from "./removal";
import { uploadAll } from "./upload";

const count = (n: number) => n.toLocaleString("en-US");

/** How far the provider's clock may be from Uploadcare's when only the provider's clock is known. */
const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * Stores the new files (100 a request). The newest `datetime_uploaded` among them, on Uploadcare's clock, becomes
 * `syncedAt`: the next sync looks for unrecorded uploads only after it, so one page of the list, however many files
 * this sync recorded.
 */
async function storeNew(ctx: SyncContext, toStore: string[]): Promise<{ cdnBase?: string; newest?: string }> {
    const stored = await storeFiles(ctx.client, toStore);
    if (Object.keys(stored.problems).length > 0) throw new UploadcareStoreError(stored.problems);
    if (toStore.length > 0) ctx.runtime.progress(`${ctx.label}: ${count(toStore.length)} stored`);
    let newest: string | undefined;
    for (const file of stored.result) {
        const at = file.datetime_uploaded;
        if (at && (!newest || Date.parse(at) > Date.parse(newest))) newest = at;
    }
    const cdnBase = cdnBaseOf(stored.result[0]);
    return { ...(cdnBase ? { cdnBase } : {}), ...(newest ? { newest } : {}) };
}

function failed(ctx: SyncContext, partial: SyncedFolderOutputs | undefined, error: unknown): Error {
    if (!partial) return error as Error;
    return new ResourceInitError(ctx.id, partial, "SyncedFolder", error);
}

/** Uploads and stores the plan's new files; the entries of every file the folder now has. */
async function bringIn(ctx: SyncContext, inputs: SyncedFolderInputs, plan: SyncPlan, current: Map<string, Entry>) {
    const { client, runtime, label } = ctx;
    const progress = (done: number, total: number) =>
        runtime.progress(`${label}: ${count(done)}/${count(total)} uploaded`);
    const report = await uploadAll(client, inputs, plan.upload, progress, (line) => runtime.log(line));
    const files = new Map<string, Entry>();
    for (const path of plan.keep) files.set(path, current.get(path) as Entry);
    for (const found of plan.adopt) files.set(found.path, found);
    for (const [path, entry] of report.uploaded) files.set(path, entry);
    const toStore = inputs.store
        ? [...report.uploaded.values(), ...plan.adopt.filter((found) => !found.stored)].map((entry) => entry.uuid)
        : [];
    return { files, report, toStore };
}

/** Syncs the folder from `previous` (state; none for a create) to `inputs`. */
export async function syncFolder(
    ctx: SyncContext,
    inputs: SyncedFolderInputs,
    previous: Partial<SyncedFolderOutputs> | undefined,
): Promise<SyncedFolderOutputs> {
    const { client, runtime, label } = ctx;
    // Whatever this run uploads is dated after this, on any clock within CLOCK_SKEW_MS of Uploadcare's.
    const floor = new Date(client.now().getTime() - CLOCK_SKEW_MS).toISOString();
    const current = decodeEntries(previous?.entries);
    const project = previous?.project ?? client.config.publicKey;
    const since = previous?.syncedAt;
    const found = await findUnrecorded(
        client,
        inputs.syncKey,
        new Set([...current.values()].map((e) => e.uuid)),
        since,
    );
    const plan = planSync(inputs.manifest, current, found);
    // What state says if this run fails before its files are stored: the previous files, found again next time.
    const before = previous?.entries
        ? (previous as SyncedFolderOutputs)
        : outputsOf({ ...inputs, metadata: {}, tags: [] }, new Map(), { project, cdnBase: "", syncedAt: floor });
    await updateKeptFiles(ctx, inputs, plan.keep, current, previous).catch((error) => {
        throw failed(ctx, previous?.entries ? before : undefined, error);
    });
    const { files, report, toStore } = await bringIn(ctx, inputs, plan, current);
    const anyNew = report.uploaded.size > 0 || plan.adopt.length > 0;
    if (report.error !== undefined) throw failed(ctx, anyNew || previous ? before : undefined, report.error);
    const stored = await storeNew(ctx, toStore).catch((error) => {
        throw failed(ctx, before, error);
    });
    const cdnBase = stored.cdnBase ?? previous?.cdnBase ?? "";
    const synced = { project, cdnBase, syncedAt: stored.newest ?? previous?.syncedAt ?? floor };
    const group = await keepGroup(ctx, inputs, files, current, previous).catch((error) => {
        const pending = [...(previous?.pendingDeletes ?? []), ...plan.remove];
        throw failed(ctx, outputsOf(inputs, files, { ...synced, pendingDeletes: pending }), error);
    });
    const removals = [...(previous?.pendingDeletes ?? []), ...plan.remove, ...group.stale];
    const after = outputsOf(inputs, files, { ...synced, ...group.outputs });
    if (!after.cdnBase && files.size > 0) after.cdnBase = await cdnBaseFromAnyFile(client, files);
    try {
        await deleteAll(ctx, removals, previous);
        if (removals.length > 0) runtime.progress(`${label}: ${count(removals.length)} deleted`);
    } catch (error) {
        throw failed(ctx, { ...after, pendingDeletes: removals }, error);
    }
    return after;
}

/** The CDN origin when no store answer named it (`store: false`): one file's info. */
async function cdnBaseFromAnyFile(client: UploadcareClient, files: Map<string, Entry>): Promise<string> {
    const [first] = files.values();
    return first ? (cdnBaseOf(await getFile(client, first.uuid)) ?? "") : "";
}
