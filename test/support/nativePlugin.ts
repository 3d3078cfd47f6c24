import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "./installedPackage";
import type { PulumiWorkspace } from "./pulumiCli";

/** The native provider plugin `uploadcare` as users get it (docs/native-provider.md): packed, then installed. */
export interface PackedPlugin {
    tarball: string;
    schema: string;
    version: string;
    /** Removes the folder the tarball and schema were written to. */
    remove(): void;
}

/** `scripts/plugin-pack.sh` into a new temp folder (about 7 s: npm install from the local cache). */
export function packNativePlugin(): PackedPlugin {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-uploadcare-plugin-"));
    const out = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "plugin-pack.sh")], {
        cwd: REPO_ROOT,
        env: { ...process.env, PLUGIN_PACK_OUT: dir },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
    });
    const tarball = out.trim().split("\n").pop() ?? "";
    if (!fs.existsSync(tarball)) throw new Error(`plugin-pack.sh printed no tarball:\n${out}`);
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
        version: string;
    };
    return {
        tarball,
        schema: path.join(dir, "schema.json"),
        version,
        remove: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
}

/** `pulumi plugin install resource uploadcare <version> --file <tarball>` into the workspace's PULUMI_HOME. */
export async function installNativePlugin(ws: PulumiWorkspace, plugin: PackedPlugin): Promise<void> {
    await ws.run(["plugin", "install", "resource", "uploadcare", plugin.version, "--file", plugin.tarball]);
}
