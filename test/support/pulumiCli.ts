import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isolatedPulumiEnv } from "../../scripts/pulumi-env.mts";

/**
 * Drives the real Pulumi CLI the way a pipeline does: a local file:// backend in a temp folder, a
 * passphrase from the environment, no prompts, no Pulumi Cloud.
 */

export function pulumiBinary(): string {
    const fromEnv = process.env.PULUMI_BIN_DIR ? path.join(process.env.PULUMI_BIN_DIR, "pulumi") : undefined;
    const candidates = [fromEnv, ...(process.env.PATH ?? "").split(path.delimiter).map((d) => path.join(d, "pulumi"))];
    const found = candidates.find((c) => c && fs.existsSync(c));
    if (!found) {
        throw new Error(
            "No pulumi CLI found: run `bash scripts/install-pulumi.sh` and put the folder it prints on PATH",
        );
    }
    return found;
}

/** The UPLOADCARE_* variables that point a provider at an emulator, as a pipeline would set them. */
export function emulatorEnv(emulator: { publicKey: string; secretKey: string; url: string }): NodeJS.ProcessEnv {
    return {
        UPLOADCARE_PUBLIC_KEY: emulator.publicKey,
        UPLOADCARE_SECRET_KEY: emulator.secretKey,
        UPLOADCARE_API_BASE_URL: emulator.url,
        UPLOADCARE_UPLOAD_BASE_URL: emulator.url,
    };
}

/** The passphrase of every PulumiWorkspace's stacks (PULUMI_CONFIG_PASSPHRASE). */
export const ENGINE_TEST_PASSPHRASE = "engine-test-passphrase";

export interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
}

export class PulumiWorkspace {
    readonly home: string;
    readonly backend: string;
    private readonly bin: string;

    constructor(
        readonly projectDir: string,
        readonly extraEnv: NodeJS.ProcessEnv = {},
    ) {
        this.bin = pulumiBinary();
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-uploadcare-engine-"));
        this.home = path.join(root, "home");
        this.backend = path.join(root, "state");
        fs.mkdirSync(this.home, { recursive: true });
        fs.mkdirSync(this.backend, { recursive: true });
    }

    env(): NodeJS.ProcessEnv {
        return isolatedPulumiEnv({
            bin: this.bin,
            home: this.home,
            backend: this.backend,
            passphrase: ENGINE_TEST_PASSPHRASE,
            extra: this.extraEnv,
        });
    }

    run(
        args: string[],
        options: { env?: NodeJS.ProcessEnv; allowFailure?: boolean; onStart?: (pid: number) => void } = {},
    ): Promise<CliResult> {
        return new Promise((resolve, reject) => {
            const child = execFile(
                this.bin,
                [...args, "--non-interactive", "--color", "never"],
                { cwd: this.projectDir, env: { ...this.env(), ...options.env }, maxBuffer: 64 * 1024 * 1024 },
                (error, stdout, stderr) => {
                    const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
                    const result = { code, stdout, stderr };
                    if (code !== 0 && !options.allowFailure) {
                        reject(new Error(`pulumi ${args.join(" ")} exited ${code}\n${stdout}\n${stderr}`));
                    } else resolve(result);
                },
            );
            if (child.pid !== undefined) options.onStart?.(child.pid);
        });
    }

    async initStack(name = "test", config: Record<string, string | string[]> = {}): Promise<void> {
        await this.run(["stack", "init", name]);
        for (const [key, value] of Object.entries(config)) await this.setConfig(key, value);
    }

    /** Sets a string (`--secret` when asked), or a list of strings element by element (`--path key[i]`), as users do. */
    async setConfig(key: string, value: string | string[], options: { secret?: boolean } = {}): Promise<void> {
        if (typeof value === "string") {
            await this.run(["config", "set", ...(options.secret ? ["--secret"] : []), key, value]);
            return;
        }
        if (options.secret) throw new Error(`setConfig: a list (${key}) cannot be set as one secret`);
        await this.run(["config", "rm", key], { allowFailure: true });
        for (const [index, item] of value.entries())
            await this.run(["config", "set", "--path", `${key}[${index}]`, item]);
    }

    up(extra: string[] = []): Promise<CliResult> {
        return this.run(["up", "--yes", "--skip-preview", ...extra]);
    }

    preview(extra: string[] = []): Promise<CliResult> {
        return this.run(["preview", "--diff", ...extra]);
    }

    refresh(extra: string[] = []): Promise<CliResult> {
        return this.run(["refresh", "--yes", "--skip-preview", ...extra]);
    }

    destroy(extra: string[] = []): Promise<CliResult> {
        return this.run(["destroy", "--yes", "--skip-preview", ...extra]);
    }

    async outputs(): Promise<Record<string, unknown>> {
        const { stdout } = await this.run(["stack", "output", "--json", "--show-secrets"]);
        return JSON.parse(stdout) as Record<string, unknown>;
    }

    async exportState(): Promise<string> {
        return (await this.run(["stack", "export"])).stdout;
    }

    /** Resources of a type in the exported state. */
    async resources(type = "pulumi-nodejs:dynamic/uploadcare:Group"): Promise<StateResource[]> {
        const state = JSON.parse(await this.exportState()) as { deployment: { resources?: StateResource[] } };
        return (state.deployment.resources ?? []).filter((r) => r.type === type);
    }

    dispose(): void {
        fs.rmSync(path.dirname(this.home), { recursive: true, force: true });
    }
}

export interface StateResource {
    urn: string;
    type: string;
    id?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}
