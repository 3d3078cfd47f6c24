import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_CDN } from "../support/cdn";
import { useEngineStack } from "../support/engineFixture";
import { REPO_ROOT } from "../support/installedPackage";

// Every example runs through the real CLI. basic has its own suite (basic.test.ts).

describe("examples/replace", () => {
    const stack = useEngineStack({
        project: { example: "replace" },
        config: ({ emulator }) => ({ files: emulator.createFiles(2, { stored: true }) }),
    });

    it("changing a CDN operation previews as a replace, and up swaps the group (new first, old deleted)", async () => {
        await stack.ws.up();
        const [first] = stack.emulator.groups();
        expect(first?.files.map((m) => m.defaultEffects)).toEqual(["resize/800x/", "resize/800x/"]);

        await stack.ws.setConfig("width", "1200");
        const preview = await stack.ws.preview();
        expect(preview.stdout).toMatch(/\+-pulumi-nodejs:dynamic\/uploadcare:Group: \(replace\)/);
        expect(preview.stdout).toContain("resize/1200x/");

        stack.emulator.clearRequests();
        await stack.ws.up();
        const groups = stack.emulator.groups();
        expect(groups).toHaveLength(1);
        expect(groups[0]?.id).not.toBe(first?.id);
        expect(groups[0]?.files.map((m) => m.defaultEffects)).toEqual(["resize/1200x/", "resize/1200x/"]);
        expect(stack.calls()).toEqual([
            "GET /project/",
            "GET /groups/",
            "POST /group/",
            `DELETE /groups/${first?.id}/`,
        ]);
        expect((await stack.ws.outputs()).groupId).toBe(groups[0]?.id);

        await stack.ws.destroy();
        expect(stack.emulator.groups()).toEqual([]);
    });
});

describe("examples/pipeline", () => {
    // As in the workflow: credentials only from UPLOADCARE_* variables, nothing in stack config.
    const stack = useEngineStack({
        project: { example: "pipeline" },
        before: ({ emulator, project }) => {
            fs.writeFileSync(path.join(project, "files.json"), JSON.stringify(emulator.createFiles(3)));
        },
        stack: "production",
    });

    it("the pull-request preview only proves the keys (no write), the main-branch up deploys", async () => {
        stack.emulator.clearRequests();
        const preview = await stack.ws.preview();
        expect(preview.stdout).toMatch(/\+ 2 to create/);
        expect(stack.calls()).toEqual(["GET /project/"]);
        await stack.ws.up();
        expect(stack.emulator.groups()).toHaveLength(1);
        const config = fs.readFileSync(path.join(stack.project, "Pulumi.production.yaml"), "utf8");
        expect(config).not.toContain(stack.emulator.secretKey);
    });

    it("a pull request that edits files.json previews a replace; merging applies it", async () => {
        const files = JSON.parse(fs.readFileSync(path.join(stack.project, "files.json"), "utf8")) as string[];
        fs.writeFileSync(path.join(stack.project, "files.json"), JSON.stringify(files.slice(0, 2)));
        const preview = await stack.ws.preview();
        expect(preview.stdout).toMatch(/\(replace\)/);
        await stack.ws.up();
        expect(stack.emulator.groups().map((g) => g.files.length)).toEqual([2]);
        await stack.ws.destroy();
        expect(stack.emulator.groups()).toEqual([]);
    });
});

describe("the repository's Pulumi.yaml (default program) with no keys: embedded emulator", () => {
    const stateDir = path.join(REPO_ROOT, "examples/default/.pulumi-uploadcare");
    // In place, from this checkout: the provider is serialized by value here (not under node_modules). The
    // fixture removes the Pulumi.embedded.yaml that `stack init` writes beside Pulumi.yaml.
    const stack = useEngineStack({
        project: { inPlace: REPO_ROOT },
        emulator: false,
        before: () => fs.rmSync(stateDir, { recursive: true, force: true }),
        stack: "embedded",
        after: () => fs.rmSync(stateDir, { recursive: true, force: true }),
    });

    it("up uploads and groups the example images; files and group survive in the state file for refresh and destroy", async () => {
        await stack.ws.up();
        const outputs = await stack.ws.outputs();
        const urls = outputs.imageUrls as Record<string, string>;
        expect(Object.keys(urls)).toEqual(["hero.png", "icon.png", "logo.png"]);
        const [a, b, c] = Object.values(urls).map((url) => new URL(url).pathname.split("/")[1]);
        expect(outputs.filesCount).toBe(3);
        expect(outputs.groupFiles).toEqual([a, `${b}/-/resize/800x/`, c]);
        expect(String(outputs.cdnUrl)).toBe(`${DEMO_CDN}/${outputs.groupId}/`);
        const saved = fs.readFileSync(path.join(stateDir, "emulator-state.json"), "utf8");
        expect(saved).toContain(String(outputs.groupId));

        await stack.ws.refresh(["--expect-no-changes"]);
        await stack.ws.destroy();
        expect(fs.readFileSync(path.join(stateDir, "emulator-state.json"), "utf8")).not.toContain(
            String(outputs.groupId),
        );
        expect(await stack.ws.resources()).toEqual([]);
        expect(await stack.ws.resources("pulumi-nodejs:dynamic/uploadcare:File")).toEqual([]);
    });
});
