// The environment every scripted Pulumi run uses (engine tests, the benchmark): this Node and CLI first on
// PATH, state in a private file:// backend, a passphrase instead of prompts, no update checks, no plugin
// downloads, and none of the caller's own UPLOADCARE_* settings.
import * as path from "node:path";

export interface IsolatedEnvOptions {
    /** The pulumi binary; its folder (with the language host and dynamic-provider launcher) goes first on PATH. */
    bin: string;
    home: string;
    backend: string;
    passphrase: string;
    /** Applied last (e.g. the UPLOADCARE_* variables pointing at an emulator). */
    extra?: NodeJS.ProcessEnv;
}

export function isolatedPulumiEnv(options: IsolatedEnvOptions): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        PATH: [path.dirname(options.bin), path.dirname(process.execPath), process.env.PATH].join(path.delimiter),
        PULUMI_HOME: options.home,
        PULUMI_BACKEND_URL: `file://${options.backend}`,
        PULUMI_CONFIG_PASSPHRASE: options.passphrase,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
        NO_COLOR: "1",
    };
    for (const key of Object.keys(env)) if (key.startsWith("UPLOADCARE_")) delete env[key];
    return { ...env, ...options.extra };
}
