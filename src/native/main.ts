/**
 * Entry point of the native provider plugin (`pulumi-resource-uploadcare`, see bin/). The engine starts
 * it with its own address as the last argument and reads the port from the first stdout line; the
 * plugin then lives until the engine stops it, or until the engine is gone (./lifetime.ts).
 * Plugin contract: https://pulumi-developer-docs.readthedocs.io/latest/docs/architecture/plugins.html
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmbeddedEmulator } from "../provider/runtime/embeddedEmulator";
import { engineProgress } from "../provider/runtime/progress";
import { engineAddressFrom, watchEngine } from "./lifetime";
import { serveNativeProvider } from "./server";

/** This package's version: the plugin's version, which the engine matches against `version:` options. */
export function packageVersion(): string {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as {
        version: string;
    };
    return manifest.version;
}

/** What the engine does not take is dropped, unless UPLOADCARE_DEBUG asks for diagnostics on stderr. */
function quietLog(line: string): void {
    if (process.env.UPLOADCARE_DEBUG) process.stderr.write(`pulumi-resource-uploadcare: ${line}\n`);
}

async function main(): Promise<void> {
    const engineAddress = engineAddressFrom(process.argv.slice(2));
    // Progress lines go to the engine's Engine.Log, on the resource's row (server.ts tells which resource).
    const progress = engineAddress ? { progress: engineProgress(engineAddress, quietLog) } : {};
    const { port } = await serveNativeProvider({ version: packageVersion(), startEmbeddedEmulator, ...progress });
    process.stdout.write(`${port}\n`);
    watchEngine({
        ...(engineAddress ? { engineAddress } : {}),
        onGone: (reason) => {
            // Nobody is left to receive an answer: stop at once, quietly.
            process.stderr.write(`pulumi-resource-uploadcare: exiting, ${reason}\n`);
            process.exit(0);
        },
    });
}

if (require.main === module) {
    main().catch((error: unknown) => {
        process.stderr.write(`pulumi-resource-uploadcare: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    });
}
