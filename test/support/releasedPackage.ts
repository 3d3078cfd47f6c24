import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "./installedPackage";

/**
 * The package as it was released at `commit` (e.g. 0.1.0), built from this repository's history with the
 * checkout's own dependencies: `dist/` and `package.json` in a temp folder, built once per commit and process.
 */
const built = new Map<string, string>();

export function buildReleasedPackage(commit: string): string {
    const cached = built.get(commit);
    if (cached) return cached;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pulumi-uploadcare-${commit.slice(0, 8)}-`));
    const archive = execFileSync("git", ["archive", "--format=tar", commit], { cwd: REPO_ROOT, maxBuffer: 256 << 20 });
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
    execFileSync(
        process.execPath,
        [path.join(REPO_ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
        {
            cwd: dir,
            stdio: "pipe",
        },
    );
    built.set(commit, dir);
    return dir;
}

/** Installs that build into a prepared project's node_modules, replacing the current one. */
export function installReleasedPackage(project: string, releaseDir: string): void {
    const target = path.join(project, "node_modules", "pulumi-uploadcare");
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    fs.cpSync(path.join(releaseDir, "dist"), path.join(target, "dist"), { recursive: true });
    fs.copyFileSync(path.join(releaseDir, "package.json"), path.join(target, "package.json"));
}
