import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, seededFileUuids, startEmulator } from "../../src/emulator";
import { prepareProject, REPO_ROOT } from "../support/installedPackage";
import { emulatorEnv, PulumiWorkspace } from "../support/pulumiCli";

// Every example runs through the real CLI. basic has its own suite (basic.test.ts).

describe("examples/replace", () => {
    let emulator: Emulator;
    let project: string;
    let ws: PulumiWorkspace;

    beforeAll(async () => {
        emulator = await startEmulator({ quiet: true });
        project = prepareProject({ source: path.join(REPO_ROOT, "examples/replace") });
        ws = new PulumiWorkspace(project, emulatorEnv(emulator));
        await ws.initStack("dev", { files: emulator.createFiles(2, { stored: true }) });
    });
    afterAll(async () => {
        ws?.dispose();
        if (project) fs.rmSync(project, { recursive: true, force: true });
        await emulator?.close();
    });

    it("changing a CDN operation previews as a replace, and up swaps the group (new first, old deleted)", async () => {
        await ws.up();
        const [first] = emulator.groups();
        expect(first?.files.map((m) => m.defaultEffects)).toEqual(["resize/800x/", "resize/800x/"]);

        await ws.setConfig("width", "1200");
        const preview = await ws.preview();
        expect(preview.stdout).toMatch(/\+-pulumi-nodejs:dynamic\/uploadcare:Group: \(replace\)/);
        expect(preview.stdout).toContain("resize/1200x/");

        emulator.clearRequests();
        await ws.up();
        const groups = emulator.groups();
        expect(groups).toHaveLength(1);
        expect(groups[0]?.id).not.toBe(first?.id);
        expect(groups[0]?.files.map((m) => m.defaultEffects)).toEqual(["resize/1200x/", "resize/1200x/"]);
        const order = emulator.requests
            .filter((r) => r.api !== "admin")
            .map((r) => `${r.method} ${r.path.split("?")[0]}`);
        expect(order).toEqual(["POST /group/", `DELETE /groups/${first?.id}/`]);
        expect((await ws.outputs()).groupId).toBe(groups[0]?.id);

        await ws.destroy();
        expect(emulator.groups()).toEqual([]);
    });
});

describe("examples/pipeline", () => {
    let emulator: Emulator;
    let project: string;
    let ws: PulumiWorkspace;

    beforeAll(async () => {
        emulator = await startEmulator({ quiet: true });
        project = prepareProject({ source: path.join(REPO_ROOT, "examples/pipeline") });
        fs.writeFileSync(path.join(project, "files.json"), JSON.stringify(emulator.createFiles(3)));
        // As in the workflow: credentials only from UPLOADCARE_* variables, nothing in stack config.
        ws = new PulumiWorkspace(project, emulatorEnv(emulator));
        await ws.initStack("production");
    });
    afterAll(async () => {
        ws?.dispose();
        if (project) fs.rmSync(project, { recursive: true, force: true });
        await emulator?.close();
    });

    it("the pull-request preview sends nothing to Uploadcare, the main-branch up deploys", async () => {
        emulator.clearRequests();
        const preview = await ws.preview();
        expect(preview.stdout).toMatch(/\+ 2 to create/);
        expect(emulator.requests.filter((r) => r.api !== "admin")).toEqual([]);
        await ws.up();
        expect(emulator.groups()).toHaveLength(1);
        const config = fs.readFileSync(path.join(project, "Pulumi.production.yaml"), "utf8");
        expect(config).not.toContain(emulator.secretKey);
    });

    it("a pull request that edits files.json previews a replace; merging applies it", async () => {
        const files = JSON.parse(fs.readFileSync(path.join(project, "files.json"), "utf8")) as string[];
        fs.writeFileSync(path.join(project, "files.json"), JSON.stringify(files.slice(0, 2)));
        const preview = await ws.preview();
        expect(preview.stdout).toMatch(/\(replace\)/);
        await ws.up();
        expect(emulator.groups().map((g) => g.files.length)).toEqual([2]);
        await ws.destroy();
        expect(emulator.groups()).toEqual([]);
    });
});

describe("the repository's Pulumi.yaml (default program) with no keys: embedded emulator", () => {
    const stateDir = path.join(REPO_ROOT, "examples/default/.pulumi-uploadcare");
    let ws: PulumiWorkspace;

    beforeAll(async () => {
        fs.rmSync(stateDir, { recursive: true, force: true });
        // In place, from this checkout: the provider is serialized by value here (not under node_modules).
        ws = new PulumiWorkspace(REPO_ROOT);
        await ws.initStack("embedded");
    });
    afterAll(() => {
        ws?.dispose();
        fs.rmSync(stateDir, { recursive: true, force: true });
        // `stack init` writes the stack's settings file beside Pulumi.yaml.
        fs.rmSync(path.join(REPO_ROOT, "Pulumi.embedded.yaml"), { force: true });
    });

    it("up groups the seeded demo files; the group survives in the state file for refresh and destroy", async () => {
        await ws.up();
        const outputs = await ws.outputs();
        const [a, b, c] = seededFileUuids(3);
        expect(outputs.filesCount).toBe(3);
        expect(outputs.groupFiles).toEqual([a, `${b}/-/resize/800x/`, c]);
        expect(String(outputs.cdnUrl)).toBe(`https://ucarecdn.com/${outputs.groupId}/`);
        const saved = fs.readFileSync(path.join(stateDir, "emulator-state.json"), "utf8");
        expect(saved).toContain(String(outputs.groupId));

        await ws.refresh(["--expect-no-changes"]);
        await ws.destroy();
        expect(fs.readFileSync(path.join(stateDir, "emulator-state.json"), "utf8")).not.toContain(
            String(outputs.groupId),
        );
        expect(await ws.resources()).toEqual([]);
    });
});
