import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";
import { REPO_ROOT } from "../support/installedPackage";
import { type CliResult, emulatorEnv, type PulumiWorkspace } from "../support/pulumiCli";
import { uploadcareRequests } from "../support/requests";

// The fault suite: for each fault profile, `up` of 50 groups, `refresh` and `destroy` through the real Pulumi
// CLI, against the shipped emulator started from its own CLI (`pulumi-uploadcare emulator --error-rate …`) in
// another process, the way a pipeline would run it. After every profile: no group left, no duplicate, and state
// and Uploadcare agree after every step. A per-profile report is printed at the end.

const GROUPS = 50;
const PARALLEL = "16";
const CLI = path.join(REPO_ROOT, "dist", "cli.js");

interface LogEntry {
    method: string;
    path: string;
    status: number;
    api: string;
    fault?: string;
}

interface GroupRecord {
    id: string;
    files: { uuid: string }[];
}

/** The emulator as a separate process, started (and restarted on the same port and state file) from its CLI. */
class EmulatorProcess {
    url = "";
    publicKey = "";
    secretKey = "";
    private child: ChildProcess | undefined;
    private port = 0;
    /** Request log entries collected so far (the log of a killed process is fetched just before the kill). */
    readonly log: LogEntry[] = [];
    /** Times the emulator was killed (each one is a fault: every connection in flight dies with it). */
    kills = 0;

    constructor(
        private readonly flags: string[],
        private readonly statePath: string,
    ) {}

    async start(): Promise<void> {
        const args = [CLI, "emulator", "--json", "--quiet", "--seed-files", "0", "--state", this.statePath];
        const child = spawn(process.execPath, [...args, "--port", String(this.port), ...this.flags], {
            stdio: ["ignore", "pipe", "inherit"],
        });
        this.child = child;
        const line = await new Promise<string>((resolve, reject) => {
            const rl = createInterface({ input: child.stdout as NodeJS.ReadableStream });
            rl.once("line", (text) => {
                rl.close();
                resolve(text);
            });
            child.once("exit", (code) => reject(new Error(`emulator exited ${code} before it was ready`)));
        });
        const info = JSON.parse(line) as { url: string; publicKey: string; secretKey: string };
        Object.assign(this, { url: info.url, publicKey: info.publicKey, secretKey: info.secretKey });
        this.port = Number(new URL(info.url).port);
    }

