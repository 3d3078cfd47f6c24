import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";
import { installNativePlugin, type PackedPlugin, packNativePlugin } from "../support/nativePlugin";

// examples/yaml-site (quoted by docs/reference/syncedfolder.md): a SyncedFolder from Pulumi YAML with the native
// plugin, whose Check hashes the folder (a YAML program has no code to do it): up, a no-op up, one changed file
// that the preview names, a folder that does not exist, destroy.

let plugin: PackedPlugin | undefined;
afterAll(() => plugin?.remove());

interface SyncedFile {
    uuid: string;
    cdnUrl: string;
    size: number;
    contentType: string;
}

describe("examples/yaml-site with the native plugin", () => {
    const stack = useEngineStack({
        project: { copy: "examples/yaml-site" },
        before: async ({ ws }) => {
            plugin = packNativePlugin();
            await installNativePlugin(ws, plugin);
        },
    });
    const live = () => stack.emulator.files().filter((file) => !file.datetimeRemoved && file.metadata["pulumi-path"]);

    it("up syncs the selected files; a second up sends nothing; a changed file is named by the preview; destroy", async () => {
        await stack.ws.up();
        const outputs = await stack.ws.outputs();
        const files = outputs.files as Record<string, SyncedFile>;
        // The map under css/ is excluded; the dot folder is included because a pattern names it.
        expect(Object.keys(files)).toEqual([".well-known/security.txt", "css/site.css", "index.html"]);
        expect(outputs.count).toBe(3);
        const sizes = ["public/.well-known/security.txt", "public/css/site.css", "public/index.html"].map(
            (rel) => fs.statSync(path.join(stack.project, rel)).size,
        );
        expect(outputs.totalBytes).toBe(sizes.reduce((a, b) => a + b, 0));
        expect(files["css/site.css"]).toMatchObject({ contentType: "text/css", size: sizes[1] });
        expect(outputs.indexUrl).toBe(files["index.html"]?.cdnUrl);
        expect(live().map((file) => [file.metadata["pulumi-path"], file.metadata.example, file.tags])).toEqual(
            expect.arrayContaining([["index.html", "yaml-site", ["site"]]]),
        );
        expect(live()).toHaveLength(3);

        stack.emulator.clearRequests();
        await stack.ws.up(["--expect-no-changes"]);
        expect(stack.calls()).toEqual([]);

        fs.appendFileSync(path.join(stack.project, "public/css/site.css"), "h1 { color: teal; }\n");
        const preview = await stack.ws.preview();
        expect(preview.stdout).toContain("css/site.css");
        expect(preview.stdout).not.toContain("index.html");
        await stack.ws.up();
        const changed = (await stack.ws.outputs()).files as Record<string, SyncedFile>;
        expect(changed["css/site.css"]?.uuid).not.toBe(files["css/site.css"]?.uuid);
        expect(changed["index.html"]?.uuid).toBe(files["index.html"]?.uuid);
        expect(live()).toHaveLength(3);

        // Deleted outside Pulumi: refresh drops it, the preview names it as added, up uploads exactly that file.
        stack.emulator.removeFileOutOfBand(changed["index.html"]?.uuid as string);
        await stack.ws.refresh();
        const again = await stack.ws.preview();
        expect(again.stdout).toMatch(/\+ +index\.html/);
        expect(again.stdout).not.toContain("css/site.css");
        stack.emulator.clearRequests();
        await stack.ws.up();
        expect(stack.calls().filter((call) => call.startsWith("POST /base/"))).toHaveLength(1);
        expect(live()).toHaveLength(3);

        await stack.ws.destroy();
        expect(live()).toEqual([]);
    });

    it("pulumi import <name> <syncKey> finds the files by their metadata: the next preview changes nothing", async () => {
        await stack.ws.up();
        const [site] = await stack.ws.resources("uploadcare:index:SyncedFolder");
        await stack.ws.run(["state", "delete", site?.urn as string, "--yes"]);
        const imported = await stack.ws.run([
            "import",
            "uploadcare:index:SyncedFolder",
            "site",
            site?.id as string,
            "--yes",
            "--protect=false",
        ]);
        expect(imported.stdout).toContain("1 imported");
        const preview = await stack.ws.preview();
        // Paths, hashes, metadata and tags are found again on the files themselves: nothing to change.
        expect(preview.stdout).not.toContain("manifest");
        expect(preview.stdout).toMatch(/2 unchanged/);
        await stack.ws.destroy();
        expect(live()).toEqual([]);
    });

    it("a folder that does not exist fails the preview naming path, with no request", async () => {
        await stack.ws.setConfig("folder", "dist");
        stack.emulator.clearRequests();
        const result = await stack.ws.run(["preview"], { allowFailure: true });
        expect(result.code).not.toBe(0);
        expect(`${result.stdout}${result.stderr}`).toMatch(/path: \S*dist does not exist/);
        expect(stack.calls()).toEqual([]);
    });
});
