import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { createProjectApiClient, listProjects } from "../../src/client";
import { DEMO_CDN } from "../support/cdn";
import { useEngineStack } from "../support/engineFixture";
import { type PackageRegistry, startPackageRegistry } from "../support/npmRegistry.mts";
import { type CliResult, ENGINE_TEST_PASSPHRASE } from "../support/pulumiCli";

// examples/pipeline run as written: a fresh copy of the folder (laid out as a repository of its own) goes through
// the workflow's own jobs, parsed from its YAML. `run:` steps run in bash as on a GitHub runner; the Pulumi action
// becomes the CLI command it runs. The workflow's env is filled from stand-in secrets and variables pointing at a
// local state backend and the emulator on 127.0.0.1; `npm ci` installs pulumi-uploadcare (this checkout, packed)
// from a stand-in registry, as it is not published yet. A step the test does not know fails it.

const localRequire = createRequire(import.meta.url);
// The YAML parser @pulumi/pulumi already depends on (resolved from there, so it is no hoisting accident).
const yaml = createRequire(localRequire.resolve("@pulumi/pulumi/package.json"))("js-yaml") as {
    load(text: string): unknown;
};

const WORKFLOW = ".github/workflows/uploadcare.yml";
const PROJECT_API_TOKEN = "pipeline-account-token-3c4d5e6f";
/** The pull request the test plays: its stack is `pr-7`. */
const PULL_REQUEST = 7;

interface Step {
    name?: string;
    if?: string;
    uses?: string;
    run?: string;
    shell?: string;
    with?: Record<string, string | number | boolean>;
    env?: Record<string, string>;
    "working-directory"?: string;
}

interface Job {
    if?: string;
    permissions?: Record<string, string> | string;
    env?: Record<string, string>;
    defaults?: { run?: { shell?: string; "working-directory"?: string } };
    steps: Step[];
}

interface Workflow {
    on: Record<string, { paths?: string[]; branches?: string[]; types?: string[] } | null>;
    permissions?: Record<string, string> | string;
    env?: Record<string, string>;
    jobs: Record<string, Job>;
}

/** What one job did: each step's command line and result. */
type Transcript = { step: string; result: CliResult }[];

/** The event a run plays: its name and, for a pull request, its action. */
interface GitHubEvent {
    name: "pull_request" | "push";
    action?: "opened" | "synchronize" | "closed";
}

/** A job's `if:`, of the only shape the test reads: `github.event_name` and `github.event.action` compared, ANDed. */
function jobRuns(condition: string | undefined, event: GitHubEvent): boolean {
    if (condition === undefined) return true;
    return condition.split(" && ").every((clause) => {
        const match = clause.trim().match(/^github\.(event_name|event\.action) (==|!=) '(\w+)'$/);
        if (!match) throw new Error(`a job condition the test cannot read: ${condition}`);
        const value = match[1] === "event_name" ? event.name : event.action;
        return match[2] === "==" ? value === match[3] : value !== match[3];
    });
}

