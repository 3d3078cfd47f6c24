// A stand-in npm registry on 127.0.0.1 for pulumi-uploadcare before it is published: it serves this checkout,
// packed by `npm pack`, as the package's one version, and sends every other request on to the public registry
// (a redirect). `npm ci` of an example then runs exactly as written, with only `npm_config_registry` pointing
// here (as a private registry would be configured), and other packages still come from npm's cache first.
//
// Also writes an example's package-lock.json (run after changing its package.json or this package's
// dependencies):  node test/support/npmRegistry.mts examples/pipeline
//
// Plain Node (no vitest, no imports of other test files), so that command works.
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";

const PUBLIC_REGISTRY = "https://registry.npmjs.org/";
const REPO_ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface PackageRegistry {
    /** Base URL with a trailing slash, for `npm_config_registry`. */
    url: string;
    name: string;
    version: string;
    /** Times the package's tarball was downloaded. */
    tarballRequests: number;
    close(): Promise<void>;
}

/** Packs this checkout (dist/ must be built) and serves it; everything else is redirected to the public registry. */
export async function startPackageRegistry(): Promise<PackageRegistry> {
    if (!fs.existsSync(path.join(REPO_ROOT, "dist", "index.js"))) {
        throw new Error("dist/ is missing: run `npm run build` first");
    }
    const packDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-uploadcare-pack-"));
    const packed = JSON.parse(
        execFileSync("npm", ["pack", "--json", "--pack-destination", packDir], {
            cwd: REPO_ROOT,
            encoding: "utf8",
            stdio: ["ignore", "pipe", "pipe"],
        }),
    ) as { name: string; version: string; filename: string; integrity: string; shasum: string }[];
    const info = packed[0];
    if (!info) throw new Error("npm pack reported nothing");
    const tarball = fs.readFileSync(path.join(packDir, path.basename(info.filename)));
    fs.rmSync(packDir, { recursive: true, force: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as Record<
        string,
        unknown
    >;
    const tarballPath = `/${info.name}/-/${info.name}-${info.version}.tgz`;

    const registry: PackageRegistry = {
        url: "",
        name: info.name,
        version: info.version,
        tarballRequests: 0,
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
    const server = http.createServer((req, res) => {
        const url = new URL(req.url ?? "/", "http://localhost");
        if (req.method === "GET" && url.pathname === tarballPath) {
            registry.tarballRequests++;
            res.writeHead(200, { "content-type": "application/octet-stream", "content-length": tarball.length });
            res.end(tarball);
        } else if (req.method === "GET" && decodeURIComponent(url.pathname) === `/${info.name}`) {
            const version = {
                ...manifest,
                _id: `${info.name}@${info.version}`,
                dist: {
                    tarball: `${registry.url}${tarballPath.slice(1)}`,
                    integrity: info.integrity,
                    shasum: info.shasum,
                },
            };
            res.writeHead(200, { "content-type": "application/json" });
            res.end(
                JSON.stringify({
                    name: info.name,
                    "dist-tags": { latest: info.version },
                    versions: { [info.version]: version },
                }),
            );
        } else {
            res.writeHead(302, { location: new URL(`${url.pathname.slice(1)}${url.search}`, PUBLIC_REGISTRY).href });
            res.end();
        }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (!address || typeof address === "string") throw new Error("registry: no address");
    registry.url = `http://127.0.0.1:${address.port}/`;
    return registry;
}

/**
 * (Re)writes `<exampleDir>/package-lock.json` as a user's `npm install` would once the package is published:
 * every URL the public registry's. Versions this repository's lockfile already pins are kept (so `npm ci` of the
 * example finds them in npm's cache). The pulumi-uploadcare entry carries no integrity: the tarball of an
 * unpublished version is rebuilt with every change, so no digest of it would hold; npm then takes the tarball it
 * is served, and writes the digest once the entry is regenerated against the published package.
 */
export async function writeExampleLock(exampleDir: string): Promise<void> {
    const registry = await startPackageRegistry();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-uploadcare-lock-"));
    try {
        fs.copyFileSync(path.join(exampleDir, "package.json"), path.join(work, "package.json"));
        const seed = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8")) as {
            packages: Record<string, unknown>;
        };
        const example = JSON.parse(fs.readFileSync(path.join(exampleDir, "package.json"), "utf8")) as Record<
            string,
            unknown
        >;
        seed.packages[""] = example;
        fs.writeFileSync(path.join(work, "package-lock.json"), JSON.stringify(seed));
        // Not execFileSync: the registry answers from this process's event loop.
        await new Promise<void>((resolve, reject) => {
            execFile(
                "npm",
                ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"],
                {
                    cwd: work,
                    env: { ...process.env, npm_config_registry: registry.url, npm_config_prefer_offline: "true" },
                },
                (error, stdout, stderr) => {
                    process.stderr.write(stdout + stderr);
                    if (error) reject(error);
                    else resolve();
                },
            );
        });
        const lock = JSON.parse(fs.readFileSync(path.join(work, "package-lock.json"), "utf8")) as {
            name?: string;
            version?: string;
            packages: Record<string, { resolved?: string; integrity?: string }>;
        };
        // The seed's own name and version go; the example's (it has no version) take their place.
        lock.name = String(example.name);
        if (typeof example.version === "string") lock.version = example.version;
        else delete lock.version;
        for (const entry of Object.values(lock.packages)) {
            if (entry.resolved?.startsWith(registry.url)) {
                entry.resolved = PUBLIC_REGISTRY + entry.resolved.slice(registry.url.length);
            }
        }
        const ours = lock.packages[`node_modules/${registry.name}`];
        if (!ours) throw new Error(`the lockfile has no entry for ${registry.name}`);
        delete ours.integrity;
        fs.writeFileSync(path.join(exampleDir, "package-lock.json"), `${JSON.stringify(lock, null, 2)}\n`);
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
        await registry.close();
    }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
    const dir = process.argv[2];
    if (!dir) {
        console.error("usage: node test/support/npmRegistry.mts <example dir>");
        process.exit(2);
    }
    writeExampleLock(path.resolve(dir)).then(
        () => console.log(`wrote ${path.join(dir, "package-lock.json")}`),
        (error: unknown) => {
            console.error(error);
            process.exit(1);
        },
    );
}
