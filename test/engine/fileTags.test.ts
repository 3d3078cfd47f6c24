import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";
import { installNativePlugin, type PackedPlugin, packNativePlugin } from "../support/nativePlugin";

// A File's declared content type and tags through the Pulumi engine and the real CLI: the CDN (the emulator's own)
// serves the declared type, a change of tags previews and runs as an update in place (one PUT), tags differing only
// in case are no change, and a bad tag fails the preview naming it and the rule, before any request.
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { File } = require("pulumi-uploadcare");
const tags = JSON.parse(process.env.TAGS || "[]");
const styles = new File("styles", { source: new pulumi.asset.StringAsset("body{}"), filename: "site.css", tags });
const data = new File("data", {
    source: new pulumi.asset.StringAsset('{"a":1}'),
    filename: "data.bin",
    contentType: "application/json",
});
exports.uuid = styles.uuid;
exports.cdnUrl = styles.cdnUrl;
exports.tags = styles.tags;
exports.contentType = styles.contentType;
exports.dataUrl = data.cdnUrl;
exports.dataType = data.contentType;
`;

const tagsEnv = (tags: string[]) => ({ env: { TAGS: JSON.stringify(tags) } });

describe("File contentType and tags through the Pulumi engine", () => {
    const stack = useEngineStack({
        project: { inline: "uploadcare-file-tags", program: PROGRAM },
        emulator: { cdn: "emulator" },
    });

    async function served(url: string) {
        const res = await fetch(url);
        return { type: res.headers.get("content-type"), body: await res.text() };
    }

    it("up declares each file's type (from the name, or contentType), the CDN serves it, tags go with the upload", async () => {
        await stack.ws.run(["up", "--yes", "--skip-preview"], tagsEnv(["Brand", " web ", "brand"]));
        const out = await stack.ws.outputs();
        expect([out.tags, out.contentType, out.dataType]).toEqual([["brand", "web"], "text/css", "application/json"]);
        expect(String(out.cdnUrl).startsWith(stack.emulator.url)).toBe(true);
        expect(await served(String(out.cdnUrl))).toEqual({ type: "text/css", body: "body{}" });
        expect(await served(String(out.dataUrl))).toEqual({ type: "application/json", body: '{"a":1}' });
        const file = stack.emulator.files().find((f) => f.uuid === out.uuid);
        expect(file?.tags).toEqual(["brand", "web"]);
        expect(stack.calls().filter((c) => c.startsWith("POST /base/"))).toHaveLength(2);
    });

    it("tags differing only in case, blanks or duplicates are no change: a second up sends nothing", async () => {
        stack.emulator.clearRequests();
        await stack.ws.run(["up", "--yes", "--expect-no-changes"], tagsEnv(["BRAND", "", "Web", "web"]));
        expect(stack.requests()).toEqual([]);
    });

    it("the same tags in another order are no change either: nothing written (the inputs differ, so the keys are checked)", async () => {
        stack.emulator.clearRequests();
        await stack.ws.run(["up", "--yes", "--expect-no-changes"], tagsEnv(["web", "brand"]));
        expect(stack.calls().filter((c) => c !== "GET /project/")).toEqual([]);
    });

    it("a change of tags previews as an update, not a replace, and up sends one PUT /files/:uuid/tags/", async () => {
        const { uuid } = await stack.ws.outputs();
        const next = tagsEnv(["brand", "web", "v2"]);
        const preview = await stack.ws.run(["preview", "--diff"], next);
        expect(preview.stdout).toMatch(/~ 1 to update/);
        expect(preview.stdout).not.toMatch(/to replace/);
        stack.emulator.clearRequests();
        await stack.ws.run(["up", "--yes", "--skip-preview"], next);
        const writes = stack.calls().filter((c) => !c.startsWith("GET "));
        expect(writes).toEqual([`PUT /files/${uuid}/tags/`]);
        expect((await stack.ws.outputs()).uuid).toBe(uuid);
        expect(stack.emulator.files().find((f) => f.uuid === uuid)?.tags).toEqual(["brand", "web", "v2"]);
    });

    it("a bad tag fails the preview naming the tag and the rule, and sends nothing", async () => {
        stack.emulator.clearRequests();
        const result = await stack.ws.run(["preview"], { ...tagsEnv(["ok", "Hello World"]), allowFailure: true });
        expect(result.code).not.toBe(0);
        expect(result.stdout).toContain('tags[1]: "Hello World" may only contain Latin letters, digits');
        expect(result.stdout).toContain("rule: characters");
        expect(stack.requests()).toEqual([]);
    });

    it("destroy deletes both files", async () => {
        await stack.ws.run(["destroy", "--yes", "--skip-preview"], tagsEnv([]));
        expect(stack.emulator.files().filter((f) => f.datetimeStored && !f.datetimeRemoved)).toEqual([]);
    });
});

// The same through the native plugin from Pulumi YAML: the schema's contentType and tags reach the same provider.
const YAML = `name: uploadcare-file-tags-yaml
runtime: yaml
config:
  tags:
    type: array
    items:
      type: string
resources:
  styles:
    type: uploadcare:index:File
    properties:
      source:
        fn::stringAsset: "body{}"
      filename: site.txt
      contentType: text/css
      tags: \${tags}
outputs:
  uuid: \${styles.uuid}
  cdnUrl: \${styles.cdnUrl}
  tags: \${styles.tags}
  contentType: \${styles.contentType}
`;

const yamlDir = fs.mkdtempSync(path.join(os.tmpdir(), "file-tags-yaml-"));
fs.writeFileSync(path.join(yamlDir, "Pulumi.yaml"), YAML);
let plugin: PackedPlugin | undefined;
afterAll(() => {
    plugin?.remove();
    fs.rmSync(yamlDir, { recursive: true, force: true });
});

describe("File contentType and tags from Pulumi YAML with the native plugin", () => {
    const stack = useEngineStack({
        project: { inPlace: yamlDir },
        emulator: { cdn: "emulator" },
        before: async ({ ws }) => {
            plugin = packNativePlugin();
            await installNativePlugin(ws, plugin);
        },
        config: { tags: ["Brand", "web"] },
    });

    it("up declares contentType and sends the tags; a tag change previews as an update and is one PUT; a bad tag fails preview", async () => {
        await stack.ws.up();
        const out = await stack.ws.outputs();
        expect([out.tags, out.contentType]).toEqual([["brand", "web"], "text/css"]);
        expect((await fetch(String(out.cdnUrl))).headers.get("content-type")).toBe("text/css");

        await stack.ws.setConfig("tags", ["brand", "web", "v2"]);
        const preview = await stack.ws.run(["preview"]);
        expect(preview.stdout).toMatch(/~ 1 to update/);
        expect(preview.stdout).not.toMatch(/to replace/);
        stack.emulator.clearRequests();
        await stack.ws.run(["up", "--yes", "--skip-preview"]);
        expect(stack.calls().filter((c) => !c.startsWith("GET "))).toEqual([`PUT /files/${out.uuid}/tags/`]);
        expect((await stack.ws.outputs()).tags).toEqual(["brand", "web", "v2"]);

        await stack.ws.setConfig("tags", ["ok", "Hello World"]);
        stack.emulator.clearRequests();
        const failed = await stack.ws.run(["preview"], { allowFailure: true });
        expect(failed.code).not.toBe(0);
        expect(failed.stdout).toContain('"Hello World" may only contain Latin letters, digits');
        expect(stack.requests()).toEqual([]);
        await stack.ws.setConfig("tags", ["brand"]);
        await stack.ws.run(["destroy", "--yes", "--skip-preview"]);
    });
});
