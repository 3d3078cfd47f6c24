/**
 * The `emulator` sub-command of the CLI: its flags and what it prints once the emulator listens (the help text is
 * in ./emulatorHelp.ts).
 */
import { parseArgs as parseArgv } from "node:util";
import { FaultRuleError, parseFaultSpec } from "./emulator/admin/faults";
import type { Emulator, EmulatorOptions } from "./emulator/types";

export { HELP } from "./emulatorHelp";

export class UsageError extends Error {}

export interface CliConfig {
    options: EmulatorOptions;
    json: boolean;
    help: boolean;
    /** `--version`: print the package version and exit. */
    version?: boolean;
}

type FlagKind = "int" | "number" | "string" | "bool";

/** Every flag with how its value is read; `-h` is the short form of `--help`. */
const FLAGS: Record<string, FlagKind> = {
    port: "int",
    host: "string",
    "seed-files": "int",
    "seed-groups": "int",
    state: "string",
    "read-only-state": "bool",
    "allow-loopback-sources": "bool",
    "rate-limit": "number",
    "public-key": "string",
    "secret-key": "string",
    "signed-uploads": "bool",
    "project-api-token": "string",
    "read-lag-ms": "int",
    cdn: "string",
    "cdn-base-url": "string",
    "error-rate": "number",
    "latency-ms": "int",
    "throttle-burst": "string",
    fault: "string",
    seed: "int",
    "max-upload-bytes": "int",
    "max-body-bytes": "int",
    "max-concurrent-uploads": "int",
    json: "bool",
    quiet: "bool",
    help: "bool",
};

/** The `node:util` parseArgs spec: not strict, so the messages below (not Node's) tell what went wrong. */
const ARGV_OPTIONS = Object.fromEntries(
    Object.entries(FLAGS).map(([name, kind]) => [
        name,
        { type: kind === "bool" ? "boolean" : "string", ...(name === "help" ? { short: "h" } : {}) },
    ]),
) as Record<string, { type: "boolean" | "string"; short?: string }>;

/** Parses `emulator [--flag value | --flag=value]…`; throws UsageError with a message fit for the terminal. */
export function parseArgs(argv: string[]): CliConfig {
    const config: CliConfig = { options: { seedFiles: 3 }, json: false, help: false };
    const [command, ...rest] = argv;
    // No command is a mistake (exit 2 with the usage), not a request for help: a script that forgot "emulator"
    // must not carry on as if an emulator were running.
    if (command === undefined) throw new UsageError('a command is required: "emulator" (or --help, --version)');
    if (command === "--help" || command === "-h") return { ...config, help: true };
    if (command === "--version" || command === "-v") return { ...config, version: true };
    if (command !== "emulator") throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    const { tokens } = parseArgv({
        args: rest,
        options: ARGV_OPTIONS,
        strict: false,
        allowPositionals: true,
        tokens: true,
    });
    for (const token of tokens) {
        if (token.kind === "positional") throw new UsageError(`unknown option ${JSON.stringify(token.value)}`);
        if (token.kind !== "option") continue;
        const flag = token.rawName;
        const kind = FLAGS[token.name];
        if (!kind) throw new UsageError(`unknown option ${JSON.stringify(flag)}`);
        if (kind === "bool") {
            if (token.inlineValue) throw new UsageError(`${flag} takes no value`);
            applyBool(config, token.name);
        } else {
            const value = flagValue(flag, kind, token.value);
            SETTERS[token.name]?.(config.options, { n: Number(value), s: String(value) });
        }
    }
    checkCombinations(config.options);
    return config;
}

function applyBool(config: CliConfig, name: string): void {
    const o = config.options;
    if (name === "json") config.json = true;
    else if (name === "quiet") o.quiet = true;
    else if (name === "signed-uploads") o.signedUploads = true;
    else if (name === "read-only-state") o.readOnlyState = true;
    else if (name === "allow-loopback-sources") o.allowLoopbackSources = true;
    else config.help = true;
}

/** The value of a flag that takes one: the string itself, or a non-negative (integer) number. */
function flagValue(flag: string, kind: Exclude<FlagKind, "bool">, raw: string | undefined): string | number {
    if (raw === undefined || raw === "") throw new UsageError(`${flag} needs a value`);
    if (kind === "string") return raw;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) {
        throw new UsageError(`${flag} needs a non-negative number, got ${JSON.stringify(raw)}`);
    }
    if (kind === "int" && !Number.isInteger(value)) throw new UsageError(`${flag} needs an integer`);
    return value;
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

