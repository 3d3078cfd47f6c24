import { describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";

// A program shaped like the README's: a File, a Group of `logo.uuid`, a Webhook, and a resource that reads the
// webhook's id. During an update preview every output a dynamic provider returns is unknown, so whatever a program
// chains must come from what the preview knows (the id, the program's own arguments).
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { File, Group, Webhook } = require("pulumi-uploadcare");
const config = new pulumi.Config();
const logo = new File("logo", { source: new pulumi.asset.StringAsset("logo bytes"), filename: "logo.txt", metadata: { team: config.require("team") } });
const gallery = new Group("gallery", { files: [logo.uuid] });
const hook = new Webhook("uploads", { targetUrl: "https://example.com/uploadcare", event: "file.uploaded", isActive: config.requireBoolean("active") });
const echo = {
    async create(inputs) { return { id: "echo", outs: inputs }; },
    async update(_id, _olds, news) { return { outs: news }; },
    async diff(_id, olds, news) { return { changes: JSON.stringify(olds.seen) !== JSON.stringify(news.seen) }; },
};
class Echo extends pulumi.dynamic.Resource {
    constructor(name, args) { super(echo, name, args, {}, "test", "Echo"); }
}
new Echo("dependant", { seen: [hook.webhookId, logo.uuid] });
exports.groupId = gallery.id;
exports.uuid = logo.uuid;
exports.webhookId = hook.webhookId;
`;

interface PreviewJson {
    changeSummary: Record<string, number>;
    steps?: { op: string; urn: string }[];
}

describe("previews tell the truth through the Pulumi engine", () => {
    const stack = useEngineStack({
        project: { inline: "uploadcare-previews", program: PROGRAM },
        config: () => ({ team: "web", active: "true" }),
    });
    const previewSteps = async () => {
        const { stdout } = await stack.ws.run(["preview", "--json"]);
        const preview = JSON.parse(stdout) as PreviewJson;
        const changed = (preview.steps ?? []).filter((s) => s.op !== "same");
        return { summary: preview.changeSummary, changed: changed.map((s) => `${s.op} ${s.urn.split("::").pop()}`) };
    };

    it("up creates the File, the Group of its uuid, the Webhook and the dependant; outputs match the ids", async () => {
        await stack.ws.up();
        const outputs = await stack.ws.outputs();
        const [file] = stack.emulator.files().filter((f) => !f.datetimeRemoved);
        expect(outputs.uuid).toBe(file?.uuid);
        expect(String(outputs.groupId)).toMatch(/~1$/);
        expect(typeof outputs.webhookId).toBe("string");
    });

    it("a metadata-only File change previews exactly one update and no replace", async () => {
        await stack.ws.setConfig("team", "brand");
        const { summary, changed } = await previewSteps();
        expect(changed).toEqual(["update logo"]);
        expect(summary.replace ?? 0).toBe(0);
        await stack.ws.up();
        await stack.ws.preview(["--expect-no-changes"]);
    });

    it("a Webhook update previews one update, and the resource reading its id is unchanged", async () => {
        await stack.ws.setConfig("active", "false");
        const { summary, changed } = await previewSteps();
        expect(changed).toEqual(["update uploads"]);
        expect(summary.replace ?? 0).toBe(0);
        await stack.ws.up();
        await stack.ws.destroy();
    });
});
