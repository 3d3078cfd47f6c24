// `npm run bench`: N-group up/destroy against the engine floor, requests per operation, state size, provider
// RSS. Prints a table and writes bench/results.json. See bench/README.md for what each figure means.
//
// Knobs (environment): BENCH_N="100,500" BENCH_REPS=2 BENCH_PARALLEL=8 BENCH_RSS_N=1000 BENCH_REQ_N=100
// BENCH_FILES_PER_GROUP=3 BENCH_BUDGET_S=2700 BENCH_LATENCY="200,32,100" (N, --parallel, ms; 0 skips)
// BENCH_CHECKPOINT_N="500,1000" (0 skips) BENCH_FILES=100 (0 skips) BENCH_MEMORY_N=500 (0 skips)
// BENCH_MEMORY_REFERENCE=1 (0 skips the node:http reference client) BENCH_SEMI_SPACE_MB=1 (0 skips the runs with
// --max-semi-space-size) BENCH_MEMORY_LIFTOFF=1 (0 skips ours with --liftoff-only) BENCH_WEBHOOKS=10 (0 skips
// the Webhook state entries). Assets (bench/lib/assets.mts): BENCH_SYNCED_FILES=10000 BENCH_SIDE_BY_SIDE_FILES=1000
// BENCH_BIG_FILE_MB=1024 (each 0 skips); BENCH_ONLY="syncedFolder,sideBySide,multipart" runs only those (written to
// BENCH_OUT, default a file in the temp folder, never bench/results.json).
// BENCH_RSS_N=0 skips the large run (up and destroy, ours then floor, BENCH_LARGE_REPS=2 times), whose N is lowered when the time spent so
// far plus its estimate would exceed the budget.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { prepareProject, REPO_ROOT } from "../scripts/prepare-example.mts";
import type * as EmulatorModule from "../src/emulator/index.ts";
import { ASSET_PROFILES, assetLines, assetProfiles } from "./lib/assets.mts";
import { findPulumi, Workspace } from "./lib/cli.mts";
import { compareEntries, type EntryComparison, largestDeltas, webhookEntries } from "./lib/entries.mts";
import {
    type BenchContext,
    checkpointProfile,
    filesProfile,
    latencyProfile,
    type MemoryRun,
    memoryProfile,
} from "./lib/profiles.mts";

const require = createRequire(import.meta.url);
const { startEmulator } = require(path.join(REPO_ROOT, "dist/emulator/index.js")) as typeof EmulatorModule;
const { DEFAULT_MAX_CONCURRENCY } = require(
    path.join(REPO_ROOT, "dist/provider/runtime/settings.js"),
) as typeof import("../src/provider/runtime/settings.ts");

const envNumber = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const SIZES = (process.env.BENCH_N ?? "100,500").split(",").map(Number);
const REPS = envNumber("BENCH_REPS", 2);
const PARALLEL = envNumber("BENCH_PARALLEL", 8);
const RSS_N = envNumber("BENCH_RSS_N", 1000);
const LARGE_REPS = Math.max(1, envNumber("BENCH_LARGE_REPS", 2));
const REQ_N = envNumber("BENCH_REQ_N", 100);
const FILES_PER_GROUP = envNumber("BENCH_FILES_PER_GROUP", 3);
const BUDGET_S = envNumber("BENCH_BUDGET_S", 2700);
const LATENCY = (process.env.BENCH_LATENCY ?? "200,32,100").split(",").map(Number);
const CHECKPOINT_N = (process.env.BENCH_CHECKPOINT_N ?? "500,1000")
    .split(",")
    .map(Number)
    .filter((n) => n > 0);
const FILES_N = envNumber("BENCH_FILES", 100);
const MEMORY_N = envNumber("BENCH_MEMORY_N", 500);
const MEMORY_REFERENCE = envNumber("BENCH_MEMORY_REFERENCE", 1) > 0;
const SEMI_SPACE_MB = envNumber("BENCH_SEMI_SPACE_MB", 1);
const WEBHOOKS_N = envNumber("BENCH_WEBHOOKS", 10);
const MEMORY_LIFTOFF = envNumber("BENCH_MEMORY_LIFTOFF", 1) > 0;
const ONLY = process.env.BENCH_ONLY?.split(",")
    .map((name) => name.trim())
    .filter(Boolean);
