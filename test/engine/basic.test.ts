import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_CDN } from "../support/cdn";
import { useEngineStack } from "../support/engineFixture";
import { installPackageCopy } from "../support/installedPackage";

// The basic example through the real Pulumi CLI, against the emulator on 127.0.0.1, the way a user
// or a pipeline runs it. Steps build on each other, so the tests run in order on one stack.
describe("examples/basic through the Pulumi engine", () => {
    let files: string[];

    const stack = useEngineStack({
        project: { example: "basic" },
        emulator: { seedFiles: 4 },
        before: ({ emulator }) => {
            files = emulator.createFiles(3, { stored: false });
        },
        config: () => ({ files }),
    });

    it("up creates the group, and the outputs match the emulator's state", async () => {
        stack.emulator.clearRequests();
        await stack.ws.up();
        const outputs = await stack.ws.outputs();
        const groups = stack.emulator.groups();
        expect(groups).toHaveLength(1);
        const [group] = groups;
        expect(outputs).toEqual({ groupId: group?.id, cdnUrl: `${DEMO_CDN}/${group?.id}/`, filesCount: 3 });
        expect(group?.files.map((m) => m.uuid)).toEqual(files);
        // The key check (once per provider process), then create = 1 POST + ⌈3/100⌉ storage call for the 3
        // unstored files.
        expect(stack.requests().map((r) => `${r.method} ${r.path.split("?")[0]}`)).toEqual([
            "GET /project/",
            "GET /groups/",
            "POST /group/",
            "PUT /files/storage/",
        ]);
        expect(
            stack.emulator
                .files()
                .filter((f) => files.includes(f.uuid))
                .every((f) => f.datetimeStored),
        ).toBe(true);
    });

    it("a second up reports no changes and sends zero requests to Uploadcare", async () => {
        stack.emulator.clearRequests();
        await stack.ws.up(["--expect-no-changes"]);
        expect(stack.requests()).toEqual([]);
    });

    it("the exported state holds neither the secret key nor a signature, and __provider is tiny", async () => {
        const exported = await stack.ws.exportState();
        expect(exported).not.toContain(stack.emulator.secretKey);
        expect(exported).not.toMatch(/Uploadcare\s+\S+:[0-9a-f]{40}/);
        const [group] = await stack.ws.resources();
        const providerText = String(group?.outputs?.__provider ?? "");
        const bytes = Buffer.byteLength(providerText);
        console.log(`__provider per resource: ${bytes} bytes`);
        expect(providerText).toContain('require("pulumi-uploadcare/provider")');
        expect(bytes).toBeLessThan(1024);
    });

    it("preview after changing the files shows a replace; up leaves exactly one group", async () => {
        const next = [files[0] as string, ...stack.emulator.createFiles(1)];
        await stack.ws.setConfig("files", next);
        const preview = await stack.ws.preview();
        expect(preview.stdout).toMatch(/\+-pulumi-nodejs:dynamic\/uploadcare:Group: \(replace\)/);
        expect(preview.stdout).toMatch(/\+-1 to replace/);
        const before = stack.emulator.groups().map((g) => g.id);
        await stack.ws.up();
        const after = stack.emulator.groups();
        expect(after).toHaveLength(1);
        expect(before).not.toContain(after[0]?.id);
        expect(after[0]?.files.map((m) => m.uuid)).toEqual(next);
        files = next;
    });

    it("a group deleted out of band is dropped by refresh and recreated by up", async () => {
        const [group] = stack.emulator.groups();
        expect(stack.emulator.deleteGroupOutOfBand(group?.id ?? "")).toBe(true);
        const refresh = await stack.ws.refresh();
        expect(refresh.stdout).toMatch(/deleted/);
        expect(await stack.ws.resources()).toEqual([]);
        await stack.ws.up();
        const groups = stack.emulator.groups();
        expect(groups).toHaveLength(1);
        expect((await stack.ws.outputs()).groupId).toBe(groups[0]?.id);
    });

    it("destroy leaves zero groups and the member files untouched; destroy again is a no-op", async () => {
        const before = new Map(stack.emulator.files().map((f) => [f.uuid, { ...f }]));
        await stack.ws.destroy();
        expect(stack.emulator.groups()).toEqual([]);
        for (const file of stack.emulator.files()) expect(file).toEqual(before.get(file.uuid));
        stack.emulator.clearRequests();
        await stack.ws.destroy();
        expect(stack.requests()).toEqual([]);
    });

    it("destroy succeeds when the group is already gone (404)", async () => {
        await stack.ws.up();
        const [group] = stack.emulator.groups();
        stack.emulator.deleteGroupOutOfBand(group?.id ?? "");
        stack.emulator.clearRequests();
        await stack.ws.destroy();
        // The 404, then the proof that this endpoint is the group's project, which makes the 404 "already gone".
        expect(stack.calls({ status: true })).toEqual([`DELETE /groups/${group?.id}/ 404`, "GET /project/ 200"]);
        expect(await stack.ws.resources()).toEqual([]);
    });

    it("destroy runs the installed code after a package upgrade", async () => {
        await stack.ws.up();
        // Install "0.2.0" and make its delete leave a mark, to prove the new code (not a copy in state) ran.
        installPackageCopy(stack.project, "0.2.0");
        const marker = path.join(stack.project, "upgrade-marker.txt");
        const implementation = path.join(
            stack.project,
            "node_modules/pulumi-uploadcare/dist/provider/implementation.js",
        );
        fs.appendFileSync(
            implementation,
            `\n;{ const original = exports.groupProvider.delete;
exports.groupProvider.delete = async (...args) => {
    require("node:fs").appendFileSync(${JSON.stringify(marker)}, require("../../package.json").version + "\\n");
    return original(...args);
}; }\n`,
        );
        await stack.ws.destroy();
        expect(fs.readFileSync(marker, "utf8")).toBe("0.2.0\n");
        expect(stack.emulator.groups()).toEqual([]);
    });
});
