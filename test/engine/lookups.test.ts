import { describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";

// The output forms of the lookups honour `dependsOn`: a list read after the File it depends on is created sees
// it, and a preview that would create that File shows the list unknown instead of a stale answer.
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { File, getFilesOutput, getFileOutput, getGroupOutput, Group } = require("pulumi-uploadcare");
const logo = new File("logo", { source: new pulumi.asset.StringAsset("lookups"), filename: "logo.txt" });
const gallery = new Group("gallery", { files: [logo.uuid] });
const files = getFilesOutput({ stored: true }, { dependsOn: [logo] });
exports.listed = files.files.apply((list) => list.map((f) => f.uuid));
exports.fileId = getFileOutput({ uuid: logo.uuid }).id;
exports.groupId = getGroupOutput({ groupId: gallery.id }).groupId;
exports.logo = logo.uuid;
exports.gallery = gallery.id;
`;

describe("lookups through the Pulumi engine", () => {
    const stack = useEngineStack({ project: { inline: "uploadcare-lookups", program: PROGRAM } });

    it("a preview that creates the dependency leaves the dependent lookup unknown, sending no list request", async () => {
        const { stdout } = await stack.ws.run(["preview", "--json"]);
        const preview = JSON.parse(stdout) as { steps: { urn: string; newState?: { outputs?: object } }[] };
        const stackStep = preview.steps.find((s) => s.urn.endsWith("::pulumi:pulumi:Stack::uploadcare-lookups-dev"));
        expect(JSON.stringify(stackStep?.newState?.outputs ?? {})).not.toMatch(/"listed":\[/);
        expect(stack.calls().filter((c) => c.startsWith("GET /files/?"))).toEqual([]);
    });

    it("up lists the file it depends on; getFile's id is the uuid and getGroup's groupId the group id", async () => {
        await stack.ws.up();
        const outputs = await stack.ws.outputs();
        expect(outputs.listed).toContain(outputs.logo);
        expect(outputs.fileId).toBe(outputs.logo);
        expect(outputs.groupId).toBe(outputs.gallery);
        await stack.ws.destroy();
    });
});
