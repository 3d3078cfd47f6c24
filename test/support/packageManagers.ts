import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "./installedPackage";
import type { PulumiWorkspace } from "./pulumiCli";

/**
 * Projects whose dependencies a real package manager installs, as a user's would be: this checkout comes from
 * a tarball `npm pack` made (`file:` dependency), everything else from the npm registry through the manager's
 * own cache. npm, pnpm and Yarn classic are this repository's devDependencies (node_modules/.bin).
 */
export type PackageManager = "npm" | "pnpm" | "yarn";

/** Where pnpm's store and Yarn's cache live between runs (npm's cache is the user's ~/.npm, shared already). */
export function packageManagerCache(manager: Exclude<PackageManager, "npm">): string {
    const base =
        process.env.PULUMI_UPLOADCARE_CACHE ??
        path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-uploadcare");
    return path.join(base, manager === "pnpm" ? "pnpm-store" : "yarn-cache");
}

/** `npm pack` of this checkout (dist/ must be built) into a new temp folder; returns the tarball's path. */
export function packThisPackage(): string {
    if (!fs.existsSync(path.join(REPO_ROOT, "dist", "index.js"))) throw new Error("dist/ is missing: npm run build");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-uploadcare-tarball-"));
    const [packed] = JSON.parse(
        execFileSync("npm", ["pack", "--json", "--pack-destination", dir], {
            cwd: REPO_ROOT,
            encoding: "utf8",
            stdio: ["ignore", "pipe", "pipe"],
        }),
    ) as { filename: string }[];
    if (!packed) throw new Error("npm pack reported nothing");
    return path.join(dir, path.basename(packed.filename));
}

/**
 * Points a plain copy of an example at `manager`: `packagemanager` in Pulumi.yaml, the package as
 * `file:<tarball>`, and the manager's settings file (pnpm: allow protobufjs's build script, which pnpm
 * otherwise refuses with ERR_PNPM_IGNORED_BUILDS, and a store kept across runs; Yarn: a kept cache).
 */
export function configureProject(project: string, manager: PackageManager, tarball: string): void {
    const yamlPath = path.join(project, "Pulumi.yaml");
    const yaml = fs.readFileSync(yamlPath, "utf8");
    if (!/packagemanager: npm/.test(yaml)) throw new Error(`${yamlPath} does not set packagemanager: npm`);
    fs.writeFileSync(yamlPath, yaml.replace(/packagemanager: npm/, `packagemanager: ${manager}`));
    setDependency(project, tarball);
    if (manager === "pnpm") {
        const settings = `allowBuilds:\n  protobufjs: true\nstoreDir: ${JSON.stringify(packageManagerCache("pnpm"))}\n`;
        fs.writeFileSync(path.join(project, "pnpm-workspace.yaml"), settings);
    } else if (manager === "yarn") {
        fs.writeFileSync(
            path.join(project, ".yarnrc"),
            `cache-folder ${JSON.stringify(packageManagerCache("yarn"))}\n`,
        );
    }
}

/** Makes package.json depend on pulumi-uploadcare from this tarball. */
export function setDependency(project: string, tarball: string): void {
    const file = path.join(project, "package.json");
    const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { dependencies: Record<string, string> };
    manifest.dependencies["pulumi-uploadcare"] = `file:${tarball}`;
    fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The environment in which a manager from this repository's node_modules/.bin is found first on PATH. */
export function managerEnv(ws: PulumiWorkspace): NodeJS.ProcessEnv {
    return { PATH: [path.join(REPO_ROOT, "node_modules", ".bin"), ws.env().PATH].join(path.delimiter) };
}

/** `pulumi install`: our language host runs the project's package manager. Returns the CLI's output. */
export async function pulumiInstall(ws: PulumiWorkspace): Promise<string> {
    const result = await ws.run(["install"], { env: managerEnv(ws) });
    return `${result.stdout}${result.stderr}`;
}

/** Runs the manager itself in the project (`pnpm install`, ...), as a user reinstalling would. */
export function runManager(ws: PulumiWorkspace, manager: PackageManager, args: string[]): string {
    return execFileSync(path.join(REPO_ROOT, "node_modules", ".bin", manager), args, {
        cwd: ws.projectDir,
        env: { ...ws.env(), ...managerEnv(ws) },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
    });
}
