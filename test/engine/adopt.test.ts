import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { createClient, createGroup } from "../../src/client";
import { seededFileUuids } from "../../src/emulator";
import { DEMO_CDN } from "../support/cdn";
import { useEngineStack } from "../support/engineFixture";

// examples/adopt through the real CLI: groups made outside Pulumi (here straight through the Upload API, as an
// upload widget would) are adopted, kept on destroy, referenced read-only, and listed across several pages.
describe("examples/adopt through the Pulumi engine", () => {
    let legacy: { id: string; files: string[] };
    let archive: { id: string; files: string[] };
    let reference: { id: string; files: string[] };
    let all: string[];

    const stack = useEngineStack({
        project: { example: "adopt" },
        before: async ({ emulator }) => {
            const client = createClient({
                publicKey: emulator.publicKey,
                apiBaseUrl: emulator.url,
                uploadBaseUrl: emulator.url,
            });
            const make = async (files: string[]) => ({ id: (await createGroup(client, files)).id, files });
            legacy = await make(emulator.createFiles(2, { stored: false }));
            archive = await make(emulator.createFiles(1, { stored: true }));
            reference = await make(emulator.createFiles(3, { stored: true }));
            // More groups than one page of the list endpoint (100): getGroups must follow `next`.
            const filler = emulator.createFiles(1, { stored: true });
            for (let i = 0; i < 120; i++) await make(filler);
            all = emulator.groups().map((g) => g.id);
        },
        config: () => ({
            groupId: legacy.id,
            archiveGroupId: archive.id,
            referenceGroupId: reference.id,
            listLimit: "500",
        }),
    });
    const calls = () => stack.calls({ status: true });

    it("up adopts without creating anything, stores the adopted files, and lists every group across pages", async () => {
        stack.emulator.clearRequests();
        await stack.ws.up();
        expect(calls().filter((c) => c.startsWith("POST /group/"))).toEqual([]);
        expect(stack.emulator.groups().map((g) => g.id)).toEqual(all);
        // Two pages: 100 groups, then the other 23, newest first.
        expect(calls().filter((c) => c.startsWith("GET /groups/ "))).toEqual(["GET /groups/ 200", "GET /groups/ 200"]);
        expect(calls()).toContain("PUT /files/storage/ 200");
        const byUuid = new Map(stack.emulator.files().map((f) => [f.uuid, f]));
        expect(legacy.files.every((uuid) => byUuid.get(uuid)?.datetimeStored)).toBe(true);

        const outputs = await stack.ws.outputs();
        expect(outputs).toMatchObject({
            legacyGroupId: legacy.id,
            legacyFiles: legacy.files,
            legacyCdnUrl: `${DEMO_CDN}/${legacy.id}/`,
            legacyCreated: stack.emulator.groups().find((g) => g.id === legacy.id)?.datetimeCreated,
            archiveCdnUrl: `${DEMO_CDN}/${archive.id}/`,
            referenceFiles: reference.files,
        });
        expect(outputs.newestGroups).toEqual([...all].reverse());

        const state = await stack.ws.resources();
        expect(Object.fromEntries(state.map((r) => [r.urn.split("::").pop(), r.id]))).toEqual({
            legacy: legacy.id,
            archive: archive.id,
            reference: reference.id,
        });
        const referenced = state.find((r) => r.id === reference.id) as { external?: boolean } | undefined;
        expect(referenced?.external).toBe(true);
    });

    it("a second up changes nothing, and refresh keeps the adopted groups without drift", async () => {
        await stack.ws.up(["--expect-no-changes"]);
        stack.emulator.clearRequests();
        await stack.ws.refresh();
        expect(
            calls()
                .filter((c) => /^GET \/groups\/[0-9a-f]/.test(c))
                .sort(),
        ).toEqual([legacy.id, archive.id, reference.id].map((id) => `GET /groups/${id}/ 200`).sort());
        const preview = await stack.ws.preview(["--expect-no-changes"]);
        expect(preview.code).toBe(0);
    });

    it("destroy sends exactly one signed DELETE, for the adopted group; the retained and referenced groups stay", async () => {
        stack.emulator.clearRequests();
        await stack.ws.destroy();
        // The emulator verifies every REST signature: 204 means the DELETE was signed and accepted.
        expect(calls().filter((c) => c.startsWith("DELETE"))).toEqual([`DELETE /groups/${legacy.id}/ 204`]);
        const left = new Set(stack.emulator.groups().map((g) => g.id));
        expect(left.has(legacy.id)).toBe(false);
        expect(left.has(archive.id)).toBe(true);
        expect(left.has(reference.id)).toBe(true);
        expect(left.size).toBe(all.length - 1);
    });

    it("an id the project does not have fails up with the id and the public key, and writes no state", async () => {
        const missing = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~2";
        await stack.ws.run(["stack", "init", "missing"]);
        await stack.ws.setConfig("groupId", missing);
        stack.emulator.clearRequests();
        const result = await stack.ws.run(["up", "--yes", "--skip-preview"], { allowFailure: true });
        expect(result.code).not.toBe(0);
        expect(result.stdout).toContain(
            `Cannot adopt group ${missing}: project ${stack.emulator.publicKey} has no such group`,
        );
        expect(calls().filter((c) => c.startsWith("POST /group/") || c.startsWith("DELETE"))).toEqual([]);
        expect(await stack.ws.resources()).toEqual([]);
    });

    it("a malformed id is refused by check during preview, before any request", async () => {
        await stack.ws.setConfig("groupId", "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5");
        stack.emulator.clearRequests();
        const result = await stack.ws.run(["preview"], { allowFailure: true });
        expect(result.code).not.toBe(0);
        // The field, then the problem: not the engine's "property groupId value {…} has a problem".
        expect(result.stdout).toContain("groupId: must be an Uploadcare group id such as");
        expect(result.stdout).not.toContain("property groupId value");
        expect(result.stdout).toContain("this is a bare UUID");
        expect(calls().filter((c) => c.startsWith("GET /groups/3d1b8ac2"))).toEqual([]);
    });

    it("Group.get of a group the project does not have fails the preview, naming the id and the key", async () => {
        const missing = "9a0b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~1";
        await stack.ws.setConfig("groupId", archive.id);
        await stack.ws.setConfig("referenceGroupId", missing);
        const result = await stack.ws.run(["preview"], { allowFailure: true });
        expect(result.code).not.toBe(0);
        expect(result.stdout).toContain(
            `Group.get("${missing}"): project ${stack.emulator.publicKey} has no such group`,
        );
    });
});