describe("examples/pipeline: the workflow's own steps against the emulator", () => {
    let workflow: Workflow;
    let registry: PackageRegistry;

    const stack = useEngineStack({
        project: { copy: "examples/pipeline" },
        emulator: { projectApiToken: PROJECT_API_TOKEN },
        before: async ({ emulator, project }) => {
            workflow = yaml.load(fs.readFileSync(path.join(project, WORKFLOW), "utf8")) as Workflow;
            registry = await startPackageRegistry();
            // What a user does before the first run: list real files (the example holds a placeholder).
            fs.writeFileSync(path.join(project, "files.json"), JSON.stringify(emulator.createFiles(3)));
        },
        // Once, by hand, before the first run (the workflow only selects it).
        stack: "production",
        after: () => registry?.close(),
    });

    /**
     * `${{ secrets.X }}`, `${{ vars.X }}` and `${{ github.event.number }}` as GitHub fills them, from the stand-ins
     * below; nothing else.
     */
    function expand(values: Record<string, string> | undefined): Record<string, string> {
        const secrets: Record<string, string> = {
            UPLOADCARE_PUBLIC_KEY: stack.emulator.publicKey,
            UPLOADCARE_SECRET_KEY: stack.emulator.secretKey,
            UPLOADCARE_PROJECT_API_TOKEN: PROJECT_API_TOKEN,
            PULUMI_CONFIG_PASSPHRASE: ENGINE_TEST_PASSPHRASE,
            // Unset: this repository keeps its state in a self-managed backend; GitHub gives "" for a missing secret.
            PULUMI_ACCESS_TOKEN: "",
        };
        const vars: Record<string, string> = { PULUMI_BACKEND_URL: `file://${stack.ws.backend}` };
        const github: Record<string, string> = { number: String(PULL_REQUEST) };
        const out: Record<string, string> = {};
        for (const [key, value] of Object.entries(values ?? {})) {
            const pattern = /\$\{\{\s*(secrets|vars|github\.event)\.(\w+)\s*\}\}/g;
            out[key] = String(value).replace(pattern, (whole, scope: string, name: string) => {
                const table = scope === "secrets" ? secrets : scope === "vars" ? vars : github;
                const found = table?.[name];
                if (found === undefined) throw new Error(`${key}: the test has no stand-in for ${whole}`);
                return found;
            });
            if (out[key].includes("${{")) throw new Error(`${key}: an expression the test cannot fill: ${value}`);
        }
        return out;
    }

    /** The environment of a step: the runner's (no npm settings of the caller), the workflow's, and the test's. */
    function stepEnv(job: Job, step: Step): NodeJS.ProcessEnv {
        const base = stack.ws.env();
        for (const key of Object.keys(base)) if (/^npm_/i.test(key)) delete base[key];
        return {
            ...base,
            ...expand(workflow.env),
            ...expand(job.env),
            ...expand(step.env),
            // Where this test points a real pipeline's endpoints: the emulator, and the stand-in registry.
            UPLOADCARE_API_BASE_URL: stack.emulator.url,
            UPLOADCARE_UPLOAD_BASE_URL: stack.emulator.url,
            UPLOADCARE_PROJECT_API_BASE_URL: `${stack.emulator.url}/`,
            npm_config_registry: registry.url,
            npm_config_prefer_offline: "true",
            npm_config_audit: "false",
            npm_config_fund: "false",
        };
    }

    function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
        // The shell GitHub runs `run:` steps with on Linux.
        return new Promise((resolve) => {
            execFile(
                "bash",
                ["--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                { cwd, env, maxBuffer: 64 * 1024 * 1024 },
                (error, stdout, stderr) => {
                    resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
                },
            );
        });
    }

    /**
     * The CLI commands the Pulumi action runs for a step's `with:` (`upsert` creates the stack first, as the
     * action's createOrSelectStack does; `remove` removes it after destroy).
     */
    function pulumiAction(job: Job, name: string, step: Step): string[][] {
        const options = step.with ?? {};
        expect(path.resolve(stack.project, String(options["work-dir"] ?? "./"))).toBe(stack.project);
        if (options["comment-on-pr"] === true) {
            expect(permissions(job)["pull-requests"], `job ${name}: comment-on-pr`).toBe("write");
        }
        const stackName = expand({ stack: String(options["stack-name"]) }).stack as string;
        const commands: Record<string, string[]> = {
            preview: ["preview"],
            up: ["up", "--yes", "--skip-preview"],
            destroy: ["destroy", "--yes", "--skip-preview"],
        };
        const command = commands[String(options.command)];
        if (!command) throw new Error(`pulumi/actions command ${options.command}: not known to the test`);
        const args = [...command, "--stack", stackName];
        if (options.diff === true) args.push("--diff");
        if (options.remove === true) args.push("--remove");
        return options.upsert === true ? [["stack", "select", "--create", stackName], args] : [args];
    }

    const callsOf: Record<string, string[]> = {};
    const reviewProjects = async () => {
        const api = createProjectApiClient({ token: PROJECT_API_TOKEN, baseUrl: `${stack.emulator.url}/` });
        const names: string[] = [];
        for await (const p of listProjects(api)) if (p.name.startsWith("uploadcare-pipeline-")) names.push(p.name);
        return names;
    };

    /** Runs the jobs the event triggers, each with the requests it sent; every step must succeed. */
    async function runJobsFor(event: GitHubEvent): Promise<Record<string, Transcript>> {
        const ran: Record<string, Transcript> = {};
        for (const [name, job] of Object.entries(workflow.jobs)) {
            if (!jobRuns(job.if, event)) continue;
            const transcript: Transcript = [];
            ran[name] = transcript;
            stack.emulator.clearRequests();
            for (const step of job.steps) {
                if (step.if !== undefined) throw new Error(`job ${name}: a step condition the test cannot read`);
                const env = stepEnv(job, step);
                let label: string;
                let result: CliResult;
                if (step.run !== undefined) {
                    if ((step.shell ?? job.defaults?.run?.shell ?? "bash") !== "bash") throw new Error("not bash");
                    const dir = step["working-directory"] ?? job.defaults?.run?.["working-directory"] ?? ".";
                    label = `run: ${step.run.trim()} (in ${dir})`;
                    result = await bash(step.run, path.join(stack.project, dir), env);
                } else if (step.uses?.startsWith("actions/checkout@")) {
                    // The fresh copy of the folder is the checkout.
                    continue;
                } else if (step.uses?.startsWith("actions/setup-node@")) {
                    expect(process.versions.node.split(".")[0]).toBe(String(step.with?.["node-version"]));
                    continue;
                } else if (step.uses?.startsWith("pulumi/actions@")) {
                    const runs = pulumiAction(job, name, step);
                    label = runs.map((args) => `pulumi ${args.join(" ")}`).join("; ");
                    result = { code: 0, stdout: "", stderr: "" };
                    for (const args of runs) {
                        if (result.code === 0) result = await stack.ws.run(args, { env, allowFailure: true });
                    }
                } else {
                    throw new Error(`job ${name}: step ${step.name ?? step.uses} is not known to the test`);
                }
                transcript.push({ step: label, result });
                if (result.code !== 0) {
                    throw new Error(`job ${name}: ${label} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
                }
            }
            callsOf[name] = stack.calls();
            // Every job runs on a fresh runner: a stack the action selected is not selected for the next one.
            await stack.ws.run(["stack", "select", "production"]);
        }
        return ran;
    }

    function permissions(job: Job): Record<string, string> {
        const granted = job.permissions ?? workflow.permissions ?? {};
        if (typeof granted === "string") throw new Error(`permissions: ${granted} (the test reads only a map)`);
        return granted;
    }

    it("the paths filters match the example's own files, laid out as a repository", () => {
        const files: string[] = [];
        const walk = (dir: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                const full = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(full);
                else files.push(path.relative(stack.project, full).split(path.sep).join("/"));
            }
        };
        walk(stack.project);
        expect(files).toContain("package-lock.json");
        for (const event of ["pull_request", "push"]) {
            const patterns = workflow.on[event]?.paths ?? [];
            expect(patterns.length, event).toBeGreaterThan(0);
            // Every file of the project (Pulumi.production.yaml, written by `stack init`, included) triggers a run…
            const unmatched = files.filter((f) => !patterns.some((p) => path.matchesGlob(f, p)));
            expect(unmatched, `${event}: files no paths pattern matches`).toEqual([]);
            // …and no pattern is stale.
            const stale = patterns.filter((p) => !files.some((f) => path.matchesGlob(f, p)));
            expect(stale, `${event}: patterns that match no file`).toEqual([]);
        }
        expect(workflow.on.push?.branches).toEqual(["main"]);
    });

    it("the lockfile pins pulumi-uploadcare with this package's own dependencies", () => {
        const lock = JSON.parse(fs.readFileSync(path.join(stack.project, "package-lock.json"), "utf8")) as {
            packages: Record<string, { version?: string; dependencies?: Record<string, string> }>;
        };
        const manifest = JSON.parse(fs.readFileSync(localRequire.resolve("../../package.json"), "utf8")) as {
            version: string;
            dependencies?: Record<string, string>;
        };
        const entry = lock.packages["node_modules/pulumi-uploadcare"];
        // Stale after a change of this package's dependencies: `node test/support/npmRegistry.mts examples/pipeline`.
        expect(entry).toMatchObject({ version: manifest.version, dependencies: manifest.dependencies ?? {} });
    });

    it("a pull request runs npm ci and a preview that only proves the keys (one read, no write)", async () => {
        const before = registry.tarballRequests;
        const jobs = await runJobsFor({ name: "pull_request", action: "opened" });
        expect(Object.keys(jobs)).toEqual(["preview", "review"]);
        expect(jobs.preview?.map((s) => s.step)).toEqual([
            "run: npm ci (in .)",
            "pulumi preview --stack production --diff",
        ]);
        // npm ci installed this checkout's package from the stand-in registry.
        expect(registry.tarballRequests).toBeGreaterThan(before);
        const installed = JSON.parse(
            fs.readFileSync(path.join(stack.project, "node_modules/pulumi-uploadcare/package.json"), "utf8"),
        ) as { version: string };
        expect(installed.version).toBe(registry.version);
        expect(jobs.preview?.[1]?.result.stdout).toMatch(/\+ 2 to create/);
        // The preview checks the keys the deploy will need (uploadcare:checkKeysAtPreview), once, and writes nothing.
        expect(callsOf.preview).toEqual(["GET /project/"]);
        expect(stack.emulator.groups()).toEqual([]);
    });

    it("the pull request's own stack pr-7 holds a project of its own, and a second push to it changes nothing", async () => {
        expect(await reviewProjects()).toEqual(["uploadcare-pipeline-pr-7"]);
        const transcript = (await runJobsFor({ name: "pull_request", action: "synchronize" })).review;
        expect(transcript?.map((s) => s.step)).toEqual([
            "run: npm ci (in .)",
            "pulumi stack select --create pr-7; pulumi up --yes --skip-preview --stack pr-7",
        ]);
        expect(transcript?.[1]?.result.stdout).toMatch(/3 unchanged/);
        // An up of the review stack with nothing changed sends nothing.
        expect(callsOf.review).toEqual([]);
        expect(stack.emulator.groups()).toEqual([]);
        expect(await reviewProjects()).toEqual(["uploadcare-pipeline-pr-7"]);
    });

    it("closing the pull request destroys its stack, project included, and removes the stack", async () => {
        const jobs = await runJobsFor({ name: "pull_request", action: "closed" });
        expect(Object.keys(jobs)).toEqual(["review-cleanup"]);
        expect(jobs["review-cleanup"]?.map((s) => s.step)).toEqual([
            "run: npm ci (in .)",
            "pulumi destroy --yes --skip-preview --stack pr-7 --remove",
        ]);
        expect(await reviewProjects()).toEqual([]);
        const stacks = JSON.parse((await stack.ws.run(["stack", "ls", "--json"])).stdout) as { name: string }[];
        expect(stacks.map((s) => s.name)).toEqual(["production"]);
    });

    it("a push to main runs npm ci and up, which deploys the group in files.json; secrets stay out of the stack", async () => {
        const files = JSON.parse(fs.readFileSync(path.join(stack.project, "files.json"), "utf8")) as string[];
        const jobs = await runJobsFor({ name: "push" });
        expect(Object.keys(jobs)).toEqual(["deploy"]);
        expect(jobs.deploy?.map((s) => s.step)).toEqual([
            "run: npm ci (in .)",
            "pulumi up --yes --skip-preview --stack production",
        ]);
        const groups = stack.emulator.groups();
        expect(groups.map((g) => g.files.map((f) => f.uuid))).toEqual([files]);
        expect(await stack.ws.outputs()).toEqual({
            groupId: groups[0]?.id,
            cdnUrl: `${DEMO_CDN}/${groups[0]?.id}/`,
            filesCount: 3,
        });
        const settings = fs.readFileSync(path.join(stack.project, "Pulumi.production.yaml"), "utf8");
        expect(settings).not.toContain(stack.emulator.secretKey);
        expect(await stack.ws.exportState()).not.toContain(stack.emulator.secretKey);

        await stack.ws.destroy(["--stack", "production"]);
        expect(stack.emulator.groups()).toEqual([]);
    });
});
