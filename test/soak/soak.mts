// A bounded soak: mixed create/read/delete through the real provider (the built package) against the shipped
// emulator, started from its CLI with random faults, on 127.0.0.1 only. Run it with `bash scripts/soak.sh`
// (SOAK_SECONDS, default 180; SOAK_WORKERS, default 6). It fails (exit 1) on an error the fault profile does not
// explain, on a group left behind that no failed operation explains, or when memory grows.
//
// Every error is classified: a 5xx, a dropped connection or a throttle that outlasted the retry budget is explained
// by the faults injected; anything else (a validation error, a read that loses a live group, a wrong answer) is not.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import { createInterface } from "node:readline";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const { createGroupProvider } = require(
    path.join(ROOT, "dist/provider/group/provider.js"),
) as typeof import("../../src/provider/group/provider");
const { closeSharedDispatcher } = require(
    path.join(ROOT, "dist/client/core/dispatcher.js"),
) as typeof import("../../src/client/core/dispatcher");

/** An integer from the environment; anything else stops the soak before it starts (not a vacuous "OK"). */
function setting(name: string, fallback: number, min = 1): number {
    const value = Number(process.env[name] ?? fallback);
    if (!Number.isInteger(value) || value < min) {
        console.error(`soak: ${name} must be an integer >= ${min}, got ${JSON.stringify(process.env[name])}`);
        process.exit(2);
    }
    return value;
}

const SECONDS = setting("SOAK_SECONDS", 180);
const WORKERS = setting("SOAK_WORKERS", 6);
const FILES_PER_WORKER = 40;
const FAULT_FLAGS = [
    "--error-rate",
    "0.05",
    "--fault",
    "* * reset-before 0.03",
    "--fault",
    "POST /group/ reset-after 0.05",
    "--fault",
    "* * status:429:1 0.03",
    "--latency-ms",
    "2",
    "--read-lag-ms",
    "300",
    "--seed",
    String(setting("SOAK_SEED", 11, 0)),
];

interface Counts {
    creates: number;
    reads: number;
    deletes: number;
    explained: Record<string, number>;
    unexplained: string[];
}

const counts: Counts = { creates: 0, reads: 0, deletes: 0, explained: {}, unexplained: [] };
let retries = 0;
let recoveries = 0;

/** RSS, heap and off-heap memory after a full GC: a point of the memory series printed at the end. */
interface Sample {
    at: number;
    rss: number;
    heapUsed: number;
    external: number;
}

function mb(bytes: number): string {
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function memory() {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage();
}

async function startEmulator(): Promise<{ child: ChildProcess; url: string; publicKey: string; secretKey: string }> {
    const child = spawn(
        process.execPath,
        [path.join(ROOT, "dist/cli.js"), "emulator", "--json", "--quiet", "--seed-files", "0", ...FAULT_FLAGS],
        { stdio: ["ignore", "pipe", "inherit"] },
    );
    const line = await new Promise<string>((resolve, reject) => {
        const rl = createInterface({ input: child.stdout as NodeJS.ReadableStream });
        rl.once("line", (text) => {
            rl.close();
            resolve(text);
        });
        child.once("exit", (code) => reject(new Error(`emulator exited ${code}`)));
    });
    return { child, ...(JSON.parse(line) as { url: string; publicKey: string; secretKey: string }) };
}

/** A fault explains errors that come from 5xx answers, dropped connections and long throttles, after retries. */
function explanation(error: unknown): string | undefined {
    let current: unknown = error;
    for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
        const e = current as Error & { code?: string; status?: number };
        if (e.code === "UPLOADCARE_NETWORK") return "network (reset) after retries";
        if (e.code === "UPLOADCARE_THROTTLED") return "throttled after retries";
        if (e.code === "UPLOADCARE_API" && (e.status ?? 0) >= 500) return "5xx after retries";
        if (/Uploadcare could not store/.test(e.message)) return undefined;
        current = e.cause;
    }
    return undefined;
}

function record(error: unknown, what: string): void {
    const reason = explanation(error);
    if (reason) counts.explained[reason] = (counts.explained[reason] ?? 0) + 1;
    else counts.unexplained.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
}