const unknownProfiles = (ONLY ?? []).filter((name) => !(ASSET_PROFILES as readonly string[]).includes(name));
if (unknownProfiles.length > 0) throw new Error(`BENCH_ONLY: unknown ${unknownProfiles}; known ${ASSET_PROFILES}`);
const ASSETS = {
    only: ONLY ?? ASSET_PROFILES,
    syncedFiles: envNumber("BENCH_SYNCED_FILES", 10_000),
    sideBySideFiles: envNumber("BENCH_SIDE_BY_SIDE_FILES", 1000),
    bigFileMb: envNumber("BENCH_BIG_FILE_MB", 1024),
    parallel: PARALLEL,
    maxConcurrency: Number(process.env.UPLOADCARE_MAX_CONCURRENCY ?? DEFAULT_MAX_CONCURRENCY),
};

const t0 = performance.now();
const log = (line: string) =>
    process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(0)}s] ${line}\n`);
const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
/** Least squares of log t on log N: t ≈ c·N^k; returns k. */
function exponent(points: [number, number][]): number {
    const xs = points.map(([n]) => Math.log(n));
    const ys = points.map(([, t]) => Math.log(t));
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    let num = 0;
    let den = 0;
    for (const [i, x] of xs.entries()) {
        num += (x - mx) * ((ys[i] as number) - my);
        den += (x - mx) ** 2;
    }
    return num / den;
}
const secs = (ms: number) => (ms / 1000).toFixed(2);

const emulator = await startEmulator({ quiet: true });
const uploadcare = () => emulator.requests.filter((r) => r.api !== "admin");
/** `POST /group/`, `PUT /files/storage/`, `GET /groups/:id/`… with ids folded. */
const requestKinds = () => {
    const kinds: Record<string, number> = {};
    for (const r of uploadcare()) {
        const route = r.path.split("?")[0]?.replace(/\/groups\/[^/]+\//, "/groups/:id/") ?? "";
        const key = `${r.method} ${route} ${r.status}`;
        kinds[key] = (kinds[key] ?? 0) + 1;
    }
    return kinds;
};

const env = {
    UPLOADCARE_PUBLIC_KEY: emulator.publicKey,
    UPLOADCARE_SECRET_KEY: emulator.secretKey,
    UPLOADCARE_API_BASE_URL: emulator.url,
    UPLOADCARE_UPLOAD_BASE_URL: emulator.url,
};
const programs = path.join(REPO_ROOT, "bench/programs");
const projects: string[] = [];
async function workspace(program: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Workspace> {
    const dir = prepareProject({ source: path.join(programs, program) });
    projects.push(dir);
    // The floor's provider is an installed module, serialized by reference like ours (see its index.js).
    const noop = path.join(dir, "noop-provider");
    if (fs.existsSync(noop)) fs.cpSync(noop, path.join(dir, "node_modules/bench-noop-provider"), { recursive: true });
    const ws = new Workspace(dir, { ...env, ...extraEnv });
    await ws.run(["stack", "init", "bench"]);
    return ws;
}

if (ONLY) {
    // Only the asset profiles named: nothing else runs, and bench/results.json (a full run's) is left alone.
    const context: BenchContext = { emulator, workspace, log, filesPerGroup: FILES_PER_GROUP };
    const assets = await assetProfiles(context, ASSETS);
    const out = process.env.BENCH_OUT ?? path.join(os.tmpdir(), `pulumi-uploadcare-bench-${ONLY.join("-")}.json`);
    const environment = { node: process.version, cores: os.cpus().length, loadAverageAtEnd: os.loadavg(), ...ASSETS };
    fs.writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), environment, assets }, null, 2)}\n`);
    console.log(
        [`pulumi-uploadcare bench, BENCH_ONLY=${ONLY}`, ...assetLines(assets), "", `results in ${out}`].join("\n"),
    );
    for (const dir of projects) fs.rmSync(dir, { recursive: true, force: true });
    await emulator.close();
    process.exit(0);
}
const ours = await workspace("groups");
const floor = await workspace("floor");
const cli = ours.env();
const pulumiVersion = execFileSync(findPulumi(), ["version"], { env: cli }).toString().trim();

