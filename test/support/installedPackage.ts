import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { prepareProject } from "../../scripts/prepare-example.mts";

export { installPackageCopy, prepareProject, REPO_ROOT } from "../../scripts/prepare-example.mts";

/** An empty project with pulumi-uploadcare installed as npm would install it. */
export function makeInstalledProject(options: { version?: string } = {}): string {
    return prepareProject(options);
}

/** A project whose program is the given CommonJS text (`index.js`), with pulumi-uploadcare installed. */
export function makeInlineProject(name: string, program: string): string {
    const dir = prepareProject();
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\nmain: index.js\n`);
    fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ name, private: true })}\n`);
    fs.writeFileSync(path.join(dir, "index.js"), program);
    return dir;
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
