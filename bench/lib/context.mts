// What every bench profile gets from bench/run.mts: the emulator, fresh stacks of a bench program, and the log.
import type * as EmulatorModule from "../../src/emulator/index.ts";
import type { Workspace } from "./cli.mts";

export type Emulator = Awaited<ReturnType<typeof EmulatorModule.startEmulator>>;

export interface BenchContext {
    emulator: Emulator;
    /** A fresh stack of a bench program, with extra environment for the CLI and its plugins. */
    workspace(program: string, env?: NodeJS.ProcessEnv): Promise<Workspace>;
    log(line: string): void;
    filesPerGroup: number;
}
