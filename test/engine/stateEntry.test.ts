import { describe, expect, it } from "vitest";
import { DEMO_CDN } from "../support/cdn";
import { useEngineStack } from "../support/engineFixture";

// A Group's state entry leaves out what the Group class rebuilds (src/provider/group/stateEntry.ts): the program
// still reads every output, and a preview still knows them, so a resource that depends on them shows no change.
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { Group } = require("pulumi-uploadcare");
const config = new pulumi.Config();
const group = new Group("gallery", { files: config.requireObject("files"), storeFiles: config.getBoolean("storeFiles") });
// A dependant of every rebuilt output: an unknown value in a preview would make it an update.
const echo = {
    async create(inputs) { return { id: "echo", outs: inputs }; },
    async update(_id, _olds, news) { return { outs: news }; },
    async diff(_id, olds, news) { return { changes: JSON.stringify(olds.seen) !== JSON.stringify(news.seen) }; },
};
class Echo extends pulumi.dynamic.Resource {
    constructor(name, args) { super(echo, name, args, {}, "test", "Echo"); }
}
new Echo("echo", { seen: [group.filesCount, group.url, group.storeFiles, group.cdnUrl, group.removedFiles] });
exports.id = group.id;
exports.filesCount = group.filesCount;
exports.url = group.url;
exports.storeFiles = group.storeFiles;
exports.cdnUrl = group.cdnUrl;
`;

describe("a Group's state entry through the Pulumi engine", () => {
    let files: string[];
    const stack = useEngineStack({
        project: { inline: "uploadcare-state-entry", program: PROGRAM },
        before: ({ emulator }) => {
            files = emulator.createFiles(3, { stored: false });
        },
        config: () => ({ files }),
    });
    const groupEntry = async () => (await stack.ws.resources("pulumi-nodejs:dynamic/uploadcare:Group"))[0];

    it("leaves out filesCount, url and the default storeFiles, and the program reads them all", async () => {
        await stack.ws.up();
        const [group] = stack.emulator.groups();
        const id = group?.id as string;
        expect(await stack.ws.outputs()).toEqual({
            id,
            filesCount: 3,
            url: `${stack.emulator.url}/groups/${id}/`,
            storeFiles: true,
            cdnUrl: `${DEMO_CDN}/${id}/`,
        });
        const entry = await groupEntry();
        expect(Object.keys(entry?.outputs ?? {}).sort()).toEqual(
            ["__provider", "cdnUrl", "datetimeCreated", "files", "project", "removedFiles"].sort(),
        );
        expect(Object.keys(entry?.inputs ?? {}).sort()).toEqual(["__provider", "files"]);
    });

    it("a preview knows every rebuilt output: the dependant shows no change", async () => {
        await stack.ws.preview(["--expect-no-changes"]);
        stack.emulator.clearRequests();
        await stack.ws.up(["--expect-no-changes"]);
        expect(stack.requests()).toEqual([]);
    });

    it("refresh keeps the entry compact, and storeFiles: false is stored, read back and stable", async () => {
        await stack.ws.refresh();
        expect((await groupEntry())?.outputs?.filesCount).toBeUndefined();
        await stack.ws.preview(["--expect-no-changes"]);

        await stack.ws.setConfig("storeFiles", "false");
        await stack.ws.up();
        const entry = await groupEntry();
        expect(entry?.outputs?.storeFiles).toBe(false);
        expect(entry?.inputs?.storeFiles).toBe(false);
        expect((await stack.ws.outputs()).storeFiles).toBe(false);
        await stack.ws.refresh();
        await stack.ws.preview(["--expect-no-changes"]);
        await stack.ws.destroy();
        expect(stack.emulator.groups()).toEqual([]);
    });
});