interface Sample {
    program: "ours" | "floor";
    n: number;
    rep: number;
    op: "up" | "destroy";
    ms: number;
    providerPeakRssKb: number;
    requests?: number;
}
const samples: Sample[] = [];
/** Median bytes of one resource entry in `pulumi stack export`, per program and N (first run of each N). */
const entryBytes: Record<string, Record<number, number>> = { ours: {}, floor: {} };
const RESOURCE_TYPE = { ours: "pulumi-nodejs:dynamic/uploadcare:Group", floor: "pulumi-nodejs:dynamic/bench:Noop" };

async function configure(ws: Workspace, n: number, files: string[]): Promise<void> {
    await ws.setConfig({ count: String(n), files: JSON.stringify(files), filesPerGroup: String(FILES_PER_GROUP) });
}

/** One timed up + destroy of N resources; for ours, checks the emulator and counts requests. */
async function cycle(program: "ours" | "floor", n: number, rep: number, record = true, destroy = true): Promise<void> {
    const ws = program === "ours" ? ours : floor;
    await configure(ws, n, emulator.createFiles(n * FILES_PER_GROUP, { stored: false }));
    emulator.clearRequests();
    const up = await ws.up(PARALLEL);
    const upRequests = uploadcare().length;
    if (program === "ours" && emulator.groups().length !== n) throw new Error(`expected ${n} groups after up`);
    const extra = (requests: number) => (program === "ours" ? { requests } : {});
    if (record && entryBytes[program]?.[n] === undefined) {
        const resources = (await ws.exportState()).deployment.resources ?? [];
        const sizes = resources
            .filter((r) => r.type === RESOURCE_TYPE[program])
            .map((r) => Buffer.byteLength(JSON.stringify(r)));
        (entryBytes[program] as Record<number, number>)[n] = median(sizes);
    }
    if (record) {
        samples.push({
            program,
            n,
            rep,
            op: "up",
            ms: up.ms,
            providerPeakRssKb: up.providerPeakRssKb,
            ...extra(upRequests),
        });
    }
    if (!destroy) {
        log(`${program} N=${n} rep ${rep}: up ${secs(up.ms)} s, provider peak RSS ${up.providerPeakRssKb} KiB`);
        return;
    }
    emulator.clearRequests();
    const down = await ws.destroy(PARALLEL);
    const downRequests = uploadcare().length;
    if (emulator.groups().length !== 0) throw new Error("groups left after destroy");
    if (record) {
        samples.push({
            program,
            n,
            rep,
            op: "destroy",
            ms: down.ms,
            providerPeakRssKb: down.providerPeakRssKb,
            ...extra(downRequests),
        });
    }
    log(`${program} N=${n} rep ${rep}: up ${secs(up.ms)} s, destroy ${secs(down.ms)} s${record ? "" : " (warm-up)"}`);
}

log(`pulumi ${pulumiVersion}, node ${process.version}, ${os.cpus().length} cores, --parallel ${PARALLEL}`);
// Warm-up (not recorded): first runs pay for cold disk caches and plugin discovery.
await cycle("ours", 10, -1, false);
await cycle("floor", 10, -1, false);

// 1. Timing, alternating ours/floor (A B A B) per N.
for (const n of SIZES) {
    for (let rep = 0; rep < REPS; rep++) {
        await cycle("ours", n, rep);
        await cycle("floor", n, rep);
    }
}

// 2. Requests per operation (ours, N = REQ_N, already stored member files) and state size.
await configure(ours, REQ_N, emulator.createFiles(REQ_N * FILES_PER_GROUP, { stored: true }));
const perOp: Record<string, { total: number; perResource: number; kinds: Record<string, number> }> = {};
async function counted(name: string, run: () => Promise<unknown>): Promise<void> {
    emulator.clearRequests();
    await run();
    const total = uploadcare().length;
    perOp[name] = { total, perResource: total / REQ_N, kinds: requestKinds() };
    log(`requests ${name}: ${total} for ${REQ_N} groups`);
}
await counted("create (stored files)", () => ours.up(PARALLEL));
const oursState = await ours.exportState();
await counted("no-op up", () => ours.up(PARALLEL, ["--expect-no-changes"]));
await counted("read (refresh)", () => ours.refresh(PARALLEL));
await counted("delete", () => ours.destroy(PARALLEL));
await configure(ours, REQ_N, emulator.createFiles(REQ_N * FILES_PER_GROUP, { stored: false }));
await counted("create (unstored files)", () => ours.up(PARALLEL));
await ours.destroy(PARALLEL);

