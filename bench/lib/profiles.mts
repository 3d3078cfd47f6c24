// The bench's extra profiles (see bench/README.md): latency (100 ms added by the emulator to every response,
// in-flight count through a proxy), Pulumi's own checkpoint cost under its settings, the provider's memory
// without the CLI, and File uploads. Each returns plain data for bench/results.json; none asserts anything.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { RunResult, Workspace } from "./cli.mts";
import type { BenchContext } from "./context.mts";
import { compareEntries } from "./entries.mts";
import { startInflightProxy } from "./inflight.mts";

export type { BenchContext } from "./context.mts";

const run = promisify(execFile);

const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

async function groupsConfig(ctx: BenchContext, ws: Workspace, n: number): Promise<void> {
    const files = ctx.emulator.createFiles(n * ctx.filesPerGroup, { stored: false });
    await ws.setConfig({ count: String(n), files: JSON.stringify(files), filesPerGroup: String(ctx.filesPerGroup) });
}

export interface LatencyOptions {
    rttMs: number;
    n: number;
    parallel: number;
    reps: number;
    /** The provider's request limit in this profile (UPLOADCARE_MAX_CONCURRENCY, or its default). */
    maxConcurrency: number;
    /** Requests per group one after the other: create (unstored members), delete. */
    criticalPath: { up: number; destroy: number };
}

/**
 * `up` and `destroy` of N groups with every emulator answer `rttMs` late, next to the floor (A B A B), and the
 * ideal: floor + requests on the critical path × rtt × ⌈N / effective concurrency⌉, where the effective
 * concurrency is min(--parallel, the provider's request limit).
 */
export async function latencyProfile(ctx: BenchContext, o: LatencyOptions) {
    const proxy = await startInflightProxy(ctx.emulator.url);
    const via = { UPLOADCARE_API_BASE_URL: proxy.url, UPLOADCARE_UPLOAD_BASE_URL: proxy.url };
    const ours = await ctx.workspace("groups", via);
    const floor = await ctx.workspace("floor");
    const times: Record<string, number[]> = { upOurs: [], upFloor: [], destroyOurs: [], destroyFloor: [] };
    const inFlight: number[] = [];
    ctx.emulator.injectFaults([{ action: "delay", delayMs: o.rttMs, times: Number.POSITIVE_INFINITY }]);
    try {
        for (let rep = 0; rep < o.reps; rep++) {
            for (const [name, ws] of [
                ["Ours", ours],
                ["Floor", floor],
            ] as const) {
                await groupsConfig(ctx, ws, o.n);
                proxy.reset();
                times[`up${name}`]?.push((await ws.up(o.parallel)).ms);
                times[`destroy${name}`]?.push((await ws.destroy(o.parallel)).ms);
                if (name === "Ours") inFlight.push(proxy.maxInFlight());
                ctx.log(`latency ${name} N=${o.n} rep ${rep}: up ${times[`up${name}`]?.at(-1)?.toFixed(0)} ms`);
            }
        }
    } finally {
        ctx.emulator.clearFaults();
        await proxy.close();
        ours.dispose();
        floor.dispose();
    }
    return latencyFigures(o, times, inFlight);
}

function latencyFigures(o: LatencyOptions, times: Record<string, number[]>, inFlight: number[]) {
    const effective = Math.min(o.parallel, o.maxConcurrency);
    const rounds = Math.ceil(o.n / effective);
    const m = (k: string) => median(times[k] ?? []);
    const upIdealMs = m("upFloor") + o.criticalPath.up * o.rttMs * rounds;
    const destroyIdealMs = m("destroyFloor") + o.criticalPath.destroy * o.rttMs * rounds;
    return {
        rttMs: o.rttMs,
        n: o.n,
        parallel: o.parallel,
        maxConcurrency: o.maxConcurrency,
        effectiveConcurrency: effective,
        criticalPath: o.criticalPath,
        upOursMs: m("upOurs"),
        upFloorMs: m("upFloor"),
        upIdealMs,
        upRatioVsIdeal: m("upOurs") / upIdealMs,
        destroyOursMs: m("destroyOurs"),
        destroyFloorMs: m("destroyFloor"),
        destroyIdealMs,
        destroyRatioVsIdeal: m("destroyOurs") / destroyIdealMs,
        maxInFlight: Math.max(...inFlight),
        samples: times,
        maxInFlightPerRep: inFlight,
    };
}

/**
 * Pulumi's own checkpoint cost: `up` then `destroy` of the floor at each N under each CLI setting, one run each
 * (default, PULUMI_SKIP_CHECKPOINTS=true, PULUMI_DISABLE_JOURNALING=true), plus ours at the largest N with
 * checkpoints skipped. Slope between the two N = how time grows there.
 */
