// The SyncedFolder profile (bench/README.md, "Assets"): N files of 1–20 KB synced by one SyncedFolder through the
// CLI, each figure next to its reference measured in the same run: the first `up` against the engine floor for one
// resource + a node:http uploader sending the same files (uploadReferenceChild.cjs), the no-change `up` against the
// floor's no-change `up` + hashing the folder in a node process (hashChild.cjs), and the requests of a one-file
// change, a refresh and a destroy against their targets. Returns plain data; asserts nothing.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { changeFile, type SiteFile, writeSite } from "./assetFiles.mts";
import type { RunResult, Workspace } from "./cli.mts";
import type { BenchContext, Emulator } from "./context.mts";

const run = promisify(execFile);
const SYNCED_TYPE = "pulumi-nodejs:dynamic/uploadcare:SyncedFolder";

export interface AssetContext extends BenchContext {
    /** The emulator's variables for a workspace (the asset profiles use an emulator of their own). */
    env: NodeJS.ProcessEnv;
    parallel: number;
    /** `uploadcare:maxConcurrency` in force: the reference uploader's concurrency. */
    maxConcurrency: number;
    /** `contentTypeFor` of the package, so the reference uploader declares the same types. */
    contentTypeFor(name: string): string;
}

/** Requests to Uploadcare since the last clear, by `METHOD route status` with UUIDs and group ids folded. */
export function requestKinds(emulator: Emulator): { total: number; kinds: Record<string, number> } {
    const kinds: Record<string, number> = {};
    const sent = emulator.requests.filter((r) => r.api !== "admin");
    for (const r of sent) {
        const route = (r.path.split("?")[0] ?? "")
            .replace(/[0-9a-f]{8}-[0-9a-f-]{27}(~\d+)?/g, ":id")
            .replace(/\/multipart\/part\/:id\//, "/multipart/part/");
        const key = `${r.method} ${route} ${r.status}`;
        kinds[key] = (kinds[key] ?? 0) + 1;
    }
    return { total: sent.length, kinds };
}

// The lower median: of two runs (before and after ours), the better one.
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? Number.NaN;

/**
 * When the command's requests were answered, in ms after it started (the emulator's log): the first, the first and
 * last upload, the last store, the last. Before the first is the program (the walk and hashing) and the engine.
 */
function requestTimeline(emulator: Emulator, startedAt: number) {
    const sent = emulator.requests.filter((r) => r.api !== "admin");
    const times = (test: (path: string, method: string) => boolean) =>
        sent.filter((r) => test(r.path, r.method)).map((r) => Date.parse(r.time) - startedAt);
    const uploads = times((p) => p.startsWith("/base/"));
    const stores = times((p, m) => m === "PUT" && /^\/files\/([^/]+\/)?storage\//.test(p));
    const all = times(() => true);
    return {
        firstRequest: all[0] ?? Number.NaN,
        firstUpload: uploads[0] ?? Number.NaN,
        lastUpload: uploads.at(-1) ?? Number.NaN,
        lastStore: stores.at(-1) ?? Number.NaN,
        lastRequest: all.at(-1) ?? Number.NaN,
    };
}

/** One timed command with the requests it sent. */
async function counted(ctx: AssetContext, command: () => Promise<RunResult>) {
    ctx.emulator.clearRequests();
    const startedAt = Date.now();
    const result = await command();
    const timelineMs = requestTimeline(ctx.emulator, startedAt);
    return { ms: result.ms, providerPeakRssKb: result.providerPeakRssKb, ...requestKinds(ctx.emulator), timelineMs };
}

/**
 * The reference uploader (or, with `clientUploadChild.cjs`, the package's client alone) in a child process; its
 * uploads are removed out of band afterwards.
 */
async function referenceUpload(ctx: AssetContext, dir: string, files: SiteFile[], script = "uploadReferenceChild.cjs") {
    const list = path.join(dir, "..", "reference-list.json");
    const entries = files.map((f) => ({
        path: path.join(dir, f.rel),
        rel: f.rel,
        contentType: ctx.contentTypeFor(f.rel),
    }));
    fs.writeFileSync(list, JSON.stringify(entries));
    const env = { ...process.env, ...ctx.env };
    const child = path.join(import.meta.dirname, script);
    const out = await run(process.execPath, [child, list, String(ctx.maxConcurrency)], { env, maxBuffer: 1 << 26 });
    const result = JSON.parse(out.stdout) as { ms: number; uploads: number; stores: number; uuids: string[] };
    for (const uuid of result.uuids) ctx.emulator.removeFileOutOfBand(uuid);
    return { ms: result.ms, uploads: result.uploads, stores: result.stores };
}

async function hashFolder(mode: "walk" | "class" | "throughput", dir: string) {
    const child = path.join(import.meta.dirname, "hashChild.cjs");
    return JSON.parse((await run(process.execPath, [child, mode, dir], { maxBuffer: 1 << 20 })).stdout);
}

/** The floor for one resource: a no-op dynamic resource's first `up`, its no-change `up`, then its destroy. */
export async function floorOnce(ctx: AssetContext, floor: Workspace) {
    await floor.setConfig({ count: "1", files: JSON.stringify(ctx.emulator.createFiles(1)), filesPerGroup: "1" });
    const up = await floor.up(ctx.parallel);
    const noChange = await floor.up(ctx.parallel, ["--expect-no-changes"]);
    await floor.destroy(ctx.parallel);
    return { upMs: up.ms, noChangeMs: noChange.ms, providerPeakRssKb: up.providerPeakRssKb };
}

/** Bytes of the stack's resource entries of `type` in `pulumi stack export`, and of the whole export. */
export async function stateBytes(ws: Workspace, type: string) {
    const exported = await ws.exportState();
    const entries = (exported.deployment.resources ?? []).filter((r) => r.type === type);
    const bytes = entries.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r)), 0);
    return { entries: entries.length, bytes, exportBytes: Buffer.byteLength(JSON.stringify(exported)) };
}

