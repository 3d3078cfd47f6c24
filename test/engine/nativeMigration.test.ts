import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";
import { REPO_ROOT } from "../support/installedPackage";
import { installNativePlugin, type PackedPlugin, packNativePlugin } from "../support/nativePlugin";
import type { PulumiWorkspace } from "../support/pulumiCli";

// docs/native-provider.md, "Moving a group from the dynamic Group to uploadcare:index:Group", end to end on
// one stack each (issue #16). Way A: examples/basic (TypeScript, dynamic provider) creates a group; `pulumi state
// delete` forgets it; the project becomes examples/yaml's program (same project name, `runtime: yaml`, the
// native plugin installed from its tarball) and `pulumi import` adopts the group; up changes nothing; destroy
// deletes it once. Way B: `retainOnDelete` on the dynamic group, then a YAML program that adopts it by
// `groupId` in the same up that drops the dynamic resource. The emulator counts the group and every write at
// each step: it is never recreated, and deleted only by the final destroy.

const DYNAMIC = "pulumi-nodejs:dynamic/uploadcare:Group";
const NATIVE = "uploadcare:index:Group";

let plugin: PackedPlugin | undefined;
beforeAll(() => {
    plugin = packNativePlugin();
});
afterAll(() => plugin?.remove());

function installPlugin(ws: PulumiWorkspace): Promise<void> {
    if (!plugin) throw new Error("the plugin is packed in beforeAll");
    return installNativePlugin(ws, plugin);
}

/** Requests that change something at Uploadcare (anything but a GET). */
const writes = (calls: string[]) => calls.filter((c) => !c.startsWith("GET "));

/** examples/yaml's program under the TypeScript project's name, so the stack and its config stay the same. */
function yamlProgram(projectName: string): string {
    const yaml = fs.readFileSync(path.join(REPO_ROOT, "examples", "yaml", "Pulumi.yaml"), "utf8");
    return yaml.replace(/^name: .*$/m, `name: ${projectName}`);
}

/** examples/basic (2 unstored files) with the plugin installed; `createGroup` is its first up, returning the id. */
function useDynamicGroup() {
    let files: string[] = [];
    const stack = useEngineStack({
        project: { example: "basic" },
        before: async ({ emulator, ws }) => {
            files = emulator.createFiles(2, { stored: false });
            await installPlugin(ws);
        },
        config: () => ({ files }),
    });
    const onlyGroup = () => stack.emulator.groups().map((g) => g.id);
    const createGroup = async (): Promise<string> => {
        await stack.ws.up();
        const id = (await stack.ws.resources(DYNAMIC))[0]?.id ?? "";
        expect(id).toMatch(/^[0-9a-f-]{36}~2$/);
        expect(onlyGroup()).toEqual([id]);
        return id;
    };
    /** Destroy of the migrated stack: one DELETE of the group, the only write, and nothing left anywhere. */
    const destroyOnce = async (id: string): Promise<void> => {
        stack.emulator.clearRequests();
        await stack.ws.destroy();
        expect(writes(stack.calls())).toEqual([`DELETE /groups/${id}/`]);
        expect(onlyGroup()).toEqual([]);
        expect(JSON.parse(await stack.ws.exportState()).deployment.resources ?? []).toEqual([]);
    };
    return { stack, files: () => files, onlyGroup, createGroup, destroyOnce };
}

describe("migrating a group from the dynamic Group to uploadcare:index:Group (state delete + import)", () => {
    const { stack, files, onlyGroup, createGroup, destroyOnce } = useDynamicGroup();
    let groupId = "";

    it("the TypeScript program creates the group with the dynamic provider", async () => {
        groupId = await createGroup();
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
        expect(imported?.outputs?.files).toEqual(files());
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
        await destroyOnce(groupId);
    });
});

/** examples/yaml's program turned into one that adopts the group by id (`groupId` from config `adoptGroupId`). */
function adoptingProgram(projectName: string): string {
    const program = yamlProgram(projectName)
        .replace(/( {2})files:\n\s+type: array\n\s+items:\n\s+type: string/, "$1adoptGroupId:\n$1  type: string")
        .replace(/files: \$\{files\}/, "groupId: $${adoptGroupId}");
    if (!/adoptGroupId:\n {4}type: string/.test(program) || /\bfiles:/.test(program))
        throw new Error(`examples/yaml changed shape; adoptingProgram cannot rewrite it:\n${program}`);
    return program;
}

describe("migrating a group from the dynamic Group to uploadcare:index:Group (retainOnDelete + groupId)", () => {
    const { stack, onlyGroup, createGroup, destroyOnce } = useDynamicGroup();
    let groupId = "";

    it("the TypeScript program creates the group, then marks it retainOnDelete without a request", async () => {
        groupId = await createGroup();
        const program = path.join(stack.project, "index.ts");
        const text = fs.readFileSync(program, "utf8");
        expect(text).toContain('new Group("gallery", { files });');
        fs.writeFileSync(program, text.replace("{ files });", "{ files }, { retainOnDelete: true });"));
        stack.emulator.clearRequests();
        await stack.ws.up();
        expect(stack.requests()).toEqual([]);
        expect(onlyGroup()).toEqual([groupId]);
    });

    it("one up of the YAML program adopts it by groupId (no POST) and drops the dynamic one (no DELETE)", async () => {
        fs.writeFileSync(path.join(stack.project, "Pulumi.yaml"), adoptingProgram("uploadcare-basic"));
        await stack.ws.setConfig("adoptGroupId", groupId);
        stack.emulator.clearRequests();
        await stack.ws.up();
        expect(writes(stack.calls())).toEqual([]);
        expect(await stack.ws.resources(DYNAMIC)).toEqual([]);
        expect((await stack.ws.resources(NATIVE))[0]?.id).toBe(groupId);
        expect(await stack.ws.outputs()).toMatchObject({ groupId, filesCount: 2 });
        expect(onlyGroup()).toEqual([groupId]);
    });

    it("destroy of the migrated stack deletes the group exactly once", async () => {
        await destroyOnce(groupId);
    });
});
