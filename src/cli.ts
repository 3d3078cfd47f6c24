#!/usr/bin/env node
/**
 * `pulumi-uploadcare emulator …`: runs the local Uploadcare emulator until SIGINT/SIGTERM and prints what a shell
 * (or, with --json, a script) needs to point the provider at it. The sub-command's flags live in emulatorCli.ts.
 */
import { startEmulator } from "./emulator/index";
import { type CliConfig, HELP, parseArgs, startupLine, UsageError } from "./emulatorCli";

export { banner, type CliConfig, HELP, parseArgs, startupLine, UsageError } from "./emulatorCli";

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
    if (config.version) {
        process.stdout.write(`${packageVersion()}\n`);
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

/** The installed package's version (package.json sits one folder above dist/ and src/). */
export function packageVersion(): string {
    return (require("../package.json") as { version: string }).version;
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
