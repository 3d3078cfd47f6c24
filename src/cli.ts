#!/usr/bin/env node
/**
 * `pulumi-uploadcare emulator …`: runs the local Uploadcare emulator until SIGINT/SIGTERM and prints what a shell
 * (or, with --json, a script) needs to point the provider at it.
 */
import { FaultRuleError, parseFaultSpec } from "./emulator/faults";
import { startEmulator } from "./emulator/index";
import type { Emulator, EmulatorOptions } from "./emulator/types";

export const HELP = `Usage: pulumi-uploadcare emulator [options]

Runs a local Uploadcare emulator (REST API v0.7 + Upload API on one port) until Ctrl+C.

Options:
  --port N             port to listen on (default 0: any free port)
  --host H             interface to bind (default 127.0.0.1)
  --seed-files K       demo files (stored images) to create in the project (default 3)
  --seed-groups N      groups to create at start, as if made by upload widgets (default 0); group i holds
                       seeded files 2i and 2i+1 (wrapping); same ids on every fresh start; needs --seed-files >= 1;
                       with --state, only when FILE does not exist yet (deleted groups stay deleted)
  --state FILE         keep state in FILE across restarts
  --read-only-state    with --state: never write FILE, re-read it when another emulator changed it, and answer
                       503 to requests that would change files or groups
  --rate-limit RPS     throttle REST + Upload requests above RPS per second (429 + Retry-After)
  --public-key KEY     project public key (default demopublickey)
  --secret-key KEY     project secret key (default demoprivatekey)
  --signed-uploads     require signature + expire on Upload API calls
  --read-lag-ms MS     REST group info answers 404 for MS after a group is created

Faults (REST + Upload API; the admin API is never affected):
  --error-rate P       answer a share P (0..1) of requests with 503
  --latency-ms MS      add MS to every request
  --throttle-burst D/E answer every request 429 (Retry-After = rest of the burst) for D ms out of every E ms
  --fault SPEC         inject a fault rule, repeatable; SPEC is "[METHOD] [PATH] ACTION [PROBABILITY] [xTIMES]"
                       with ACTION reset-before | reset-after | delay:MS | status:CODE[:RETRY_AFTER_S], e.g.
                       --fault 'POST /group/ reset-after 0.3'   (applied, then the connection is reset)
                       --fault '* * status:429:2 0.1'           (10% of requests throttled, Retry-After 2)
                       Rules from --fault apply without limit unless xTIMES is given.
  --seed N             seed of the PRNG behind probabilities (default 1): same seed, same draws
  --json               print one JSON line {url, publicKey, secretKey, files, groups} instead of the banner
  --quiet              do not log requests to stderr
  -h, --help           show this help
`;

export class UsageError extends Error {}

export interface CliConfig {
    options: EmulatorOptions;
    json: boolean;
    help: boolean;
}

type FlagKind = "int" | "number" | "string" | "bool";

const FLAGS: Record<string, FlagKind> = {
    "--port": "int",
    "--host": "string",
    "--seed-files": "int",
    "--seed-groups": "int",
    "--state": "string",
    "--read-only-state": "bool",
    "--rate-limit": "number",
    "--public-key": "string",
    "--secret-key": "string",
    "--signed-uploads": "bool",
    "--read-lag-ms": "int",
    "--error-rate": "number",
    "--latency-ms": "int",
    "--throttle-burst": "string",
    "--fault": "string",
    "--seed": "int",
    "--json": "bool",
    "--quiet": "bool",
    "--help": "bool",
    "-h": "bool",
};

/** Parses `emulator [--flag value | --flag=value]…`; throws UsageError with a message fit for the terminal. */
export function parseArgs(argv: string[]): CliConfig {
    const config: CliConfig = { options: { seedFiles: 3 }, json: false, help: false };
    const args = [...argv];
    const command = args[0];
    if (command === undefined || command === "--help" || command === "-h") return { ...config, help: true };
    if (command !== "emulator") throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    args.shift();
    const o = config.options;
    while (args.length > 0) {
        const arg = args.shift() ?? "";
        const eq = arg.indexOf("=");
        const flag = eq > 0 ? arg.slice(0, eq) : arg;
        const kind = FLAGS[flag];
        if (!kind) throw new UsageError(`unknown option ${JSON.stringify(flag)}`);
        if (kind === "bool") {
            if (eq > 0) throw new UsageError(`${flag} takes no value`);
            if (flag === "--json") config.json = true;
            else if (flag === "--quiet") o.quiet = true;
            else if (flag === "--signed-uploads") o.signedUploads = true;
            else if (flag === "--read-only-state") o.readOnlyState = true;
            else config.help = true;
            continue;
        }
        const raw = eq > 0 ? arg.slice(eq + 1) : args.shift();
        if (raw === undefined || raw === "") throw new UsageError(`${flag} needs a value`);
        const value = kind === "string" ? raw : Number(raw);
        if (typeof value === "number" && (!Number.isFinite(value) || value < 0)) {
            throw new UsageError(`${flag} needs a non-negative number, got ${JSON.stringify(raw)}`);
        }
        if (kind === "int" && !Number.isInteger(value)) throw new UsageError(`${flag} needs an integer`);
        apply(o, flag, value);
    }
    checkCombinations(o);
    return config;
}

