import { describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";

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