/** A flag's value both ways: `n` for numeric flags, `s` for the others. */
type Setter = (o: EmulatorOptions, value: { n: number; s: string }) => void;

/** The options whose value type is exactly `T` (`number` or `string`; not a union of literals). */
type OptionsOf<T> = {
    [K in keyof EmulatorOptions]-?: [NonNullable<EmulatorOptions[K]>] extends [T]
        ? [T] extends [NonNullable<EmulatorOptions[K]>]
            ? K
            : never
        : never;
}[keyof EmulatorOptions];

/** Setters that copy the value into an option as it is. */
const numberOption =
    (key: OptionsOf<number>): Setter =>
    (o, { n }) => {
        o[key] = n;
    };
const stringOption =
    (key: OptionsOf<string>): Setter =>
    (o, { s }) => {
        o[key] = s;
    };

/** What each flag with a value sets; numbers arrive checked non-negative (and integer where the kind says so). */
const SETTERS: Record<string, Setter> = {
    port: (o, { n }) => {
        if (n > 65535) throw new UsageError("--port must be <= 65535");
        o.port = n;
    },
    host: stringOption("host"),
    "seed-files": numberOption("seedFiles"),
    "seed-groups": numberOption("seedGroups"),
    state: stringOption("statePath"),
    "rate-limit": (o, { n }) => {
        if (n <= 0) throw new UsageError("--rate-limit must be > 0");
        o.rateLimit = n;
    },
    "public-key": stringOption("publicKey"),
    "secret-key": stringOption("secretKey"),
    "project-api-token": stringOption("projectApiToken"),
    "read-lag-ms": numberOption("readLagMs"),
    cdn: (o, { s }) => {
        if (s !== "legacy" && s !== "cname" && s !== "emulator") {
            throw new UsageError(`--cdn must be legacy, cname or emulator, got ${JSON.stringify(s)}`);
        }
        o.cdn = s;
    },
    "cdn-base-url": (o, { s }) => {
        if (!URL.canParse(s) || !/^https?:$/.test(new URL(s).protocol)) {
            throw new UsageError(`--cdn-base-url must be an http(s) URL, got ${JSON.stringify(s)}`);
        }
        o.cdnBaseUrl = s;
    },
    "error-rate": (o, { n }) => {
        if (n > 1) throw new UsageError("--error-rate must be within 0..1");
        o.errorRate = n;
    },
    "latency-ms": numberOption("latencyMs"),
    seed: numberOption("seed"),
    "max-upload-bytes": numberOption("maxUploadBodyBytes"),
    "max-body-bytes": numberOption("maxBodyBytes"),
    "max-concurrent-uploads": (o, { n }) => {
        if (n < 1) throw new UsageError("--max-concurrent-uploads must be >= 1");
        o.maxConcurrentUploads = n;
    },
    "throttle-burst": (o, { s }) => {
        o.throttleBursts = throttleBurstFlag(s);
    },
    fault: (o, { s }) => {
        o.faults = [...(o.faults ?? []), faultFlag(s)];
    },
};

/** `--throttle-burst DURATION_MS/EVERY_MS`. */
function throttleBurstFlag(value: string): { everyMs: number; durationMs: number } {
    const m = /^(\d+)\/(\d+)$/.exec(value);
    const duration = Number(m?.[1]);
    const every = Number(m?.[2]);
    if (!m || !(duration > 0 && every > duration)) {
        throw new UsageError(
            '--throttle-burst needs DURATION_MS/EVERY_MS with 0 < DURATION < EVERY, e.g. "2000/10000"',
        );
    }
    return { everyMs: every, durationMs: duration };
}

function faultFlag(value: string) {
    try {
        return parseFaultSpec(value);
    } catch (e) {
        if (e instanceof FaultRuleError) throw new UsageError(`--fault: ${e.message}`);
        throw e;
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
        "  Webhooks:              delivered to loopback targets only; one log line per delivery below",
        `                         (also ${url}/__emulator/webhook-deliveries)`,
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
