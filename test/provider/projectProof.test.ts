import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GroupOutputs } from "../../src/provider/group/outputs";
import { createGroupProvider, type GroupProvider } from "../../src/provider/group/provider";
import { failure } from "../support/failure";
import { emulatorConfig, type Harness, startHarness } from "../support/providerHarness";

// A 404 means "gone" only when the provider has proven it is talking to the REST API of the project that owns
// the group. Each wrong setup below answers 404 (or something that is not the API at all) for a group that
// still exists: refresh must fail instead of dropping it, and destroy must fail instead of reporting success.

const OTHER = { publicKey: "otherprojectkey", secretKey: "otherprojectsecret" };

/** A loopback server that answers every request with the same 200, like a captive portal or a proxy page. */
async function fakeApi(contentType: string, body: string): Promise<{ url: string; server: Server }> {
    const server = createServer((_req, res) => {
        res.writeHead(200, { "content-type": contentType });
        res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe("a 404 is trusted only from the proven project", () => {
    let h: Harness;
    let html: { url: string; server: Server };
    let empty: { url: string; server: Server };

    beforeAll(async () => {
        h = await startHarness({ emulator: { extraProjects: [OTHER] } });
        html = await fakeApi("text/html", "<html><body>Please log in to the hotel Wi-Fi</body></html>");
        empty = await fakeApi("application/json", "{}");
    });
    afterAll(async () => {
        html.server.close();
        empty.server.close();
        await h.close();
    });
    beforeEach(() => h.reset());

    async function providerWith(settings: Record<string, string>): Promise<GroupProvider> {
        const provider = createGroupProvider({ env: {}, sleep: async () => {}, readAfterCreateWindowMs: 0 });
        await provider.configure({
            config: emulatorConfig(h.emulator, settings),
        });
        return provider;
    }

    async function existingGroup(): Promise<{ id: string; outs: GroupOutputs }> {
        const files = h.emulator.createFiles(2, { stored: true });
        const { id, outs } = await h.provider.create({ files, storeFiles: true });
        return { id, outs: outs as GroupOutputs };
    }

    const wrongSetups: [string, () => Record<string, string>, RegExp][] = [
        ["a wrong path prefix on apiBaseUrl", () => ({ "uploadcare:apiBaseUrl": `${h.emulator.url}/v0.7` }), /404/],
        [
            "the keys of another project",
            () => ({ "uploadcare:publicKey": OTHER.publicKey, "uploadcare:secretKey": OTHER.secretKey }),
            /otherprojectkey/,
        ],
        ["an HTML page answering 200", () => ({ "uploadcare:apiBaseUrl": html.url }), /text\/html.*hotel Wi-Fi/],
        ["a JSON {} answering 200", () => ({ "uploadcare:apiBaseUrl": empty.url }), /application\/json.*\{\}/],
    ];

    for (const [name, settings, reason] of wrongSetups) {
        it(`${name}: refresh fails and keeps the group; destroy fails and the group still exists`, async () => {
            const { id, outs } = await existingGroup();
            const wrong = await providerWith(settings());

            const refresh = await failure(wrong.read(id, outs));
            expect(refresh.message).toContain(id);
            expect(refresh.message).toContain(h.emulator.publicKey);
            expect(refresh.message).toMatch(reason);
            expect(refresh.message).not.toContain(h.emulator.secretKey);

            const destroy = await failure(wrong.delete(id, outs));
            expect(destroy.message).toContain(id);
            expect(destroy.message).toContain(h.emulator.publicKey);
            expect(h.emulator.groups().map((g) => g.id)).toContain(id);

            // With the setting fixed, the same state still refreshes and destroys.
            expect((await h.provider.read(id, outs)).id).toBe(id);
            await h.provider.delete(id, outs);
            expect(h.emulator.groups().map((g) => g.id)).not.toContain(id);
        });
    }

    it("the unproven-404 error has its own code and says nothing was removed from the state", async () => {
        const { id, outs } = await existingGroup();
        const wrong = await providerWith({ "uploadcare:apiBaseUrl": `${h.emulator.url}/v0.7` });
        const error = await failure(wrong.read(id, outs));
        expect(error.code).toBe("UPLOADCARE_PROJECT_UNPROVEN");
        expect(error.message).toContain("Nothing was removed from the state");
        expect(error.message).toContain(`${h.emulator.url}/v0.7`);
    });

    it("a proven 404 still means gone: refresh drops the group, destroy succeeds, one proof per provider", async () => {
        const first = await existingGroup();
        const second = await existingGroup();
        const provider = await providerWith({});
        h.reset();
        h.emulator.deleteGroupOutOfBand(first.id);
        h.emulator.deleteGroupOutOfBand(second.id);
        expect(await provider.read(first.id, first.outs)).toEqual({ id: "" });
        await provider.delete(second.id, second.outs);
        expect(h.proofs()).toBe(1);
    });

    it("state written by 0.1.0 (no recorded project) is proven against the configured key and gains it on read", async () => {
        const { id, outs } = await existingGroup();
        const { project: _none, ...legacy } = outs;
        const read = await h.provider.read(id, legacy);
        expect(read.props?.project).toBe(h.emulator.publicKey);

        const gone = await existingGroup();
        const { project: _also, ...legacyGone } = gone.outs;
        h.emulator.deleteGroupOutOfBand(gone.id);
        expect(await h.provider.read(gone.id, legacyGone)).toEqual({ id: "" });
        const wrongPath = await providerWith({ "uploadcare:apiBaseUrl": `${h.emulator.url}/v0.7` });
        await expect(wrongPath.delete(id, legacy)).rejects.toMatchObject({ code: "UPLOADCARE_PROJECT_UNPROVEN" });
    });

    it("update of a group that 404s fails: unproven names the setting, proven says to refresh", async () => {
        const { id, outs } = await existingGroup();
        const wrong = await providerWith({ "uploadcare:apiBaseUrl": `${h.emulator.url}/v0.7` });
        const news = { files: outs.files, storeFiles: true };
        // The keys are proven before the first write, so the wrong URL is named before the group is looked at.
        const unproven = await failure(wrong.update(id, outs, news));
        expect(unproven.message).toContain("uploadcare:apiBaseUrl");
        h.emulator.deleteGroupOutOfBand(id);
        const gone = await failure(h.provider.update(id, outs, news));
        expect(gone.code).toBe("UPLOADCARE_GONE");
        expect(gone.message).toContain("pulumi refresh");
    });

    it("adopting or Group.get of an unknown id behind a wrong URL names the URL, not a missing group", async () => {
        const wrong = await providerWith({ "uploadcare:apiBaseUrl": `${h.emulator.url}/v0.7` });
        const missing = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~2";
        const read = await failure(wrong.read(missing, {}));
        expect(read.code).toBe("UPLOADCARE_PROJECT_UNPROVEN");
        const proven = await failure(h.provider.read(missing, {}));
        expect(proven.code).toBe("UPLOADCARE_NOT_FOUND");
        expect(proven.message).toContain(h.emulator.publicKey);
    });
});

describe("wrong credentials fail before anything is created", () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness({ emulator: { extraProjects: [OTHER] } });
    });
    afterAll(() => h.close());
    beforeEach(() => h.reset());

    const cases: [string, Record<string, string>, string][] = [
        ["a wrong secret key", { "uploadcare:secretKey": "not-the-secret" }, "uploadcare:secretKey"],
        ["a public key of no project", { "uploadcare:publicKey": "nosuchproject" }, "uploadcare:publicKey"],
        ["a wrong base URL", { "uploadcare:apiBaseUrl": "http://127.0.0.1:1/nothing" }, "uploadcare:apiBaseUrl"],
    ];
    for (const [name, settings, setting] of cases) {
        it(`${name}: create fails naming ${setting}, and no POST /group/ is sent`, async () => {
            const files = h.emulator.createFiles(1, { stored: false });
            h.reset();
            const provider = createGroupProvider({
                env: {},
                sleep: async () => {},
                retry: { maxErrorRetries: 0 },
            });
            await provider.configure({
                config: emulatorConfig(h.emulator, settings),
            });
            const error = await failure(provider.create({ files, storeFiles: true }));
            expect(error.message).toContain(setting);
            expect(error.message).toContain("nothing was created");
            expect(error.message).not.toContain("not-the-secret");
            expect(h.calls()).not.toContain("POST /group/");
            expect(h.newGroups()).toEqual([]);
        });
    }

    it("the proof costs one request per provider process, not one per resource", async () => {
        const provider = createGroupProvider({ env: {}, sleep: async () => {} });
        await provider.configure({
            config: emulatorConfig(h.emulator),
        });
        const files = h.emulator.createFiles(3, { stored: true });
        h.reset();
        for (const file of files) await provider.create({ files: [file], storeFiles: true });
        expect(h.proofs()).toBe(1);
        expect(h.calls().filter((c) => c !== "GET /groups/")).toEqual(["POST /group/", "POST /group/", "POST /group/"]);
    });
});
