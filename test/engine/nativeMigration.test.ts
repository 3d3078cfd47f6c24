import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";
import { REPO_ROOT } from "../support/installedPackage";
import { installNativePlugin, type PackedPlugin, packNativePlugin } from "../support/nativePlugin";

// docs/native-provider.md, "Moving a group from the dynamic Group to uploadcare:index:Group", way A, end to
// end on one stack (issue #16): examples/basic (TypeScript, dynamic provider) creates a group; `pulumi state
// delete` forgets it; the project becomes examples/yaml's program (same project name, `runtime: yaml`, the
// native plugin installed from its tarball) and `pulumi import` adopts the group; up changes nothing; destroy
// deletes it once. The emulator counts the group and every write at each step: it is never recreated.

const DYNAMIC = "pulumi-nodejs:dynamic/uploadcare:Group";
const NATIVE = "uploadcare:index:Group";

/** Requests that change something at Uploadcare (anything but a GET). */
const writes = (calls: string[]) => calls.filter((c) => !c.startsWith("GET "));

/** examples/yaml's program under the TypeScript project's name, so the stack and its config stay the same. */
function yamlProgram(projectName: string): string {
    const yaml = fs.readFileSync(path.join(REPO_ROOT, "examples", "yaml", "Pulumi.yaml"), "utf8");
    return yaml.replace(/^name: .*$/m, `name: ${projectName}`);
}

describe("migrating a group from the dynamic Group to uploadcare:index:Group (state delete + import)", () => {
    let files: string[];
    let groupId = "";
    let plugin: PackedPlugin | undefined;

    const stack = useEngineStack({
        project: { example: "basic" },
        before: async ({ emulator, ws }) => {
            files = emulator.createFiles(2, { stored: false });
            plugin = packNativePlugin();
            await installNativePlugin(ws, plugin);
        },
        config: () => ({ files }),
        after: () => plugin?.remove(),
    });

    const onlyGroup = () => stack.emulator.groups().map((g) => g.id);

    it("the TypeScript program creates the group with the dynamic provider", async () => {
        await stack.ws.up();
        const [dynamic] = await stack.ws.resources(DYNAMIC);
        groupId = dynamic?.id ?? "";
        expect(groupId).toMatch(/^[0-9a-f-]{36}~2$/);
        expect(onlyGroup()).toEqual([groupId]);
    });

    it("pulumi state delete forgets the dynamic group without a request to Uploadcare", async () => {
        const [dynamic] = await stack.ws.resources(DYNAMIC);
        stack.emulator.clearRequests();
        await stack.ws.run(["state", "delete", dynamic?.urn ?? "", "--yes"]);
        expect(stack.requests()).toEqual([]);
        expect(await stack.ws.resources(DYNAMIC)).toEqual([]);
        expect(onlyGroup()).toEqual([groupId]);
    });

    it("the YAML program imports it: read only, no create, no delete", async () => {
        fs.writeFileSync(path.join(stack.project, "Pulumi.yaml"), yamlProgram("uploadcare-basic"));
        stack.emulator.clearRequests();
        const result = await stack.ws.run(["import", NATIVE, "gallery", groupId, "--yes", "--protect=false"]);
        expect(result.stdout).toContain("1 imported");
        expect(writes(stack.calls())).toEqual([]);
        const [imported] = await stack.ws.resources(NATIVE);
        expect(imported?.id).toBe(groupId);
        expect(imported?.urn).toMatch(/::gallery$/);
        expect(imported?.outputs?.files).toEqual(files);
        expect(onlyGroup()).toEqual([groupId]);
    });

    it("up on the YAML program changes nothing and sends no write; the outputs name the same group", async () => {
        stack.emulator.clearRequests();
        await stack.ws.up(["--expect-no-changes"]);
        expect(writes(stack.calls())).toEqual([]);
        expect(await stack.ws.outputs()).toMatchObject({ groupId, filesCount: 2 });
        expect(onlyGroup()).toEqual([groupId]);
    });

    it("destroy of the migrated stack deletes the group exactly once", async () => {
        stack.emulator.clearRequests();
        await stack.ws.destroy();
        expect(writes(stack.calls())).toEqual([`DELETE /groups/${groupId}/`]);
        expect(stack.emulator.groups()).toEqual([]);
        expect(await stack.ws.resources(NATIVE)).toEqual([]);
    });
});