// With `uploadcare:emulator: auto` the provider runs an embedded emulator in its own process; lookups in
// the program read the same state through a read-only twin, and the program still exits when done.
describe("lookups with uploadcare:emulator auto", () => {
    const stack = useEngineStack({
        project: {
            inline: "uploadcare-lookups",
            program: `const { Group, getGroupOutput, getGroupsOutput } = require("pulumi-uploadcare");
const { seededFileUuids } = require("pulumi-uploadcare/emulator");
const group = new Group("g", { files: seededFileUuids(2) });
exports.id = group.id;
exports.lookedUp = getGroupOutput({ groupId: group.id }).files;
exports.listed = group.id.apply(() => getGroupsOutput()).apply((result) => result.groups.map((g) => g.id));
`,
        },
        emulator: false,
        config: { "uploadcare:emulator": "auto" },
    });

    it("getGroupOutput and getGroupsOutput see the group the provider just created", async () => {
        await stack.ws.up();
        const outputs = await stack.ws.outputs();
        expect(outputs.lookedUp).toEqual(seededFileUuids(2));
        expect(outputs.listed).toEqual([outputs.id]);
        await stack.ws.destroy();
        expect(fs.existsSync(path.join(stack.project, ".pulumi-uploadcare", "emulator-state.json"))).toBe(true);
    });
});
