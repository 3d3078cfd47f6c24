// A small runner for the real Pulumi CLI (file:// backend in a temp folder, passphrase, no prompts), timing
// each command and sampling the peak RSS of the dynamic-provider plugin it starts. Same environment as
// test/support/pulumiCli.ts, which cannot be imported under plain Node (parameter properties).
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { watchProviderRss } from "../../scripts/lib/processRss.mts";
import { isolatedPulumiEnv } from "../../scripts/pulumi-env.mts";

export interface RunResult {
    code: number;
    stdout: string;
    stderr: string;
    /** Wall time of the CLI process, milliseconds. */
    ms: number;
    /** Highest VmHWM (KiB) seen among `dynamic-provider` descendants of the CLI; 0 if none was seen. */
    providerPeakRssKb: number;
}

export function findPulumi(): string {
    const dirs = [process.env.PULUMI_BIN_DIR, ...(process.env.PATH ?? "").split(path.delimiter)];
    for (const dir of dirs) if (dir && fs.existsSync(path.join(dir, "pulumi"))) return path.join(dir, "pulumi");
    throw new Error("No pulumi CLI on PATH: run `bash scripts/install-pulumi.sh` and put the folder it prints on PATH");
}

export class Workspace {
    readonly root: string;
    readonly projectDir: string;
    readonly extraEnv: NodeJS.ProcessEnv;
    private readonly bin = findPulumi();

    constructor(projectDir: string, extraEnv: NodeJS.ProcessEnv) {
        this.projectDir = projectDir;
        this.extraEnv = extraEnv;
        this.root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-uploadcare-bench-"));
        fs.mkdirSync(path.join(this.root, "home"));
        fs.mkdirSync(path.join(this.root, "state"));
    }

    env(): NodeJS.ProcessEnv {
        return isolatedPulumiEnv({
            bin: this.bin,
            home: path.join(this.root, "home"),
            backend: path.join(this.root, "state"),
            passphrase: "bench-passphrase",
            extra: this.extraEnv,
        });
    }

    run(args: string[], options: { allowFailure?: boolean } = {}): Promise<RunResult> {
        return new Promise((resolve, reject) => {
            const start = performance.now();
            const child = spawn(this.bin, [...args, "--non-interactive", "--color", "never"], {
                cwd: this.projectDir,
                env: this.env(),
                stdio: ["ignore", "pipe", "pipe"],
            });
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (chunk: Buffer) => {
                stdout += chunk.toString();
            });
            child.stderr.on("data", (chunk: Buffer) => {
                stderr += chunk.toString();
            });
            const watch = child.pid === undefined ? undefined : watchProviderRss(child.pid);
            child.on("error", reject);
            child.on("close", (code) => {
                const ms = performance.now() - start;
                const result = { code: code ?? 1, stdout, stderr, ms, providerPeakRssKb: watch?.stop() ?? 0 };
                if (result.code !== 0 && !options.allowFailure) {
                    reject(new Error(`pulumi ${args.join(" ")} exited ${result.code}\n${stdout}\n${stderr}`));
                } else resolve(result);
            });
        });
    }

    up(parallel: number, extra: string[] = []): Promise<RunResult> {
        return this.run(["up", "--yes", "--skip-preview", "--parallel", String(parallel), ...extra]);
    }

    destroy(parallel: number): Promise<RunResult> {
        return this.run(["destroy", "--yes", "--skip-preview", "--parallel", String(parallel)]);
    }

    refresh(parallel: number): Promise<RunResult> {
        return this.run(["refresh", "--yes", "--skip-preview", "--parallel", String(parallel)]);
    }

    /** One `config set-all` call: values go in as plain strings (JSON for lists, read with requireObject). */
    async setConfig(values: Record<string, string>): Promise<void> {
        const args = Object.entries(values).flatMap(([key, value]) => ["--plaintext", `${key}=${value}`]);
        await this.run(["config", "set-all", ...args]);
    }

    async exportState(): Promise<{
        deployment: { resources?: { type: string; outputs?: Record<string, unknown> }[] };
    }> {
        return JSON.parse((await this.run(["stack", "export"])).stdout);
    }

    dispose(): void {
        fs.rmSync(this.root, { recursive: true, force: true });
    }
}
