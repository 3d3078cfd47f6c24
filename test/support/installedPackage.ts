import { execFileSync } from "node:child_process";
import { prepareProject } from "../../scripts/prepare-example.mts";

export { installPackageCopy, prepareProject, REPO_ROOT } from "../../scripts/prepare-example.mts";

/** An empty project with pulumi-uploadcare installed as npm would install it. */
export function makeInstalledProject(options: { version?: string } = {}): string {
    return prepareProject(options);
}

/** Runs a script with plain `node` (never inside vitest's module runner) and returns its stdout. */
export function runNode(script: string, cwd: string, env: NodeJS.ProcessEnv = {}): string {
    return execFileSync(process.execPath, ["-e", script], {
        cwd,
        env: { ...process.env, ...env },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
    });
}