    async admin<T>(method: string, route: string, body?: unknown): Promise<T> {
        const res = await fetch(`${this.url}/__emulator/${route}`, {
            method,
            headers: { "content-type": "application/json" },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        if (!res.ok) throw new Error(`admin ${method} ${route}: HTTP ${res.status} ${await res.text()}`);
        return (res.status === 204 ? undefined : await res.json()) as T;
    }

    async groups(): Promise<GroupRecord[]> {
        const state = await this.admin<{ projects: Record<string, { groups: GroupRecord[] }> }>("GET", "state");
        return state.projects[this.publicKey]?.groups ?? [];
    }

    /** Moves the emulator's request log into `log`. */
    async collect(): Promise<void> {
        const entries = await this.admin<LogEntry[]>("GET", "requests");
        await this.admin("DELETE", "requests");
        this.log.push(...uploadcareRequests(entries));
    }

    /** SIGKILL: no shutdown code runs; whatever the state file holds is what survives. */
    async kill(): Promise<void> {
        const child = this.child;
        if (!child || child.exitCode !== null) return;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGKILL");
        await exited;
        this.kills++;
    }

    async stop(): Promise<void> {
        const child = this.child;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
    }
}

interface Ctx {
    emulator: EmulatorProcess;
    ws: PulumiWorkspace;
    env: NodeJS.ProcessEnv;
}

interface Profile {
    name: string;
    /** Emulator CLI flags that make up the profile. */
    flags: string[];
    /** Runs a command with the profile's own twist (kill the emulator, start a throttle, …). */
    during?: { command: "up" | "destroy"; action: (ctx: Ctx, finished: () => boolean) => Promise<void> };
    /**
     * A command may fail only for a reason the profile explains (its output matches this), e.g. a request that hit
     * the fault on every one of its retries; it is then rerun, as a pipeline would, at most twice. Without it, every
     * command must succeed the first time.
     */
    explains?: RegExp;
    /** Checks on a failed attempt of a command, run before the rerun. */
    onFailure?: (command: string, result: CliResult, ctx: Ctx) => Promise<void>;
}

interface Row {
    profile: string;
    operations: number;
    retries: number;
    faults: number;
    reruns: number;
    wallSeconds: number;
    leftAfterDestroy: number;
    duplicates: number;
    mismatches: number;
}

const profiles: Profile[] = [
    {
        name: "429 bursts (Retry-After)",
        // 1.5 s of 429s for everyone every 5 s, plus 10% random 429s with Retry-After 1.
        flags: ["--throttle-burst", "1500/5000", "--fault", "* * status:429:1 0.1"],
        // A request can meet a burst and then random 429s on all 5 retries (rare, seen on a loaded CI machine): the
        // documented answer is to run the command again, which the rerun does.
        explains: /Still throttled after 5 retries; run the command again later/,
    },
    // 0.3^5: about 1 request in 400 meets a 5xx on its first try and all 4 retries; the rerun then finishes.
    { name: "30% 5xx", flags: ["--error-rate", "0.3", "--seed", "7"], explains: /failed with HTTP 503/ },
    {
        name: "reset after commit on POST /group/ (+1.5 s read lag)",
        flags: ["--fault", "POST /group/ reset-after 0.3", "--read-lag-ms", "1500", "--seed", "3"],
        explains: /Uploadcare POST http:\/\/127\.0\.0\.1:\d+\/group\/ failed: .*ECONNRESET/,
    },
    {
        name: "resets before the request is applied (20%)",
        flags: ["--fault", "* * reset-before 0.2", "--latency-ms", "10", "--seed", "5"],
        explains: /failed: read ECONNRESET/,
    },
    {
        name: "emulator killed and restarted mid-destroy",
        flags: ["--latency-ms", "40"],
        during: {
            command: "destroy",
            action: async ({ emulator }, finished) => {
                while (!finished() && (await emulator.groups()).length > GROUPS * 0.6) await pause(50);
                await emulator.collect();
                await emulator.kill();
                // Down for longer than the retry budget of requests in flight, so destroy fails and is rerun.
                await pause(9_000);
                await emulator.start();
            },
        },
        explains:
            /Uploadcare DELETE http:\/\/127\.0\.0\.1:\d+\/groups\/\S+ failed: .*(ECONNREFUSED|ECONNRESET|other side closed)/,
        onFailure: async (command, result) => {
            expect(command).toBe("destroy");
            expect(result.stdout + result.stderr).toMatch(/Uploadcare DELETE http:\/\/127\.0\.0\.1:\d+\/groups\//);
        },
    },
    {
        name: "throttle outlasting the retry budget",
        flags: ["--latency-ms", "30"],
        during: {
            command: "up",
            action: async ({ emulator }, finished) => {
                while (!finished() && (await emulator.groups()).length < 10) await pause(20);
                await emulator.admin("POST", "faults", ["POST /group/ status:429:1"]);
            },
        },
        explains: /Still throttled after 5 retries; run the command again later/,
        onFailure: async (command, result, { emulator }) => {
            expect(command).toBe("up");
            expect(result.stdout).toMatch(
                /Uploadcare POST http:\/\/127\.0\.0\.1:\d+\/group\/\?jsonerrors=1 failed with HTTP 429: Request was throttled\. \(RequestThrottledError\)\. Still throttled after 5 retries; run the command again later/,
            );
            // The throttle passes; the rerun must then finish without duplicating what the first run created.
            await emulator.admin("DELETE", "faults");
        },
    },
];

function pause(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

describe("fault profiles through the Pulumi engine: up of 50 groups, refresh, destroy", () => {
    const rows: Row[] = [];

    // Each profile starts its own emulator process and makes its own stack; they share the project.
    const stack = useEngineStack({
        // Group i holds files i and i+1: every group has its own file list, so a duplicate is unambiguous.
        project: {
            inline: "uploadcare-faults",
            program: `const { Group } = require("pulumi-uploadcare");
const files = require("./files.json");
for (let i = 0; i < ${GROUPS}; i++) new Group("g" + i, { files: [files[i], files[i + 1]] });
`,
        },
        emulator: false,
        stack: false,
        after: () => {
            if (rows.length > 0) {
                console.log(`\nFault suite report (${GROUPS} groups, --parallel ${PARALLEL})\n${reportTable(rows)}`);
            }
        },
    });

    for (const [index, profile] of profiles.entries()) {
        it(profile.name, async () => {
            const emulator = new EmulatorProcess(profile.flags, path.join(stack.tempDir(), `state-${index}.json`));
            await emulator.start();
            try {
                rows.push(await runProfile(profile, emulator, stack.ws, stack.project, `p${index}`));
            } finally {
                await emulator.stop();
            }
        });
    }
});

async function runProfile(
    profile: Profile,
    emulator: EmulatorProcess,
    ws: PulumiWorkspace,
    project: string,
    stack: string,
): Promise<Row> {
    // Files are made without faults getting in the way: the admin API is never faulted.
    const { uuids } = await emulator.admin<{ uuids: string[] }>("POST", "files", { count: GROUPS + 1, stored: false });
    fs.writeFileSync(path.join(project, "files.json"), JSON.stringify(uuids));
    const env: NodeJS.ProcessEnv = { ...emulatorEnv(emulator), UPLOADCARE_DEBUG: "1" };
    await ws.run(["stack", "init", stack]);
    const ctx: Ctx = { emulator, ws, env };
    const outputs: string[] = [];
    let reruns = 0;
    const started = performance.now();

    /** Runs a command; after a failure the profile explains, runs it again (at most twice), as a pipeline would. */
    async function command(name: "up" | "refresh" | "destroy"): Promise<void> {
        const args = [name, "--yes", "--skip-preview", "--parallel", PARALLEL];
        for (let attempt = 0; ; attempt++) {
            let done = false;
            const twist =
                attempt === 0 && profile.during?.command === name ? profile.during.action(ctx, () => done) : undefined;
            const result = await ws.run(args, { env, allowFailure: true });
            done = true;
            await twist;
            outputs.push(result.stdout + result.stderr);
            if (result.code === 0) return;
            const explained = profile.explains?.test(result.stdout) ?? false;
            if (!explained || attempt >= 2) {
                throw new Error(`${profile.name}: pulumi ${name} failed (attempt ${attempt + 1})\n${result.stdout}`);
            }
            await profile.onFailure?.(name, result, ctx);
            reruns++;
        }
    }

    /** Groups in Uploadcare that no state knows of, plus resources in state that Uploadcare lacks. */
    async function mismatches(): Promise<number> {
        const inState = new Set((await ws.resources()).map((r) => r.id ?? ""));
        const inUploadcare = new Set((await emulator.groups()).map((g) => g.id));
        return (
            [...inState].filter((id) => !inUploadcare.has(id)).length +
            [...inUploadcare].filter((id) => !inState.has(id)).length
        );
    }

    await command("up");
    expect(await ws.resources()).toHaveLength(GROUPS);
    expect(await mismatches()).toBe(0);
    const groups = await emulator.groups();
    const lists = groups.map((g) => g.files.map((f) => f.uuid).join(","));
    expect(new Set(lists).size).toBe(GROUPS);

    await command("refresh");
    expect(await ws.resources()).toHaveLength(GROUPS);
    expect(await mismatches()).toBe(0);

    await command("destroy");
    const wallSeconds = (performance.now() - started) / 1000;
    await emulator.collect();
    const left = (await emulator.groups()).length;
    const finalMismatches = await mismatches();
    await ws.run(["stack", "rm", "--yes", stack], { env });

    const text = outputs.join("\n");
    // Every group ever created, including those whose creation answer was lost (reset-after).
    const created = emulator.log.filter((e) => e.method === "POST" && e.path.startsWith("/group/") && e.status === 200);
    const row: Row = {
        profile: profile.name,
        operations: countMatches(text, /uploadcare:Group g\d+ (creating|refreshing|reading|deleting) /g),
        // Provider log lines show twice (as they come, and again under "Diagnostics"): count the first only.
        retries: countMatches(
            text,
            /pulumi:pulumi:Stack .*?pulumi-uploadcare: (retrying|POST \/group\/ outcome unknown)/g,
        ),
        // Latency alone is not a fault a client has to recover from; a kill of the emulator is.
        faults:
            emulator.log.filter((e) => e.fault?.split(",").some((f) => !f.startsWith("delay:"))).length +
            emulator.kills,
        reruns,
        wallSeconds,
        leftAfterDestroy: left,
        duplicates: created.length - GROUPS,
        mismatches: finalMismatches,
    };
    // Every wait after a 429 honours Retry-After (whole seconds, at least 1 in every profile here).
    for (const m of text.matchAll(/retrying \S+ \S+ in (\d+) ms \(HTTP 429\)/g)) {
        expect(Number(m[1])).toBeGreaterThanOrEqual(1000);
    }
    expect(row.leftAfterDestroy).toBe(0);
    expect(row.duplicates).toBe(0);
    expect(row.mismatches).toBe(0);
    expect(row.faults).toBeGreaterThan(0);
    return row;
}

function countMatches(text: string, re: RegExp): number {
    return [...text.matchAll(re)].length;
}

function reportTable(rows: Row[]): string {
    const header = [
        "profile",
        "operations",
        "retries",
        "faults injected",
        "reruns",
        "wall time",
        "groups left after destroy",
        "duplicates",
        "state/emulator mismatches",
    ];
    const lines = rows.map((r) => [
        r.profile,
        String(r.operations),
        String(r.retries),
        String(r.faults),
        String(r.reruns),
        `${r.wallSeconds.toFixed(1)} s`,
        String(r.leftAfterDestroy),
        String(r.duplicates),
        String(r.mismatches),
    ]);
    const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
    return [row(header), row(header.map(() => "---")), ...lines.map(row)].join("\n");
}
