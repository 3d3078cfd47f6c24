import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator";
import { installPackageCopy, prepareProject, REPO_ROOT } from "../support/installedPackage";
import { emulatorEnv, PulumiWorkspace } from "../support/pulumiCli";

// The basic example through the real Pulumi CLI, against the emulator on 127.0.0.1, the way a user
// or a pipeline runs it. Steps build on each other, so the tests run in order on one stack.
describe("examples/basic through the Pulumi engine", () => {
    let emulator: Emulator;
    let project: string;
    let ws: PulumiWorkspace;
    let files: string[];

    const uploadcareRequests = () => emulator.requests.filter((r) => r.api !== "admin");

    beforeAll(async () => {
        emulator = await startEmulator({ quiet: true, seedFiles: 4 });
        files = emulator.createFiles(3, { stored: false });
        project = prepareProject({ source: path.join(REPO_ROOT, "examples/basic") });
        ws = new PulumiWorkspace(project, emulatorEnv(emulator));
        await ws.initStack("dev", { files });
    });

    afterAll(async () => {
        ws?.dispose();
        if (project) fs.rmSync(project, { recursive: true, force: true });
        await emulator?.close();
    });

    it("up creates the group, and the outputs match the emulator's state", async () => {
        emulator.clearRequests();
        await ws.up();
        const outputs = await ws.outputs();
        const groups = emulator.groups();
        expect(groups).toHaveLength(1);
        const [group] = groups;
        expect(outputs).toEqual({ groupId: group?.id, cdnUrl: `https://ucarecdn.com/${group?.id}/`, filesCount: 3 });
        expect(group?.files.map((m) => m.uuid)).toEqual(files);
        // create = 1 POST + ⌈3/100⌉ storage call for the 3 unstored files.
        expect(uploadcareRequests().map((r) => `${r.method} ${r.path.split("?")[0]}`)).toEqual([
            "POST /group/",
            "PUT /files/storage/",
        ]);
        expect(
            emulator
                .files()
                .filter((f) => files.includes(f.uuid))
                .every((f) => f.datetimeStored),
        ).toBe(true);
    });

    it("a second up reports no changes and sends zero requests to Uploadcare", async () => {
        emulator.clearRequests();
        await ws.up(["--expect-no-changes"]);
        expect(uploadcareRequests()).toEqual([]);
    });

    it("the exported state holds neither the secret key nor a signature, and __provider is tiny", async () => {
        const exported = await ws.exportState();
        expect(exported).not.toContain(emulator.secretKey);
        expect(exported).not.toMatch(/Uploadcare\s+\S+:[0-9a-f]{40}/);
        const [group] = await ws.resources();
        const providerText = String(group?.outputs?.__provider ?? "");
        const bytes = Buffer.byteLength(providerText);
        console.log(`__provider per resource: ${bytes} bytes`);
        expect(providerText).toContain('require("pulumi-uploadcare/provider")');
        expect(bytes).toBeLessThan(1024);
    });

    it("preview after changing the files shows a replace; up leaves exactly one group", async () => {
        const next = [files[0] as string, ...emulator.createFiles(1)];
        await ws.setConfig("files", next);
        const preview = await ws.preview();
        expect(preview.stdout).toMatch(/\+-pulumi-nodejs:dynamic\/uploadcare:Group: \(replace\)/);
        expect(preview.stdout).toMatch(/\+-1 to replace/);
        const before = emulator.groups().map((g) => g.id);
        await ws.up();
        const after = emulator.groups();
        expect(after).toHaveLength(1);
        expect(before).not.toContain(after[0]?.id);
        expect(after[0]?.files.map((m) => m.uuid)).toEqual(next);
        files = next;
    });

    it("a group deleted out of band is dropped by refresh and recreated by up", async () => {
        const [group] = emulator.groups();
        expect(emulator.deleteGroupOutOfBand(group?.id ?? "")).toBe(true);
        const refresh = await ws.refresh();
        expect(refresh.stdout).toMatch(/deleted/);
        expect(await ws.resources()).toEqual([]);
        await ws.up();
        const groups = emulator.groups();
        expect(groups).toHaveLength(1);
        expect((await ws.outputs()).groupId).toBe(groups[0]?.id);
    });

    it("destroy leaves zero groups and the member files untouched; destroy again is a no-op", async () => {
        const before = new Map(emulator.files().map((f) => [f.uuid, { ...f }]));
        await ws.destroy();
        expect(emulator.groups()).toEqual([]);
        for (const file of emulator.files()) expect(file).toEqual(before.get(file.uuid));
        emulator.clearRequests();
        await ws.destroy();
        expect(uploadcareRequests()).toEqual([]);
    });

    it("destroy succeeds when the group is already gone (404)", async () => {
        await ws.up();
        const [group] = emulator.groups();
        emulator.deleteGroupOutOfBand(group?.id ?? "");
        emulator.clearRequests();
        await ws.destroy();
        expect(uploadcareRequests().map((r) => r.status)).toEqual([404]);
        expect(await ws.resources()).toEqual([]);
    });

    it("destroy runs the installed code after a package upgrade", async () => {
        await ws.up();
        // Install "0.2.0" and make its delete leave a mark, to prove the new code (not a copy in state) ran.
        installPackageCopy(project, "0.2.0");
        const marker = path.join(project, "upgrade-marker.txt");
        const implementation = path.join(project, "node_modules/pulumi-uploadcare/dist/provider/implementation.js");
        fs.appendFileSync(
            implementation,
            `\n;{ const original = exports.groupProvider.delete;
exports.groupProvider.delete = async (...args) => {
    require("node:fs").appendFileSync(${JSON.stringify(marker)}, require("../../package.json").version + "\\n");
    return original(...args);
}; }\n`,
        );
        await ws.destroy();
        expect(fs.readFileSync(marker, "utf8")).toBe("0.2.0\n");
        expect(emulator.groups()).toEqual([]);
    });
});