async function main(): Promise<number> {
    const emulator = await startEmulator();
    if (!emulator.url.startsWith("http://127.0.0.1:")) throw new Error(`emulator not on loopback: ${emulator.url}`);
    const admin = async <T,>(method: string, route: string, body?: unknown): Promise<T> => {
        const res = await fetch(`${emulator.url}/__emulator/${route}`, {
            method,
            headers: { "content-type": "application/json" },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return (res.status === 204 ? undefined : await res.json()) as T;
    };
    const faults: Record<string, number> = {};
    let requests = 0;
    const drainLog = async () => {
        const log = await admin<{ api: string; fault?: string }[]>("GET", "requests");
        await admin("DELETE", "requests");
        for (const entry of log) {
            if (entry.api === "admin") continue;
            requests++;
            for (const f of entry.fault?.split(",") ?? []) {
                if (!f.startsWith("delay:")) faults[f] = (faults[f] ?? 0) + 1;
            }
        }
    };

    const provider = createGroupProvider({
        env: {},
        readAfterCreateWindowMs: 5_000,
        log: (line) => {
            if (line.startsWith("retrying")) retries++;
            else recoveries++;
        },
    });
    const config: Record<string, string> = {
        "uploadcare:publicKey": emulator.publicKey,
        "uploadcare:secretKey": emulator.secretKey,
        "uploadcare:apiBaseUrl": emulator.url,
        "uploadcare:uploadBaseUrl": emulator.url,
    };
    await provider.configure({ config: { get: (k: string) => config[k], require: (k: string) => config[k] ?? "" } });

    const { uuids } = await admin<{ uuids: string[] }>("POST", "files", {
        count: WORKERS * FILES_PER_WORKER,
        stored: false,
    });
    const live = new Set<string>(); // groups we created and have not deleted yet
    const failedCreates = { count: 0 };

    const started = performance.now();
    const deadline = started + SECONDS * 1000;
    const warmupAt = started + Math.min(20_000, (SECONDS * 1000) / 5);
    let warm: NodeJS.MemoryUsage | undefined;
    const logTimer = setInterval(() => void drainLog().catch(() => {}), 2_000);
    const samples: Sample[] = [];
    const sample = () => {
        const m = memory();
        samples.push({
            at: (performance.now() - started) / 1000,
            rss: m.rss,
            heapUsed: m.heapUsed,
            external: m.external,
        });
    };
    const sampleTimer = setInterval(sample, Math.max(5_000, (SECONDS * 1000) / 12));

    async function worker(index: number): Promise<void> {
        const pool = uuids.slice(index * FILES_PER_WORKER, (index + 1) * FILES_PER_WORKER);
        let round = 0;
        while (performance.now() < deadline) {
            round++;
            // A new file list each round (sizes 1-4, rotating through the pool): no two live groups share a list.
            const size = 1 + (round % 4);
            const start = (round * 7) % (pool.length - size);
            const files = pool.slice(start, start + size);
            let id: string | undefined;
            let outs: Record<string, unknown> | undefined;
            counts.creates++;
            try {
                const created = await provider.create({ files, storeFiles: round % 3 !== 0 });
                id = created.id;
                outs = created.outs;
                live.add(id);
            } catch (error) {
                const initId = (error as { id?: string }).id;
                if (initId) live.add(initId);
                else failedCreates.count++;
                record(error, `create ${files.join(",")}`);
                if (initId) id = initId;
            }
            if (id) {
                for (let r = 0; r < 1 + (round % 2); r++) {
                    counts.reads++;
                    try {
                        const read = await provider.read(id, outs ?? {});
                        if (read.id !== id) counts.unexplained.push(`read of live group ${id} answered "${read.id}"`);
                    } catch (error) {
                        record(error, `read ${id}`);
                    }
                }
                counts.deletes++;
                try {
                    await provider.delete(id, {});
                    live.delete(id);
                } catch (error) {
                    record(error, `delete ${id}`);
                }
            }
            if (!warm && performance.now() >= warmupAt) warm = memory();
        }
    }

    const before = memory();
    console.log(
        `soak: ${SECONDS} s, ${WORKERS} workers, emulator ${emulator.url} with ${FAULT_FLAGS.join(" ")}\n` +
            `start: rss ${mb(before.rss)}, heap ${mb(before.heapUsed)}`,
    );
    await Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(i)));
    clearInterval(logTimer);
    clearInterval(sampleTimer);
    sample();
    const elapsed = (performance.now() - started) / 1000;

    // Clean up groups whose delete failed (faults only), with the faults off, then check what is left.
    await admin("DELETE", "faults");
    for (const id of [...live]) {
        await provider.delete(id, {});
        live.delete(id);
    }
    await drainLog();
    const state = await admin<{ projects: Record<string, { groups: { id: string }[] }> }>("GET", "state");
    const left = state.projects[emulator.publicKey]?.groups ?? [];
    const end = memory();
    warm ??= before;

    const explainedTotal = Object.values(counts.explained).reduce((a, b) => a + b, 0);
    console.log(
        [
            `end:   rss ${mb(end.rss)}, heap ${mb(end.heapUsed)} (after warm-up: rss ${mb(warm.rss)}, heap ${mb(warm.heapUsed)})`,
            `memory series (s: rss/heap/external): ${samples.map((x) => `${x.at.toFixed(0)}: ${mb(x.rss)}/${mb(x.heapUsed)}/${mb(x.external)}`).join(", ")}`,
            `operations: ${counts.creates} creates, ${counts.reads} reads, ${counts.deletes} deletes in ${elapsed.toFixed(0)} s (${((counts.creates + counts.reads + counts.deletes) / elapsed).toFixed(1)}/s)`,
            `HTTP requests: ${requests}; faults injected: ${JSON.stringify(faults)}`,
            `provider retries: ${retries}; ambiguous-create recoveries: ${recoveries}`,
            `errors explained by the faults: ${explainedTotal} ${JSON.stringify(counts.explained)}`,
            `errors NOT explained: ${counts.unexplained.length}`,
            ...counts.unexplained.slice(0, 20).map((e) => `  - ${e}`),
            `groups left in the emulator after cleanup: ${left.length} (creates that failed after retries: ${failedCreates.count})`,
        ].join("\n"),
    );

    emulator.child.kill("SIGTERM");
    await closeSharedDispatcher();
    // Flat means: over the second half of the run (long after warm-up, when every pool and cache has been filled),
    // neither the heap nor the RSS keeps climbing. RSS is allowed a little slack for allocator noise.
    const half = samples.filter((x) => x.at >= SECONDS / 2);
    const first = half[0] ?? samples[0];
    const last = samples.at(-1);
    const heapGrowth = first && last ? last.heapUsed - first.heapUsed : 0;
    const rssGrowth = first && last ? last.rss - first.rss : 0;
    console.log(`second half: heap ${mb(heapGrowth)}, rss ${mb(rssGrowth)}`);
    const problems: string[] = [];
    if (counts.unexplained.length > 0) problems.push("errors the fault profile does not explain");
    // A create that failed after all retries may have left its group (the POST was applied, every lookup failed).
    if (left.length > failedCreates.count) problems.push("groups left behind that no failed create explains");
    if (heapGrowth > 8 * 1024 * 1024 || rssGrowth > 24 * 1024 * 1024) {
        problems.push(`memory grew over the second half: heap ${mb(heapGrowth)}, rss ${mb(rssGrowth)}`);
    }
    // One machine-readable line for test/provider/soak.test.ts, which runs a short soak in `npm test`.
    const summary = {
        seconds: Number(elapsed.toFixed(1)),
        creates: counts.creates,
        reads: counts.reads,
        deletes: counts.deletes,
        requests,
        faults,
        retries,
        recoveries,
        explained: explainedTotal,
        unexplained: counts.unexplained.length,
        groupsLeft: left.length,
        failedCreates: failedCreates.count,
        heapGrowthMb: Number((heapGrowth / 1024 / 1024).toFixed(1)),
        rssGrowthMb: Number((rssGrowth / 1024 / 1024).toFixed(1)),
        problems,
    };
    console.log(`soak summary: ${JSON.stringify(summary)}`);
    console.log(problems.length === 0 ? "soak: OK" : `soak: FAILED: ${problems.join("; ")}`);
    return problems.length === 0 ? 0 : 1;
}

main().then(
    (code) => process.exit(code),
    (error: unknown) => {
        console.error(error);
        process.exit(1);
    },
);