/** The whole profile at `count` files (see the file's head). */
export async function syncedFolderProfile(ctx: AssetContext, root: string, count: number) {
    const dir = path.join(root, "site");
    const { files, bytes } = writeSite(dir, count);
    const ours = await ctx.workspace("syncedFolder", ctx.env);
    const floor = await ctx.workspace("floor", ctx.env);
    try {
        await ours.setConfig({ dir });
        // Floor and reference before and after ours (A B A), medians of the two.
        const floors = [await floorOnce(ctx, floor)];
        const references = [await referenceUpload(ctx, dir, files)];
        const hashes = [await hashFolder("walk", dir)];
        const first = await counted(ctx, () => ours.up(ctx.parallel));
        ctx.log(`synced folder N=${count}: first up ${first.ms.toFixed(0)} ms, ${first.total} requests`);
        const state = await stateBytes(ours, SYNCED_TYPE);
        const noChange = await counted(ctx, () => ours.up(ctx.parallel, ["--expect-no-changes"]));
        floors.push(await floorOnce(ctx, floor));
        references.push(await referenceUpload(ctx, dir, files));
        hashes.push(await hashFolder("walk", dir));
        const classWalk = await hashFolder("class", dir);
        const clientOnly = await referenceUpload(ctx, dir, files, "clientUploadChild.cjs");
        changeFile(dir, files[Math.floor(files.length / 2)]?.rel ?? "");
        const change = await counted(ctx, () => ours.up(ctx.parallel));
        const refresh = await counted(ctx, () => ours.refresh(ctx.parallel));
        const destroy = await counted(ctx, () => ours.destroy(ctx.parallel));
        const throughput = await hashFolder("throughput", dir);
        return syncedFigures(
            { count, bytes, floors, references, hashes, classWalk, clientOnly, first, state, noChange },
            {
                change,
                refresh,
                destroy,
                throughput,
            },
        );
    } finally {
        ours.dispose();
        floor.dispose();
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

type Counted = Awaited<ReturnType<typeof counted>>;

function syncedFigures(
    m: {
        count: number;
        bytes: number;
        floors: Awaited<ReturnType<typeof floorOnce>>[];
        references: Awaited<ReturnType<typeof referenceUpload>>[];
        hashes: { ms: number }[];
        classWalk: { ms: number };
        clientOnly: { ms: number };
        first: Counted;
        state: Awaited<ReturnType<typeof stateBytes>>;
        noChange: Counted;
    },
    rest: { change: Counted; refresh: Counted; destroy: Counted; throughput: unknown },
) {
    const n = m.count;
    const floorUpMs = median(m.floors.map((f) => f.upMs));
    const floorNoChangeMs = median(m.floors.map((f) => f.noChangeMs));
    const referenceMs = median(m.references.map((r) => r.ms));
    const hashMs = median(m.hashes.map((h) => h.ms));
    const isUpload = (k: string) => k.startsWith("POST /base/") || k.startsWith("POST /multipart/start/");
    const isStore = (k: string) => /^PUT \/files\/(:id\/)?storage\//.test(k);
    const isDelete = (k: string) => /^DELETE \/files\/(:id\/)?storage\//.test(k) || /^DELETE \/files\/:id\//.test(k);
    const sum = (kinds: Record<string, number>, test: (k: string) => boolean) =>
        Object.entries(kinds).reduce((s, [k, v]) => s + (test(k) ? v : 0), 0);
    const other = Object.fromEntries(
        Object.entries(rest.change.kinds).filter(([k]) => !isUpload(k) && !isStore(k) && !isDelete(k)),
    );
    return {
        files: n,
        bytes: m.bytes,
        floorUpMs,
        floorNoChangeMs,
        referenceMs,
        references: m.references,
        clientOnlyMs: m.clientOnly.ms,
        hashMs,
        classHashMs: m.classWalk.ms,
        first: { ...m.first, target: 1.3, ratio: m.first.ms / (floorUpMs + referenceMs) },
        noChange: { ...m.noChange, target: 1.5, ratio: m.noChange.ms / (floorNoChangeMs + hashMs) },
        change: {
            ...rest.change,
            uploads: sum(rest.change.kinds, isUpload),
            stores: sum(rest.change.kinds, isStore),
            deletes: sum(rest.change.kinds, isDelete),
            other,
        },
        refresh: { ...rest.refresh, target: Math.ceil(n / 1000) + 1 },
        destroy: { ...rest.destroy, target: Math.ceil(n / 100) + 1 },
        state: { ...m.state, bytesPerFile: m.state.bytes / n, target: 200 },
        providerPeakRssKb: m.first.providerPeakRssKb,
        floorPeakRssKb: Math.max(...m.floors.map((f) => f.providerPeakRssKb)),
        hashing: rest.throughput,
    };
}

/** The same files as `count` File resources and as one SyncedFolder: both `up` times and both state sizes. */
export async function sideBySideProfile(ctx: AssetContext, root: string, count: number) {
    const dir = path.join(root, `side-${count}`);
    writeSite(dir, count);
    const result: Record<string, unknown> = { files: count };
    try {
        for (const [key, program, type] of [
            ["syncedFolder", "syncedFolder", SYNCED_TYPE],
            ["fileResources", "files", "pulumi-nodejs:dynamic/uploadcare:File"],
        ] as const) {
            const ws = await ctx.workspace(program, ctx.env);
            try {
                await ws.setConfig({ dir });
                const up = await counted(ctx, () => ws.up(ctx.parallel));
                const state = await stateBytes(ws, type);
                const destroy = await ws.destroy(ctx.parallel);
                result[key] = { upMs: up.ms, requests: up.total, providerPeakRssKb: up.providerPeakRssKb, state };
                (result[key] as Record<string, unknown>).destroyMs = destroy.ms;
                ctx.log(`side by side N=${count} ${key}: up ${up.ms.toFixed(0)} ms, state ${state.bytes} B`);
            } finally {
                ws.dispose();
            }
        }
        return result;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
