import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";
import { configureProject, packThisPackage, pulumiInstall } from "../support/packageManagers";

// examples/esm (issue #14): a TypeScript program that is an ES module ("type": "module", `import { Group }
// from "pulumi-uploadcare"`, top-level await), installed by `pulumi install` (npm) with this checkout from its
// `npm pack` tarball, then up, outputs and destroy against the emulator.

let tarball = "";
beforeAll(() => {
    tarball = packThisPackage();
});
afterAll(() => fs.rmSync(path.dirname(tarball), { recursive: true, force: true }));

describe("examples/esm: an ES module program", () => {
    let files: string[];

    const stack = useEngineStack({
        project: { copy: "examples/esm" },
        before: async ({ emulator, project, ws }) => {
            files = emulator.createFiles(2, { stored: false });
            configureProject(project, "npm", tarball);
            await pulumiInstall(ws);
        },
        config: () => ({ files }),
    });

    it("up creates the group, and the program ran as an ES module", async () => {
        stack.emulator.clearRequests();
        await stack.ws.up();
        const outputs = await stack.ws.outputs();
        const [group, ...others] = stack.emulator.groups();
        expect(others).toEqual([]);
        expect(group?.files.map((m) => m.uuid)).toEqual(files);
        // The CDN host depends on the project (cdn settings); the path is the group's.
        const cdnUrl = expect.stringMatching(new RegExp(`^https://[^/]+/${group?.id}/$`));
        expect(outputs).toEqual({ groupId: group?.id, cdnUrl, filesCount: 2, programModule: "esm" });
        expect(stack.calls()).toEqual(["GET /project/", "GET /groups/", "POST /group/", "PUT /files/storage/"]);
    });

    it("__provider is the by-name require of the CommonJS shim, as for CommonJS programs", async () => {
        const [group] = await stack.ws.resources();
        expect(String(group?.outputs?.__provider)).toContain('require("pulumi-uploadcare/provider")');
    });

    it("a second up changes nothing and sends no request", async () => {
        stack.emulator.clearRequests();
        await stack.ws.up(["--expect-no-changes"]);
        expect(stack.requests()).toEqual([]);
    });

    it("destroy deletes the group", async () => {
        const [group] = stack.emulator.groups();
        stack.emulator.clearRequests();
        await stack.ws.destroy();
        expect(stack.emulator.groups()).toEqual([]);
        expect(stack.calls()).toEqual([`DELETE /groups/${group?.id}/`]);
    });
});