export async function checkpointProfile(ctx: BenchContext, sizes: number[], parallel: number) {
    const variants: Record<string, NodeJS.ProcessEnv> = {
        default: {},
        skipCheckpoints: { PULUMI_SKIP_CHECKPOINTS: "true" },
        disableJournaling: { PULUMI_DISABLE_JOURNALING: "true" },
    };
    const runs: { program: string; variant: string; n: number; upMs: number; destroyMs: number }[] = [];
    const cycle = async (program: string, variant: string, n: number) => {
        const ws = await ctx.workspace(program, variants[variant]);
        try {
            await groupsConfig(ctx, ws, n);
            const up: RunResult = await ws.up(parallel);
            const down: RunResult = await ws.destroy(parallel);
            runs.push({ program, variant, n, upMs: up.ms, destroyMs: down.ms });
            ctx.log(
                `checkpoints ${program} ${variant} N=${n}: up ${up.ms.toFixed(0)} ms, destroy ${down.ms.toFixed(0)} ms`,
            );
        } finally {
            ws.dispose();
        }
    };
    for (const n of sizes) for (const variant of Object.keys(variants)) await cycle("floor", variant, n);
    const largest = Math.max(...sizes);
    for (const variant of ["default", "skipCheckpoints"]) await cycle("groups", variant, largest);
    return { sizes, parallel, runs, slopes: checkpointSlopes(runs, sizes) };
}

function checkpointSlopes(runs: { program: string; variant: string; n: number; upMs: number }[], sizes: number[]) {
    const [a, b] = [Math.min(...sizes), Math.max(...sizes)];
    const slopes: Record<string, number> = {};
    for (const variant of new Set(runs.map((r) => r.variant))) {
        const at = (n: number) => runs.find((r) => r.program === "floor" && r.variant === variant && r.n === n)?.upMs;
        const [ta, tb] = [at(a), at(b)];
        if (ta && tb && a !== b) slopes[variant] = Math.log(tb / ta) / Math.log(b / a);
    }
    return slopes;
}

/** One child of the memory profile: which script, which module (providerMemoryChild only), which node flags. */
export interface MemoryRun {
    child: "providerMemoryChild.cjs" | "httpReferenceChild.cjs";
    module?: string;
    execArgv?: string[];
}

/**
 * The provider's memory without the CLI (bench/lib/providerMemoryChild.cjs): RSS, V8 spaces and external memory
 * after loading @pulumi/pulumi, the provider module, the first create, N creates and N deletes, ours vs floor;
 * plus the reference client (bench/lib/httpReferenceChild.cjs: the same number of requests with node:http) and
 * runs with node flags (`--max-semi-space-size=1`). Each run's requests are counted at the emulator; groups the
 * reference client leaves are deleted out of band afterwards. `peakOverFloorKb`: final VmHWM − the floor's.
 */