type State = Awaited<ReturnType<Workspace["exportState"]>>;
const floorStates: Record<string, State> = {};
for (const variant of ["inline", "module"]) {
    await floor.setConfig({ variant });
    await configure(floor, 10, emulator.createFiles(10 * FILES_PER_GROUP));
    await floor.up(PARALLEL);
    floorStates[variant] = await floor.exportState();
    await floor.destroy(PARALLEL);
}

function stateFigures(state: State, type: string) {
    const resources = (state.deployment.resources ?? []).filter((r) => r.type === type);
    const provider = resources.map((r) => Buffer.byteLength(String(r.outputs?.__provider ?? "")));
    const whole = resources.map((r) => Buffer.byteLength(JSON.stringify(r)));
    return {
        resources: resources.length,
        providerBytesPerResource: median(provider),
        resourceJsonBytes: median(whole),
        providerText: String(resources[0]?.outputs?.__provider ?? ""),
    };
}
const state: Record<string, unknown> = {
    ours: stateFigures(oursState, "pulumi-nodejs:dynamic/uploadcare:Group"),
    floor: stateFigures(floorStates.module as State, "pulumi-nodejs:dynamic/bench:Noop"),
    floorInline: stateFigures(floorStates.inline as State, "pulumi-nodejs:dynamic/bench:Noop"),
};

// 3. The naive provider: an undici Agent captured in the closure, else a plain client object.
const naive = await workspace("naive");
const naiveFiles = JSON.stringify(emulator.createFiles(3, { stored: true }));
const naiveResults: Record<string, unknown> = {};
for (const variant of ["agent", "client"]) {
    await naive.setConfig({ variant, count: "3", files: naiveFiles });
    const up = await naive.run(["up", "--yes", "--skip-preview"], { allowFailure: true });
    if (up.code !== 0) {
        const text = `${up.stdout}\n${up.stderr}`;
        // The serializer's explanation: the capture chain, then why the last link failed.
        const chain = text.match(/error serializing[\s\S]*?(?=\n\s*Function code:|\nResources:)/)?.[0] ?? "";
        const lines = chain.split("\n").map((l) => l.trim());
        const reason = `${lines.filter((l) => l.startsWith("function") || l.startsWith("variable")).pop() ?? ""} ${lines.at(-1) ?? ""}`;
        naiveResults[variant] = { serialized: false, error: reason.trim() || `exit ${up.code}`, diagnostics: chain };
        log(`naive ${variant}: up failed: ${reason}`);
        continue;
    }
    const exported = await naive.exportState();
    const figures = stateFigures(exported, "pulumi-nodejs:dynamic/naive:Group");
    const text = JSON.stringify(exported);
    naiveResults[variant] = { serialized: true, ...figures, secretKeyInState: text.includes(emulator.secretKey) };
    log(`naive ${variant}: __provider ${figures.providerBytesPerResource} bytes per resource`);
    await naive.destroy(PARALLEL);
}
state.naive = naiveResults;
state.oursSecretKeyInState = JSON.stringify(oursState).includes(emulator.secretKey);

// 3b. State entries field by field: Group here (the stored-files create above against the floor's module
// variant), File in the files profile, Webhook from bench/programs/webhooks; each against bench:Noop resources
// given the same inputs.
const context: BenchContext = { emulator, workspace, log, filesPerGroup: FILES_PER_GROUP };
const entries: Record<string, unknown> = {
    group: compareEntries(oursState, "pulumi-nodejs:dynamic/uploadcare:Group", floorStates.module as State),
};
if (WEBHOOKS_N > 0) entries.webhook = await webhookEntries(context, WEBHOOKS_N, PARALLEL);
state.entries = entries;

