// Prepares a runnable copy of an example (or an empty project) as a user would have it after
// `npm install pulumi-uploadcare`: our package is a real copy under node_modules, which is what Pulumi's
// closure serializer keys on; other dependencies come from this repo's node_modules, so no registry
// is needed. Used by the demo, the engine tests and the benchmark.
//
//   node scripts/prepare-example.mts <example dir> [target dir]   → prints the target dir
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(import.meta.dirname, "..");

export interface PrepareOptions {
    /** Folder to copy the program from (e.g. examples/basic); none for an empty project. */
    source?: string;
    /** Where to put it; default a new temp folder. */
    dir?: string;
    /** Pretend to install this version of our package (for upgrade tests). */
    version?: string;
}

export function prepareProject(options: PrepareOptions = {}): string {
    const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-uploadcare-project-"));
    fs.mkdirSync(dir, { recursive: true });
    if (options.source) {
        fs.cpSync(options.source, dir, {
            recursive: true,
            filter: (src) =>
                !/[\\/](node_modules|\.pulumi-uploadcare)([\\/]|$)/.test(src) && !/Pulumi\.[^/\\]+\.yaml$/.test(src),
        });
    }
    const modules = path.join(dir, "node_modules");
    fs.mkdirSync(modules, { recursive: true });
    for (const entry of fs.readdirSync(path.join(REPO_ROOT, "node_modules"))) {
        if (entry === "pulumi-uploadcare" || entry === ".bin" || entry.startsWith(".package-lock")) continue;
        const target = path.join(modules, entry);
        if (fs.existsSync(target)) continue;
        // @pulumi/pulumi is copied, not linked: its serializer resolves our package from its own real path.
        if (entry === "@pulumi") fs.cpSync(path.join(REPO_ROOT, "node_modules", entry), target, { recursive: true });
        else fs.symlinkSync(path.join(REPO_ROOT, "node_modules", entry), target);
    }
    installPackageCopy(dir, options.version);
    return dir;
}

/** (Re)installs our package into a prepared project: a fresh copy of dist/ and package.json. */
export function installPackageCopy(dir: string, version?: string): void {
    const target = path.join(dir, "node_modules", "pulumi-uploadcare");
    if (!fs.existsSync(path.join(REPO_ROOT, "dist", "index.js"))) {
        throw new Error("dist/ is missing: run `npm run build` first");
    }
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    fs.cpSync(path.join(REPO_ROOT, "dist"), path.join(target, "dist"), { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as Record<
        string,
        unknown
    >;
    if (version) manifest.version = version;
    fs.writeFileSync(path.join(target, "package.json"), JSON.stringify(manifest, null, 2));
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
    const [source, dir] = process.argv.slice(2);
    if (!source) {
        console.error("usage: node scripts/prepare-example.mts <example dir> [target dir]");
        process.exit(2);
    }
    console.log(prepareProject({ source: path.resolve(source), ...(dir ? { dir: path.resolve(dir) } : {}) }));
}