export async function memoryProfile(
    ctx: BenchContext,
    runs: Record<string, MemoryRun>,
    n: number,
    concurrency: number,
    floorRun = "floor",
) {
    const env = {
        ...process.env,
        UPLOADCARE_PUBLIC_KEY: ctx.emulator.publicKey,
        UPLOADCARE_SECRET_KEY: ctx.emulator.secretKey,
        UPLOADCARE_API_BASE_URL: ctx.emulator.url,
        UPLOADCARE_UPLOAD_BASE_URL: ctx.emulator.url,
    };
    const marks: Record<string, Record<string, { peakKb: number; rssKb: number }>> = {};
    const details: Record<string, MemoryRun & { requests: number; requestKinds: Record<string, number> }> = {};
    const listFile = path.join(os.tmpdir(), `bench-memory-${process.pid}.json`);
    for (const [name, r] of Object.entries(runs)) {
        fs.writeFileSync(listFile, JSON.stringify(ctx.emulator.createFiles(n * 3, { stored: false })));
        const groupsBefore = new Set(ctx.emulator.groups().map((g) => g.id));
        const args = [...(r.execArgv ?? []), path.join(import.meta.dirname, r.child)];
        args.push(...(r.module ? [r.module] : []), String(n), String(concurrency), listFile);
        ctx.emulator.clearRequests();
        marks[name] = JSON.parse((await run(process.execPath, args, { env, maxBuffer: 1 << 20 })).stdout);
        const sent = ctx.emulator.requests.filter((q) => q.api !== "admin");
        const requestKinds: Record<string, number> = {};
        for (const q of sent) {
            const route = q.path.split("?")[0]?.replace(/\/groups\/[^/]+\//, "/groups/:id/") ?? "";
            const key = `${q.method} ${route} ${q.status}`;
            requestKinds[key] = (requestKinds[key] ?? 0) + 1;
        }
        details[name] = { ...r, requests: sent.length, requestKinds };
        for (const g of ctx.emulator.groups()) if (!groupsBefore.has(g.id)) ctx.emulator.deleteGroupOutOfBand(g.id);
        ctx.log(`memory ${name}: ${sent.length} requests, peak ${finalPeakKb(marks[name])} KiB`);
    }
    fs.rmSync(listFile, { force: true });
    const floorPeak = finalPeakKb(marks[floorRun]);
    const peakKb = Object.fromEntries(Object.keys(marks).map((k) => [k, finalPeakKb(marks[k])]));
    const peakOverFloorKb = Object.fromEntries(Object.entries(peakKb).map(([k, v]) => [k, v - floorPeak]));
    return { n, concurrency, marks, runs: details, floorRun, peakKb, peakOverFloorKb };
}

/** VmHWM at the child's last mark (the process's peak). */
function finalPeakKb(marks: Record<string, { peakKb: number }> | undefined): number {
    return Math.max(...Object.values(marks ?? {}).map((m) => m.peakKb));
}

function writeRandomFiles(dir: string, count: number, bytes: number): void {
    fs.mkdirSync(dir, { recursive: true });
    const chunk = Buffer.alloc(1 << 20);
    for (let i = 0; i < count; i++) {
        const fd = fs.openSync(path.join(dir, `f${String(i).padStart(4, "0")}.bin`), "w");
        for (let left = bytes; left > 0; left -= chunk.length) {
            // Fresh bytes per file: the emulator (like Uploadcare) stores every upload, identical or not.
            chunk.fill(0).writeUInt32LE(i, 0);
            chunk.writeDoubleLE(Math.random(), 8);
            fs.writeSync(fd, chunk, 0, Math.min(left, chunk.length));
        }
        fs.closeSync(fd);
    }
}

/** The same files sent by curl to the emulator's `POST /base/`, `parallel` at a time: the transport floor. */
async function curlUpload(ctx: BenchContext, dir: string, parallel: number): Promise<number> {
    const args = ["-sS", "--fail", "-Z", "--parallel-max", String(parallel)];
    for (const name of fs.readdirSync(dir).sort()) {
        args.push("-o", "/dev/null", "-F", `UPLOADCARE_PUB_KEY=${ctx.emulator.publicKey}`, "-F", "UPLOADCARE_STORE=1");
        args.push("-F", `file=@${path.join(dir, name)}`, `${ctx.emulator.url}/base/`, "--next");
    }
    args.pop();
    const start = performance.now();
    await run("curl", args, { maxBuffer: 1 << 24 });
    return performance.now() - start;
}

/**
 * Upload throughput of `count` files of 1 MB through `File` resources (`pulumi up`, whole command) against curl
 * sending the same bytes, and the provider's peak RSS for one 200 MB file (multipart) over one 1 MB file.
 */
export async function filesProfile(ctx: BenchContext, count: number, parallel: number) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "bench-files-"));
    const mb = 1 << 20;
    try {
        const many = path.join(root, "many");
        writeRandomFiles(many, count, mb);
        const ws = await ctx.workspace("files");
        await ws.setConfig({ dir: many });
        const up = await ws.up(parallel);
        const oursState = await ws.exportState();
        await ws.destroy(parallel);
        // The floor given the same inputs (shape file: one bench:Noop per file, named after it, same FileAsset).
        const floor = await ctx.workspace("floor");
        let floorState: Awaited<ReturnType<Workspace["exportState"]>>;
        try {
            await floor.setConfig({ shape: "file", dir: many });
            await floor.up(parallel);
            floorState = await floor.exportState();
            await floor.destroy(parallel);
        } finally {
            floor.dispose();
        }
        const fileEntries = compareEntries(oursState, "pulumi-nodejs:dynamic/uploadcare:File", floorState);
        const curlMs = await curlUpload(ctx, many, Math.min(parallel, 16));
        const rss: Record<string, number> = {};
        for (const [label, size] of [
            ["small", mb],
            ["big", 200 * mb],
        ] as const) {
            const dir = path.join(root, label);
            writeRandomFiles(dir, 1, size);
            await ws.setConfig({ dir });
            rss[label] = (await ws.up(parallel)).providerPeakRssKb;
            await ws.destroy(parallel);
            fs.rmSync(dir, { recursive: true, force: true });
        }
        ws.dispose();
        ctx.log(`files: ${count} × 1 MB up ${up.ms.toFixed(0)} ms, curl ${curlMs.toFixed(0)} ms`);
        return {
            count,
            fileBytes: mb,
            upMs: up.ms,
            curlMs,
            uploadMbPerS: count / (up.ms / 1000),
            curlMbPerS: count / (curlMs / 1000),
            smallUploadPeakRssKb: rss.small,
            multipart200MbPeakRssKb: rss.big,
            multipart200MbRssDeltaKb: (rss.big ?? 0) - (rss.small ?? 0),
            /** For results.json's state.entries.file (run.mts moves it there). */
            fileEntries,
        };
    } finally {
        fs.rmSync(root, { recursive: true, force: true });
    }
}
