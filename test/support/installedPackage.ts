import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "../..");

/**
 * Makes a folder that looks like a user's project after `npm install pulumi-uploadcare`: our package is
 * a real copy under node_modules (as npm installs it, which is what Pulumi's serializer keys on), and
 * the other dependencies come from this repo's node_modules (linked, or copied where a real path
 * matters) so no registry is needed.
 * `version` lets a test pretend to install another release.
 */
export function makeInstalledProject(options: { dir?: string; version?: string } = {}): string {
    const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-uploadcare-project-"));
    const modules = path.join(dir, "node_modules");
    fs.mkdirSync(modules, { recursive: true });
    for (const entry of fs.readdirSync(path.join(REPO_ROOT, "node_modules"))) {
        if (entry === "pulumi-uploadcare" || entry === ".bin" || entry.startsWith(".package-lock")) continue;
        const target = path.join(modules, entry);
        if (fs.existsSync(target)) continue;
        // @pulumi/pulumi is copied, not linked: its closure serializer resolves our package from its own
        // real path, as it would in a user's node_modules.
        if (entry === "@pulumi") fs.cpSync(path.join(REPO_ROOT, "node_modules", entry), target, { recursive: true });
        else fs.symlinkSync(path.join(REPO_ROOT, "node_modules", entry), target);
    }
    installPackageCopy(dir, options.version);
    return dir;
}

/** (Re)installs our package into a project made by makeInstalledProject: a fresh copy of dist/. */
export function installPackageCopy(dir: string, version?: string): void {
    const target = path.join(dir, "node_modules", "pulumi-uploadcare");
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    if (!fs.existsSync(path.join(REPO_ROOT, "dist", "index.js"))) {
        throw new Error("dist/ is missing: run `npm run build` before these tests");
    }
    fs.cpSync(path.join(REPO_ROOT, "dist"), path.join(target, "dist"), { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as Record<string, unknown>;
    if (version) manifest.version = version;
    fs.writeFileSync(path.join(target, "package.json"), JSON.stringify(manifest, null, 2));
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
