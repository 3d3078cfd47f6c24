import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";
import { installPackageCopy } from "../support/installedPackage";
import { buildReleasedPackage, installReleasedPackage } from "../support/releasedPackage";

// A stack written by the released 0.1.0 (the last commit of that release) keeps working after the package is
// upgraded in place: refresh records the group's project, a no-op up sends nothing, a replace and destroy work.
const RELEASE_0_1_0 = "e91bf48";

describe("a 0.1.0 stack upgraded in place", () => {
    let files: string[];
    const stack = useEngineStack({
        project: { example: "basic" },
        before: ({ emulator, project }) => {
            files = emulator.createFiles(2, { stored: true });
            installReleasedPackage(project, buildReleasedPackage(RELEASE_0_1_0));
        },
        config: () => ({ files }),
    });
    const groupState = async () => (await stack.ws.resources())[0];

    it("0.1.0 creates the group, and its state has no recorded project", async () => {
        const installed = JSON.parse(
            fs.readFileSync(`${stack.project}/node_modules/pulumi-uploadcare/package.json`, "utf8"),
        );
        expect(installed.version).toBe("0.1.0");
        expect(fs.existsSync(`${stack.project}/node_modules/pulumi-uploadcare/dist/provider/shims`)).toBe(false);
        await stack.ws.up();
        const state = await groupState();
        expect(state?.outputs?.__provider).toContain('require("pulumi-uploadcare/provider")');
        expect(state?.outputs?.project).toBeUndefined();
        expect(stack.emulator.groups()).toHaveLength(1);
    });

    it("after the upgrade, refresh records the project and a no-op up sends nothing", async () => {
        const outputsBefore = await stack.ws.outputs();
        installPackageCopy(stack.project);
        await stack.ws.refresh();
        const state = await groupState();
        expect(state?.outputs?.project).toBe(stack.emulator.publicKey);
        // The entry keeps the fields 0.1.0 wrote (a compact entry is only written for new groups).
        expect(state?.outputs).toMatchObject({ filesCount: 2, storeFiles: true, url: expect.any(String) });
        stack.emulator.clearRequests();
        await stack.ws.preview(["--expect-no-changes"]);
        await stack.ws.up(["--expect-no-changes"]);
        expect(stack.requests()).toEqual([]);
        // The program reads the same outputs as with 0.1.0, now partly rebuilt by the Group class.
        expect(await stack.ws.outputs()).toEqual(outputsBefore);
    });

    it("a new file list replaces the group with the new code, and destroy removes it", async () => {
        const [before] = stack.emulator.groups();
        await stack.ws.setConfig("files", [files[1] as string]);
        await stack.ws.up();
        const after = stack.emulator.groups();
        expect(after).toHaveLength(1);
        expect(after[0]?.id).not.toBe(before?.id);
        await stack.ws.destroy();
        expect(stack.emulator.groups()).toEqual([]);
    });
});