// 4. Profiles: the provider's memory without the CLI, real latency, File uploads (bench/lib/profiles.mts).
// Memory: ours and the floor's module; the node:http reference client (the same number of requests); and, with
// V8's young generation capped (--max-semi-space-size), ours, the reference client and the floor again.
const memoryRuns: Record<string, MemoryRun> = {
    ours: { child: "providerMemoryChild.cjs", module: path.join(REPO_ROOT, "dist/provider/shims/group.js") },
    floor: { child: "providerMemoryChild.cjs", module: path.join(programs, "floor/noop-provider/index.js") },
};
if (MEMORY_REFERENCE) memoryRuns.reference = { child: "httpReferenceChild.cjs" };
if (SEMI_SPACE_MB > 0) {
    const execArgv = [`--max-semi-space-size=${SEMI_SPACE_MB}`];
    const capped = `SemiSpace${SEMI_SPACE_MB}`;
    memoryRuns[`ours${capped}`] = { ...memoryRuns.ours, execArgv } as MemoryRun;
    if (MEMORY_REFERENCE) memoryRuns[`reference${capped}`] = { child: "httpReferenceChild.cjs", execArgv };
    memoryRuns[`floor${capped}`] = { ...memoryRuns.floor, execArgv } as MemoryRun;
}
// WebAssembly compiled by Liftoff only, never tiered up to TurboFan: undici parses HTTP with llhttp in wasm.
if (MEMORY_LIFTOFF) memoryRuns.oursLiftoffOnly = { ...memoryRuns.ours, execArgv: ["--liftoff-only"] } as MemoryRun;
const memory = MEMORY_N > 0 ? await memoryProfile(context, memoryRuns, MEMORY_N, PARALLEL) : undefined;
const [latencyN = 0, latencyParallel = 32, rttMs = 100] = LATENCY;
const latency =
    latencyN > 0
        ? await latencyProfile(context, {
              rttMs,
              n: latencyN,
              parallel: latencyParallel,
              reps: REPS,
              maxConcurrency: Number(process.env.UPLOADCARE_MAX_CONCURRENCY ?? DEFAULT_MAX_CONCURRENCY),
              // Unstored members: POST /group/, then PUT /files/storage/ (operations.ts); delete: one DELETE.
              criticalPath: { up: 2, destroy: 1 },
          })
        : undefined;
let files: Record<string, unknown> | undefined;
if (FILES_N > 0) {
    try {
        const { fileEntries, ...figures } = await filesProfile(context, FILES_N, PARALLEL);
        files = figures;
        entries.file = fileEntries;
    } catch (error) {
        files = { error: (error as Error).message.slice(0, 2000) };
        log(`files profile failed: ${(error as Error).message.split("\n")[0]}`);
    }
}

// 5. The large run: provider RSS and one more time point at N = RSS_N, ours then floor alternated, up and destroy,
// LARGE_REPS runs each (single destroys at N = 1000 varied by ±20 % on this shared machine). Estimated from the largest N's medians, growing like N^1.5; N is lowered (to a multiple of 100) if it
// would not fit. Pulumi's checkpoint profile runs after it, only if the budget still allows.
let largeN = RSS_N;
const largestN = Math.max(...SIZES);
if (largeN > 0) {
    const at = (program: string, op: string) =>
        median(samples.filter((x) => x.program === program && x.n === largestN && x.op === op).map((x) => x.ms));
    const perN = (at("ours", "up") + at("floor", "up") + at("ours", "destroy") + at("floor", "destroy")) / 1000;
    const estimate = (n: number) => LARGE_REPS * (perN * (n / largestN) ** 1.5 + 30);
    const elapsed = (performance.now() - t0) / 1000;
    while (largeN > largestN && elapsed + estimate(largeN) > BUDGET_S) largeN -= 100;
    if (largeN <= largestN) largeN = 0;
    log(`large run: N=${largeN || "skipped"} (asked ${RSS_N}; ${elapsed.toFixed(0)} s spent, budget ${BUDGET_S} s)`);
}
for (let rep = 0; largeN > 0 && rep < LARGE_REPS; rep++) {
    await cycle("ours", largeN, rep, true);
    await cycle("floor", largeN, rep, true);
}
const elapsedS = () => (performance.now() - t0) / 1000;
const checkpoints =
    CHECKPOINT_N.length > 0 && elapsedS() < BUDGET_S
        ? await checkpointProfile(context, CHECKPOINT_N, PARALLEL)
        : { skipped: `${CHECKPOINT_N.length > 0 ? "over budget" : "BENCH_CHECKPOINT_N=0"}` };

// The asset profiles (SyncedFolder, side by side, the large file), on an emulator of their own.
const assets = await assetProfiles(context, ASSETS);

