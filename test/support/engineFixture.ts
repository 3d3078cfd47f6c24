import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { type Emulator, type EmulatorOptions, type RequestLogEntry, startEmulator } from "../../src/emulator";
import { makeInlineProject, prepareProject, REPO_ROOT } from "./installedPackage";
import { emulatorEnv, PulumiWorkspace } from "./pulumiCli";
import { uploadcareCalls, uploadcareRequests } from "./requests";

type StackConfig = Record<string, string | string[]>;

export interface EngineStackOptions {
    /**
     * The Pulumi project: a copy of an example (`examples/<name>`) or of an inline CommonJS program, with
     * pulumi-uploadcare installed as npm would install it, or a folder used in place (never removed; only the
     * `Pulumi.<stack>.yaml` that `stack init` writes there is), or a plain copy of a folder of this repository
     * (`copy`, relative to its root) with nothing installed, as a fresh checkout of it would be.
     */
    project: { example: string } | { inline: string; program: string } | { inPlace: string } | { copy: string };
    /** An in-process emulator on 127.0.0.1 (quiet unless told otherwise); `false` for none. Default: one. */
    emulator?: EmulatorOptions | false;
    /** Extra environment for every CLI run. Default: the UPLOADCARE_* variables of the emulator, if any. */
    env?: NodeJS.ProcessEnv;
    /** Runs once the emulator, the project and the workspace exist, before `stack init` (seed data, write files). */
    before?: (stack: EngineStack) => void | Promise<void>;
    /** The stack `stack init` makes; `false` for none. Default "dev". */
    stack?: string | false;
    /** Its config, set as users do (lists element by element); a function runs after `before`. */
    config?: StackConfig | ((stack: EngineStack) => StackConfig);
    /** Config set with `--secret`. */
    secrets?: Record<string, string>;
    /** Runs first in afterAll (reports, clean-up of what `before` made outside the project). */
    after?: () => void | Promise<void>;
}

/** What a test file gets: valid inside tests and hooks, once the beforeAll has run. */
export interface EngineStack {
    /** The in-process emulator (throws when the options said `emulator: false`). */
    readonly emulator: Emulator;
    readonly project: string;
    readonly ws: PulumiWorkspace;
    /** Requests that reached the emulator's Uploadcare APIs (admin calls left out). */
    requests(): RequestLogEntry[];
    /** Those requests as `METHOD /path` (with ` STATUS` when asked). */
    calls(options?: { status?: boolean }): string[];
    /** A temp folder removed in afterAll. */
    tempDir(): string;
}

/**
 * The set-up and tear-down every engine suite shares: start an emulator, prepare an installed copy of the
 * project, give it an isolated Pulumi workspace (own PULUMI_HOME and file:// backend) and init its stack; in
 * afterAll undo all of it. Call inside a `describe`.
 */
export function useEngineStack(options: EngineStackOptions): EngineStack {
    let emulator: Emulator | undefined;
    let project: string | undefined;
    let ws: PulumiWorkspace | undefined;
    const tempDirs: string[] = [];
    const stackName = options.stack === undefined ? "dev" : options.stack;
    const inPlace = "inPlace" in options.project ? options.project.inPlace : undefined;
    const ready = <T>(value: T | undefined, what: string): T => {
        if (value === undefined) throw new Error(`useEngineStack: no ${what} (yet): use it inside tests and hooks`);
        return value;
    };

    const stack: EngineStack = {
        get emulator() {
            return ready(emulator, "emulator");
        },
        get project() {
            return ready(project, "project");
        },
        get ws() {
            return ready(ws, "workspace");
        },
        requests: () => uploadcareRequests(stack.emulator),
        calls: (callOptions) => uploadcareCalls(stack.emulator, callOptions),
        tempDir: () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-uploadcare-engine-tmp-"));
            tempDirs.push(dir);
            return dir;
        },
    };

    beforeAll(async () => {
        if (options.emulator !== false) {
            emulator = await startEmulator({ quiet: true, allowLoopbackSources: true, ...options.emulator });
        }
        const source = options.project;
        if ("example" in source) project = prepareProject({ source: path.join(REPO_ROOT, "examples", source.example) });
        else if ("inline" in source) project = makeInlineProject(source.inline, source.program);
        else if ("copy" in source) project = copyOf(path.join(REPO_ROOT, source.copy));
        else project = source.inPlace;
        ws = new PulumiWorkspace(project, options.env ?? (emulator ? emulatorEnv(emulator) : {}));
        await options.before?.(stack);
        if (stackName === false) return;
        const config = typeof options.config === "function" ? options.config(stack) : options.config;
        await ws.initStack(stackName, config);
        for (const [key, value] of Object.entries(options.secrets ?? {}))
            await ws.setConfig(key, value, { secret: true });
    });

    afterAll(async () => {
        try {
            await options.after?.();
        } finally {
            ws?.dispose();
            if (inPlace !== undefined) {
                if (stackName !== false) fs.rmSync(path.join(inPlace, `Pulumi.${stackName}.yaml`), { force: true });
            } else if (project) fs.rmSync(project, { recursive: true, force: true });
            for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
            await emulator?.close();
        }
    });

    return stack;
}

/** A copy of a folder as git would check it out: no node_modules, emulator state or stack settings. */
function copyOf(source: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-uploadcare-checkout-"));
    fs.cpSync(source, dir, {
        recursive: true,
        filter: (src) =>
            !/[\\/](node_modules|\.pulumi-uploadcare)([\\/]|$)/.test(src) && !/Pulumi\.[^/\\]+\.yaml$/.test(src),
    });
    return dir;
}