/** Flags that only make sense together, checked once all are known (their order on the command line is free). */
function checkCombinations(o: EmulatorOptions): void {
    if ((o.seedGroups ?? 0) > 0 && (o.seedFiles ?? 0) === 0) {
        throw new UsageError("--seed-groups needs seeded files to group: --seed-files must be 1 or more");
    }
    if (o.readOnlyState && o.statePath === undefined) {
        throw new UsageError("--read-only-state needs --state FILE (the file another emulator writes)");
    }
}

function apply(o: EmulatorOptions, flag: string, value: string | number): void {
    const num = Number(value);
    const str = String(value);
    switch (flag) {
        case "--port":
            if (num > 65535) throw new UsageError("--port must be <= 65535");
            o.port = num;
            break;
        case "--host":
            o.host = str;
            break;
        case "--seed-files":
            o.seedFiles = num;
            break;
        case "--seed-groups":
            o.seedGroups = num;
            break;
        case "--state":
            o.statePath = str;
            break;
        case "--rate-limit":
            if (num <= 0) throw new UsageError("--rate-limit must be > 0");
            o.rateLimit = num;
            break;
        case "--public-key":
            o.publicKey = str;
            break;
        case "--secret-key":
            o.secretKey = str;
            break;
        case "--read-lag-ms":
            o.readLagMs = num;
            break;
        case "--error-rate":
            if (num > 1) throw new UsageError("--error-rate must be within 0..1");
            o.errorRate = num;
            break;
        case "--latency-ms":
            o.latencyMs = num;
            break;
        case "--seed":
            o.seed = num;
            break;
        case "--throttle-burst": {
            const m = /^(\d+)\/(\d+)$/.exec(str);
            const duration = Number(m?.[1]);
            const every = Number(m?.[2]);
            if (!m || !(duration > 0 && every > duration)) {
                throw new UsageError(
                    '--throttle-burst needs DURATION_MS/EVERY_MS with 0 < DURATION < EVERY, e.g. "2000/10000"',
                );
            }
            o.throttleBursts = { everyMs: every, durationMs: duration };
            break;
        }
        case "--fault":
            try {
                o.faults = [...(o.faults ?? []), parseFaultSpec(str)];
            } catch (e) {
                if (e instanceof FaultRuleError) throw new UsageError(`--fault: ${e.message}`);
                throw e;
            }
            break;
    }
}

export function banner(
    url: string,
    publicKey: string,
    secretKey: string,
    files: string[],
    groups: readonly string[] = [],
): string {
    const lines = [
        `Uploadcare emulator listening on ${url}`,
        `  REST API + Upload API: ${url}`,
        `  Admin API:             ${url}/__emulator/ (loopback only)`,
        `  Public key:            ${publicKey}`,
        `  Secret key:            ${secretKey}`,
        files.length > 0 ? "  Seeded files (stored images):" : "  No seeded files (use --seed-files K).",
        ...files.map((f) => `    ${f}`),
        ...(groups.length > 0 ? ["  Seeded groups:", ...groups.map((g) => `    ${g}`)] : []),
        "",
        "Point the provider at it:",
        `  export UPLOADCARE_PUBLIC_KEY=${publicKey}`,
        `  export UPLOADCARE_SECRET_KEY=${secretKey}`,
        `  export UPLOADCARE_API_BASE_URL=${url}`,
        `  export UPLOADCARE_UPLOAD_BASE_URL=${url}`,
        "",
        "Press Ctrl+C to stop.",
    ];
    return `${lines.join("\n")}\n`;
}

/** What the CLI prints once the emulator listens: the banner, or with --json one line for scripts. */
export function startupLine(
    emulator: Pick<Emulator, "url" | "publicKey" | "secretKey" | "seededFiles" | "seededGroups">,
    json: boolean,
): string {
    const { url, publicKey, secretKey, seededFiles, seededGroups } = emulator;
    if (!json) return banner(url, publicKey, secretKey, seededFiles, seededGroups);
    return `${JSON.stringify({ url, publicKey, secretKey, files: seededFiles, groups: seededGroups })}\n`;
}

export async function main(argv: string[]): Promise<number> {
    let config: CliConfig;
    try {
        config = parseArgs(argv);
    } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        process.stderr.write(`pulumi-uploadcare: ${e.message}\n\n${HELP}`);
        return 2;
    }
    if (config.help) {
        process.stdout.write(HELP);
        return 0;
    }
    const emulator = await startEmulator(config.options);
    process.stdout.write(startupLine(emulator, config.json));
    await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
    });
    await emulator.close();
    return 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (error: unknown) => {
            process.stderr.write(`pulumi-uploadcare: ${error instanceof Error ? error.message : String(error)}\n`);
            process.exit(1);
        },
    );
}