// Summaries.
const allSizes = [...SIZES, ...(largeN > 0 ? [largeN] : [])];
const pick = (program: string, n: number, op: string) =>
    samples.filter((s) => s.program === program && s.n === n && s.op === op);
const rows = allSizes.map((n) => {
    const row: Record<string, number> = { n, reps: pick("ours", n, "up").length };
    for (const op of ["up", "destroy"]) {
        row[`${op}OursMs`] = median(pick("ours", n, op).map((s) => s.ms));
        row[`${op}FloorMs`] = median(pick("floor", n, op).map((s) => s.ms));
        row[`${op}Ratio`] = (row[`${op}OursMs`] as number) / (row[`${op}FloorMs`] as number);
    }
    row.upRequestsPerGroup = median(pick("ours", n, "up").map((s) => s.requests ?? 0)) / n;
    row.destroyRequestsPerGroup = median(pick("ours", n, "destroy").map((s) => s.requests ?? 0)) / n;
    row.oursEntryBytes = entryBytes.ours?.[n] ?? Number.NaN;
    row.floorEntryBytes = entryBytes.floor?.[n] ?? Number.NaN;
    row.oursPeakRssKb = Math.max(
        ...samples.filter((s) => s.program === "ours" && s.n === n).map((s) => s.providerPeakRssKb),
    );
    row.floorPeakRssKb = Math.max(
        ...samples.filter((s) => s.program === "floor" && s.n === n).map((s) => s.providerPeakRssKb),
    );
    return row;
});
const slope = (program: string, op: string, sizes: number[]) =>
    exponent(
        rows.filter((r) => sizes.includes(r.n as number)).map((r) => [r.n as number, r[`${op}${program}Ms`] as number]),
    );
const exponents = {
    sizes: SIZES,
    upOurs: slope("Ours", "up", SIZES),
    upFloor: slope("Floor", "up", SIZES),
    destroyOurs: slope("Ours", "destroy", SIZES),
    destroyFloor: slope("Floor", "destroy", SIZES),
    sizesWithLarge: allSizes,
    upOursWithLarge: slope("Ours", "up", allSizes),
    upFloorWithLarge: slope("Floor", "up", allSizes),
    // Between the two largest N only: the fixed cost (CLI and plugin start-up) no longer hides the growth.
    sizesLocal: allSizes.slice(-2),
    upOursLocal: slope("Ours", "up", allSizes.slice(-2)),
    upFloorLocal: slope("Floor", "up", allSizes.slice(-2)),
};

const results = {
    date: new Date().toISOString(),
    command: "npm run bench",
    environment: {
        node: process.version,
        pulumi: pulumiVersion,
        cores: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        loadAverageAtEnd: os.loadavg(),
        parallel: PARALLEL,
        filesPerGroup: FILES_PER_GROUP,
        reps: REPS,
        sizes: SIZES,
        rssNAsked: RSS_N,
        rssN: largeN,
        largeReps: LARGE_REPS,
        budgetSeconds: BUDGET_S,
        requestsN: REQ_N,
        maxConcurrency: process.env.UPLOADCARE_MAX_CONCURRENCY ?? `default (${DEFAULT_MAX_CONCURRENCY})`,
    },
    samples,
    rows,
    exponents,
    requestsPerOperation: perOp,
    state,
    latency,
    files,
    checkpoints,
    memory,
    assets,
    totalSeconds: (performance.now() - t0) / 1000,
};
fs.writeFileSync(path.join(REPO_ROOT, "bench/results.json"), `${JSON.stringify(results, null, 2)}\n`);

