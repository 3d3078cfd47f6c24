import * as fs from "node:fs";
import * as path from "node:path";
import type { EmulatorEndpoint } from "./connection";

/** Demo files every embedded emulator starts with, so a program can name them without an account. */
export const EMBEDDED_SEED_FILES = 8;

/** Where the embedded emulator keeps its state: next to the program, which is the working directory. */
export function embeddedStatePath(programDir: string = process.cwd()): string {
    return path.join(programDir, ".pulumi-uploadcare", "emulator-state.json");
}

/**
 * Starts a local emulator over the embedded state file. The writer (inside the provider) owns the
 * file; a reader (program-side lookups) never writes it and re-reads it when the writer changed it,
 * so `getGroup()` in a program sees the groups the provider created.
 */
export async function openEmbeddedEmulator(options: {
    statePath: string;
    readOnly: boolean;
    /** Tests pass the emulator in; the package loads it only when a stack asks for it. */
    startEmulator?: typeof import("../../emulator").startEmulator;
}): Promise<EmulatorEndpoint & { close(): Promise<void> }> {
    const startEmulator =
        options.startEmulator ?? (require("../../emulator") as typeof import("../../emulator")).startEmulator;
    if (!options.readOnly) fs.mkdirSync(path.dirname(options.statePath), { recursive: true });
    const emulator = await startEmulator({
        statePath: options.statePath,
        readOnlyState: options.readOnly,
        // The reader lives in the program process, which must exit when the program is done.
        unref: options.readOnly,
        seedFiles: EMBEDDED_SEED_FILES,
        quiet: true,
    });
    return {
        url: emulator.url,
        publicKey: emulator.publicKey,
        secretKey: emulator.secretKey,
        close: () => emulator.close(),
    };
}

let writer: Promise<EmulatorEndpoint> | undefined;
let reader: Promise<EmulatorEndpoint> | undefined;

/**
 * Starts (once per provider process) the emulator used when the stack opts in with
 * `uploadcare:emulator: auto` and configures no public key. Its state outlives the process, so groups
 * created by `up` are still there for `refresh` and `destroy`, which run in later processes.
 */
export function startEmbeddedEmulator(): Promise<EmulatorEndpoint> {
    writer ??= openEmbeddedEmulator({ statePath: embeddedStatePath(), readOnly: false });
    return writer;
}

/** The read-only twin for lookups in the program process (once per process). */
export function startEmbeddedEmulatorReader(): Promise<EmulatorEndpoint> {
    reader ??= openEmbeddedEmulator({ statePath: embeddedStatePath(), readOnly: true });
    return reader;
}
