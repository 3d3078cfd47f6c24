import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/installedPackage";
import { pulumiBinary } from "../support/pulumiCli";

// The documented commands that drive the real CLI, run as users run them (`npm run demo`,
// `npm run example:adopt`, `npm run bench` with its smallest settings), so that none of them can break
// unnoticed (issue #20). test/unit/scripts.test.ts maps every documented script to the test that runs it.
//
// They run in a copy of the checkout (node_modules linked): each script sources scripts/setup.sh, which
// rebuilds dist/, and the bench writes bench/results.json. In the copy neither touches the files the other
// test projects are reading at the same time.

let checkout = "";

/** bench/README.md's knobs at their smallest: two tiny sizes, one rep, every optional profile skipped. */
const BENCH_SMOKE = {
    BENCH_N: "2,4",
    BENCH_REPS: "1",
    BENCH_PARALLEL: "4",
    BENCH_RSS_N: "0",
    BENCH_REQ_N: "2",
    BENCH_LATENCY: "0",
    BENCH_CHECKPOINT_N: "0",
    BENCH_FILES: "0",
    BENCH_MEMORY_N: "0",
    BENCH_MEMORY_REFERENCE: "0",
    BENCH_SEMI_SPACE_MB: "0",
    BENCH_MEMORY_LIFTOFF: "0",
    BENCH_WEBHOOKS: "0",
    BENCH_SYNCED_FILES: "0",
    BENCH_SIDE_BY_SIDE_FILES: "0",
    BENCH_BIG_FILE_MB: "0",
    BENCH_BUDGET_S: "120",
};

/** The checkout's files that the scripts read, copied; node_modules linked; the lockfile no newer than it. */
function copyCheckout(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-uploadcare-scripts-"));
    const entries = ["package.json", "package-lock.json", "README.md", "tsconfig.json", "tsconfig.build.json"];
    for (const entry of [...entries, "src", "dist", "bin", "scripts", "examples", "bench"]) {
        fs.cpSync(path.join(REPO_ROOT, entry), path.join(dir, entry), {
            recursive: true,
            filter: (src) => !/[\\/](node_modules|\.pulumi-uploadcare|\.pulumi-state)([\\/]|$)/.test(src),
        });
    }
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
    // setup.sh runs `npm ci` when package-lock.json is newer than the install: it is not.
    fs.utimesSync(path.join(dir, "package-lock.json"), new Date(0), new Date(0));
    return dir;
}

interface ScriptRun {
    code: number | null;
    output: string;
    seconds: number;
}

/** `npm run <script>` in the copy, killed after `limitMs`; stdout and stderr interleaved as on a terminal. */
function npmRun(script: string, env: NodeJS.ProcessEnv, limitMs: number): Promise<ScriptRun> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
        const child = spawn("npm", ["run", "--silent", script], {
            cwd: checkout,
            env: {
                ...process.env,
                // The CLI the engine tests use, first on PATH: setup.sh then uses it as it is.
                PATH: `${path.dirname(pulumiBinary())}${path.delimiter}${process.env.PATH ?? ""}`,
                PULUMI_SKIP_UPDATE_CHECK: "true",
                ...env,
            },
            stdio: ["ignore", "pipe", "pipe"],
            detached: true,
        });
        let output = "";
        const add = (chunk: Buffer) => {
            output += chunk.toString();
        };
        child.stdout.on("data", add);
        child.stderr.on("data", add);
        // Its own process group, so that a hung run is ended with everything it started (the emulator too).
        const timer = setTimeout(() => {
            if (child.pid) process.kill(-child.pid, "SIGKILL");
        }, limitMs);
        child.once("error", reject);
        child.once("close", (code) => {
            clearTimeout(timer);
            resolve({
                code,
                output: stripVTControlCharacters(output),
                seconds: (performance.now() - started) / 1000,
            });
        });
    });
}

beforeAll(() => {
    checkout = copyCheckout();
});
afterAll(() => fs.rmSync(checkout, { recursive: true, force: true }));

describe("documented npm scripts against the real CLI", () => {
    it("npm run demo: up of examples/files against the emulator, then destroy leaves nothing", async () => {
        const run = await npmRun("demo", {}, 240_000);
        console.log(`npm run demo: ${run.seconds.toFixed(0)} s`);
        expect(run.code, run.output).toBe(0);
        expect(run.output).toContain("== pulumi up (examples/files)");
        expect(run.output).toContain("groups left in the emulator: 0; files still stored: 0");
        expect(run.output).toMatch(/== Done\n?$/);
    });

    it("npm run example:adopt: adopts the seeded groups, and destroy deletes only the first", async () => {
        const run = await npmRun("example:adopt", {}, 240_000);
        console.log(`npm run example:adopt: ${run.seconds.toFixed(0)} s`);
        expect(run.code, run.output).toBe(0);
        const deleted = /== pulumi destroy: deletes (\S+) only/.exec(run.output)?.[1];
        expect(deleted).toBeDefined();
        const groupsIn = (section: string) => [...section.matchAll(/^([0-9a-f-]{36}~\d+): /gm)].map((m) => m[1]);
        const before = groupsIn(run.output.slice(0, run.output.indexOf("== pulumi up")));
        const after = groupsIn(run.output.slice(run.output.indexOf("== Groups after destroy")));
        expect(before).toHaveLength(3);
        expect(after).toEqual(before.filter((id) => id !== deleted));
        expect(run.output).toMatch(/== Done\n?$/);
    });

    it("npm run bench with its smallest settings: every section that runs prints its figures", async () => {
        const run = await npmRun("bench", BENCH_SMOKE, 300_000);
        console.log(`npm run bench (smoke): ${run.seconds.toFixed(0)} s`);
        expect(run.code, run.output).toBe(0);
        expect(run.output).toMatch(/requests to Uploadcare \(N=2 groups, counted by the emulator\):/);
        expect(run.output).toMatch(/create \(stored files\)\s+\d+ total/);
        expect(run.output).toContain("__provider bytes per resource in the exported state:");
        expect(run.output).toMatch(/total [\d.]+ s; raw samples in bench\/results.json/);
        // Written by this run (the copy started with the checkout's own results.json).
        const results = JSON.parse(fs.readFileSync(path.join(checkout, "bench", "results.json"), "utf8")) as {
            environment: { sizes: number[]; requestsN: number };
            samples: { n: number }[];
        };
        expect(results.environment).toMatchObject({ sizes: [2, 4], requestsN: 2 });
        expect(results.samples.map((x) => x.n).sort()).toEqual([2, 2, 2, 2, 4, 4, 4, 4]);
    });
});
