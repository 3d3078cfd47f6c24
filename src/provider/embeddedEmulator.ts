import * as fs from "node:fs";
import * as path from "node:path";
import type { EmulatorEndpoint } from "./groupProvider";

/** Demo files every embedded emulator starts with, so a program can name them without an account. */
export const EMBEDDED_SEED_FILES = 8;

let started: Promise<EmulatorEndpoint> | undefined;

/**
 * Starts (once per provider process) a local emulator whose state lives in
 * `.pulumi-uploadcare/emulator-state.json` in the program's folder, so groups created by `up` are still
 * there for `refresh` and `destroy`, which run in later processes. Only used when the stack opts in
 * with `uploadcare:emulator: auto` and configures no public key.
 */
export function startEmbeddedEmulator(): Promise<EmulatorEndpoint> {
    started ??= (async () => {
        const { startEmulator } = require("../emulator") as typeof import("../emulator");
        // The provider runs in the program's folder: keep the state there, with the program.
        const folder = path.resolve(".pulumi-uploadcare");
        fs.mkdirSync(folder, { recursive: true });
        const emulator = await startEmulator({
            statePath: path.join(folder, "emulator-state.json"),
            seedFiles: EMBEDDED_SEED_FILES,
            quiet: true,
        });
        return { url: emulator.url, publicKey: emulator.publicKey, secretKey: emulator.secretKey };
    })();
    return started;
}