// The table.
const pad = (s: string, w: number) => s.padStart(w);
const out: string[] = [];
out.push(
    `pulumi-uploadcare bench: pulumi ${pulumiVersion}, node ${process.version}, ${os.cpus().length} cores, --parallel ${PARALLEL}, ${FILES_PER_GROUP} unstored files per group, medians of ${REPS} alternated runs${largeN ? ` (N=${largeN}: ${LARGE_REPS} run${LARGE_REPS > 1 ? "s" : ""})` : ""}`,
    "",
    `${pad("N", 6)} ${pad("up ours s", 10)} ${pad("floor s", 8)} ${pad("ratio", 6)} | ${pad("destroy ours s", 14)} ${pad("floor s", 8)} ${pad("ratio", 6)} | ${pad("req/grp up", 10)} ${pad("down", 5)} | ${pad("RSS ours MB", 11)} ${pad("floor MB", 8)} | ${pad("entry B", 7)} ${pad("floor", 5)}`,
);
const num = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : "—");
for (const r of rows) {
    out.push(
        [
            pad(String(r.n), 6),
            pad(num((r.upOursMs as number) / 1000), 10),
            pad(num((r.upFloorMs as number) / 1000), 8),
            `${pad(num(r.upRatio as number), 6)} |`,
            pad(num((r.destroyOursMs as number) / 1000), 14),
            pad(num((r.destroyFloorMs as number) / 1000), 8),
            `${pad(num(r.destroyRatio as number), 6)} |`,
            pad(num(r.upRequestsPerGroup as number), 10),
            `${pad(num(r.destroyRequestsPerGroup as number), 5)} |`,
            pad(num((r.oursPeakRssKb as number) / 1024, 0), 11),
            `${pad(num((r.floorPeakRssKb as number) / 1024, 0), 8)} |`,
            pad(num(r.oursEntryBytes as number, 0), 7),
            pad(num(r.floorEntryBytes as number, 0), 5),
        ].join(" "),
    );
}
out.push(
    "",
    `time ~ N^k (least squares on log-log over N=${SIZES.join(",")}): up ours ${num(exponents.upOurs)}, floor ${num(exponents.upFloor)}; destroy ours ${num(exponents.destroyOurs)}, floor ${num(exponents.destroyFloor)}`,
    ...(largeN
        ? [`  with N=${largeN}: up ours ${num(exponents.upOursWithLarge)}, floor ${num(exponents.upFloorWithLarge)}`]
        : []),
    `  between N=${exponents.sizesLocal.join(" and ")} only: up ours ${num(exponents.upOursLocal)}, floor ${num(exponents.upFloorLocal)}`,
    "",
    `requests to Uploadcare (N=${REQ_N} groups, counted by the emulator):`,
);
for (const [name, op] of Object.entries(perOp)) {
    const kinds = Object.entries(op.kinds)
        .map(([k, v]) => `${k} ×${v}`)
        .join(", ");
    out.push(
        `  ${name.padEnd(24)} ${String(op.total).padStart(5)} total, ${op.perResource.toFixed(2)} per group  ${kinds}`,
    );
}
const s = state as {
    ours: ReturnType<typeof stateFigures>;
    floor: ReturnType<typeof stateFigures>;
    floorInline: ReturnType<typeof stateFigures>;
    naive: Record<
        string,
        { serialized: boolean; error?: string; providerBytesPerResource?: number; secretKeyInState?: boolean }
    >;
};
out.push(
    "",
    "__provider bytes per resource in the exported state:",
    `  ours (shim)              ${s.ours.providerBytesPerResource} B (whole resource entry ${s.ours.resourceJsonBytes} B)`,
    `  floor (no-op module)     ${s.floor.providerBytesPerResource} B (whole resource entry ${s.floor.resourceJsonBytes} B)`,
    `  floor (no-op inline)     ${s.floorInline.providerBytesPerResource} B (whole resource entry ${s.floorInline.resourceJsonBytes} B)`,
);
for (const [variant, r] of Object.entries(s.naive)) {
    out.push(
        r.serialized
            ? `  ${`naive (${variant})`.padEnd(24)} ${r.providerBytesPerResource} B, secret key in state: ${r.secretKeyInState}`
            : `  ${`naive (${variant})`.padEnd(24)} not serializable: ${r.error}`,
    );
}
out.push(...entryLines(), ...profileLines(), ...assetLines(assets));
out.push("", `total ${secs(performance.now() - t0)} s; raw samples in bench/results.json`);
console.log(out.join("\n"));

for (const ws of [ours, floor, naive]) ws.dispose();
for (const dir of projects) fs.rmSync(dir, { recursive: true, force: true });
await emulator.close();

