import { spawn } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/installedPackage";

// `npm run soak` (docs/reliability.md#soak) in short mode, so that the documented command cannot break
// unnoticed again (issue #20: it stopped at once on a module a refactor had moved). Same faults and checks
// as the 3-minute run, for SOAK_SECONDS; the emulator it starts listens on 127.0.0.1 only.
const SECONDS = 30;

interface SoakRun {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** Runs `bash scripts/soak.sh` (what `npm run soak` runs), killed if it outlives twice its duration. */
function runSoak(env: Record<string, string>, limitMs: number): Promise<SoakRun> {
    return new Promise((resolve, reject) => {
        const child = spawn("bash", [path.join(REPO_ROOT, "scripts", "soak.sh")], {
            cwd: REPO_ROOT,
            // dist/ is built before the provider project runs (scripts/test.sh); never rebuild it mid-run.
            env: { ...process.env, SOAK_SKIP_BUILD: "1", ...env },
            stdio: ["ignore", "pipe", "pipe"],
            detached: true,
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => {
            stdout += chunk.toString();
        });
        child.stderr.on("data", (chunk: Buffer) => {
            stderr += chunk.toString();
        });
        // Its own process group, so that a hung run is ended with everything it started (the emulator too).
        const timer = setTimeout(() => {
            if (child.pid) process.kill(-child.pid, "SIGKILL");
        }, limitMs);
        child.once("error", reject);
        child.once("close", (code) => {
            clearTimeout(timer);
            resolve({ code, stdout, stderr });
        });
    });
}

interface Summary {
    seconds: number;
    creates: number;
    reads: number;
    deletes: number;
    requests: number;
    faults: Record<string, number>;
    retries: number;
    recoveries: number;
    unexplained: number;
    groupsLeft: number;
    failedCreates: number;
    problems: string[];
}

function summaryOf(stdout: string): Summary {
    const line = stdout.split("\n").find((l) => l.startsWith("soak summary: "));
    if (!line) throw new Error(`the soak printed no summary line:\n${stdout}`);
    return JSON.parse(line.slice("soak summary: ".length)) as Summary;
}

describe("npm run soak (short mode)", () => {
    it(`runs ${SECONDS} s of faulted create/read/delete with no unexplained error and no group left`, async () => {
        const run = await runSoak({ SOAK_SECONDS: String(SECONDS), SOAK_WORKERS: "4" }, SECONDS * 2 * 1000 + 30_000);
        const summary = summaryOf(run.stdout);
        console.log(`soak (${SECONDS} s): ${JSON.stringify(summary)}`);
        expect(run.stderr).not.toContain("Cannot find module");
        expect(summary.problems).toEqual([]);
        expect(run.stdout).toContain("soak: OK");
        expect(run.code).toBe(0);
        expect(summary.seconds).toBeGreaterThanOrEqual(SECONDS);
        // The run did real work through real faults, and the provider recovered from them.
        expect(summary.creates).toBeGreaterThan(20);
        expect(summary.deletes).toBeGreaterThan(20);
        expect(Object.values(summary.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
        expect(summary.retries).toBeGreaterThan(0);
        expect(summary.unexplained).toBe(0);
        // The soak's own rule: a create that failed after every retry may leave its group; nothing else may.
        expect(summary.groupsLeft).toBeLessThanOrEqual(summary.failedCreates);
    }, 120_000);

    it("refuses a SOAK_SECONDS that is not a positive integer instead of reporting an empty run as OK", async () => {
        const run = await runSoak({ SOAK_SECONDS: "soon" }, 30_000);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain("SOAK_SECONDS must be an integer >= 1");
        expect(run.stdout).not.toContain("soak: OK");
    });
});
