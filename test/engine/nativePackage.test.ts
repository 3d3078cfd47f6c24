import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";
import { packThisPackage, setDependency } from "../support/packageManagers";

// The native path from the npm package itself (issue #24): examples/native as a user has it, with this
// checkout's `npm pack` tarball installed by npm, `pulumi-uploadcare/native` (the generated SDK that ships in
// the package) in a TypeScript program, and the plugin found by the engine from the installed package through
// the project file's `plugins.providers[].path` (no `pulumi plugin install`). Against the emulator: up, one
// changed input previewed with `--diff` (the plugin's detailed diff), up, destroy.

let tarball = "";
beforeAll(() => {
    tarball = packThisPackage();
});
afterAll(() => fs.rmSync(path.dirname(tarball), { recursive: true, force: true }));

/** The lines of a `pulumi preview --diff` that mark a change (`+`, `-`, `~`, `+-`), without the summary. */
function changeLines(previewText: string): string[] {
    const body = previewText.slice(0, previewText.indexOf("\nResources:"));
    return body
        .split("\n")
        .filter((line) => /^\s*(\+-|[-+~])\s/.test(line))
        .map((line) => line.trim());
}

describe("examples/native: the plugin and its SDK from the installed tarball", () => {
    const stack = useEngineStack({
        project: { copy: "examples/native" },
        before: async ({ project, ws }) => {
            setDependency(project, tarball);
            // Dependencies first: the plugin folder the project file names exists only once they are installed.
            execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
                cwd: project,
                env: ws.env(),
                stdio: "pipe",
            });
        },
        config: { team: "web" },
    });

    /** The program's file at the emulator (the emulator also holds demo files), unless deleted. */
    const notes = () => stack.emulator.files().filter((f) => f.originalFilename === "notes.txt" && !f.datetimeRemoved);

    it("ships the SDK and the launcher in the package, and the engine starts the plugin from there", async () => {
        const installed = path.join(stack.project, "node_modules", "pulumi-uploadcare");
        expect(fs.lstatSync(installed).isDirectory()).toBe(true);
        expect(fs.existsSync(path.join(installed, "dist", "native-sdk", "index.d.ts"))).toBe(true);
        const launcher = fs.statSync(path.join(installed, "bin", "pulumi-resource-uploadcare"));
        expect(launcher.mode & 0o111).not.toBe(0);
        // No plugin was installed into PULUMI_HOME: the only source is the package.
        expect(fs.existsSync(path.join(stack.ws.home, "plugins"))).toBe(false);

        stack.emulator.clearRequests();
        await stack.ws.up();
        const [file, ...more] = notes();
        expect(more).toEqual([]);
        const [group] = stack.emulator.groups();
        expect(file?.metadata).toEqual({ team: "web" });
        expect(group?.files.map((m) => m.uuid)).toEqual([file?.uuid]);
        const outputs = await stack.ws.outputs();
        expect(outputs.fileUuid).toBe(file?.uuid);
        expect(outputs.groupId).toBe(group?.id);
        const types = (await stack.ws.resources("uploadcare:index:File")).map((r) => r.type);
        expect(types).toEqual(["uploadcare:index:File"]);
        expect(await stack.ws.resources("uploadcare:index:Group")).toHaveLength(1);
    });

    it("preview --diff of one changed input shows that input only, as an update; up applies it in place", async () => {
        await stack.ws.setConfig("team", "docs");
        stack.emulator.clearRequests();
        const preview = await stack.ws.preview();
        const text = preview.stdout;
        // The File's update names the one changed input (the plugin's detailed diff), and nothing else changes.
        expect(changeLines(text)).toEqual([
            "~ uploadcare:index:File: (update)",
            "~ metadata: {",
            '~ team: "web" => "docs"',
        ]);
        expect(text).toContain("[urn=urn:pulumi:dev::uploadcare-native::uploadcare:index:File::notes]");
        expect(text).toMatch(/~ 1 to update\s+2 unchanged/);
        // The preview sends no write.
        expect(stack.calls().filter((c) => !c.startsWith("GET "))).toEqual([]);

        const [before] = notes();
        await stack.ws.up();
        const [after, ...others] = notes();
        expect(others).toEqual([]);
        expect(after?.uuid).toBe(before?.uuid);
        expect(after?.metadata).toEqual({ team: "docs" });
        expect(stack.emulator.groups()).toHaveLength(1);
    });

    it("destroy deletes the group and the file", async () => {
        await stack.ws.destroy();
        expect(stack.emulator.groups()).toEqual([]);
        expect(notes()).toEqual([]);
    });
});