function entryLines(): string[] {
    const lines = ["", "state entry bytes (median; largest differences ours − floor between the middle entries):"];
    const names: Record<string, string> = { group: "Group", file: "File", webhook: "Webhook" };
    for (const [key, label] of Object.entries(names)) {
        const c = entries[key] as (EntryComparison & { signingSecretInState?: Record<string, boolean> }) | undefined;
        if (!c) {
            lines.push(`  ${label.padEnd(8)} not measured (${key === "file" ? "BENCH_FILES=0" : "BENCH_WEBHOOKS=0"})`);
            continue;
        }
        const secret = c.signingSecretInState
            ? `; signing secret in plain text: ours ${c.signingSecretInState.ours}, floor ${c.signingSecretInState.floor}`
            : "";
        lines.push(
            `  ${label.padEnd(8)} ours ${c.ours.medianBytes} B, floor ${c.floor.medianBytes} B, ratio ${num(c.ratio)}: ${largestDeltas(c).join(", ")}${secret}`,
        );
    }
    return lines;
}

function profileLines(): string[] {
    const lines: string[] = [];
    if (memory) {
        const mb = (kb: number) => (kb / 1024).toFixed(1);
        lines.push(
            "",
            `provider memory without the CLI: ${memory.n} creates + ${memory.n} deletes, ${memory.concurrency} at a time; peak RSS (VmHWM), minus the floor's (${mb(memory.peakKb[memory.floorRun] ?? 0)} MB)`,
        );
        for (const [name, r] of Object.entries(memory.runs)) {
            const what =
                r.child === "httpReferenceChild.cjs"
                    ? "node:http reference"
                    : r.module?.includes("noop")
                      ? "floor"
                      : "ours";
            const label = `${what}${r.execArgv?.length ? ` ${r.execArgv.join(" ")}` : ""}`;
            lines.push(
                `  ${label.padEnd(44)} ${mb(memory.peakKb[name] ?? 0).padStart(6)} MB  ${(memory.peakOverFloorKb[name] ?? 0) >= 0 ? "+" : ""}${mb(memory.peakOverFloorKb[name] ?? 0)} MB  RSS at the end ${mb(memory.marks[name]?.afterDelete?.rssKb ?? 0)} MB (${r.requests} requests)`,
            );
        }
    }
    if (latency) {
        const l = latency;
        lines.push(
            "",
            `latency: +${l.rttMs} ms per response, N=${l.n}, --parallel ${l.parallel}, provider limit ${l.maxConcurrency}, max in flight at the emulator ${l.maxInFlight}`,
            `  up      ours ${secs(l.upOursMs)} s, floor ${secs(l.upFloorMs)} s, ideal ${secs(l.upIdealMs)} s (${l.criticalPath.up} on the critical path × ⌈${l.n}/${l.effectiveConcurrency}⌉), ours/ideal ${num(l.upRatioVsIdeal)}`,
            `  destroy ours ${secs(l.destroyOursMs)} s, floor ${secs(l.destroyFloorMs)} s, ideal ${secs(l.destroyIdealMs)} s, ours/ideal ${num(l.destroyRatioVsIdeal)}`,
        );
    }
    if (files && "uploadMbPerS" in files) {
        const f = files as {
            uploadMbPerS: number;
            curlMbPerS: number;
            multipart200MbRssDeltaKb: number;
            count: number;
        };
        lines.push(
            "",
            `files: ${f.count} × 1 MB: File resources ${num(f.uploadMbPerS)} MB/s (whole pulumi up), curl ${num(f.curlMbPerS)} MB/s; 200 MB multipart: provider peak RSS +${num(f.multipart200MbRssDeltaKb / 1024, 0)} MB over a 1 MB upload`,
        );
    } else if (files) lines.push("", `files: failed: ${String(files.error).split("\n")[0]}`);
    if ("runs" in checkpoints) {
        lines.push("", "Pulumi checkpoints (floor, one up + destroy each; ours at the largest N):");
        for (const r of checkpoints.runs) {
            lines.push(
                `  ${r.program.padEnd(6)} ${r.variant.padEnd(17)} N=${String(r.n).padStart(4)}  up ${secs(r.upMs)} s  destroy ${secs(r.destroyMs)} s`,
            );
        }
        const slopes = Object.entries(checkpoints.slopes).map(([k, v]) => `${k} ${num(v)}`);
        lines.push(`  floor up ~ N^k between N=${checkpoints.sizes.join(" and ")}: ${slopes.join(", ")}`);
    }
    return lines;
}
