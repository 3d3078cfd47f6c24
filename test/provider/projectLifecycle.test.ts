import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
    createProject,
    createProjectApiClient,
    deleteProject,
    getProjectByKey,
    listProjects,
    updateProject,
} from "../../src/client";
import { type Emulator, startEmulator } from "../../src/emulator";
import { createProjectProvider, type ProjectProvider } from "../../src/provider/project/provider";
import { stackConfig } from "../support/providerHarness";

const TOKEN = "account-token-1a2b3c4d5e6f";

let emulator: Emulator;
let provider: ProjectProvider;
const api = () => createProjectApiClient({ token: TOKEN, baseUrl: `${emulator.url}/` }, { retry: { baseDelayMs: 1 } });
const calls = () =>
    emulator.requests.filter((r) => r.api === "project").map((r) => `${r.method} ${r.path.split("?")[0]}`);

function newProvider(token = TOKEN): ProjectProvider {
    const p = createProjectProvider({ env: {}, sleep: async () => {}, checkSettingsInCheck: true });
    void p.configure({
        config: stackConfig({
            "uploadcare:projectApiToken": token,
            "uploadcare:projectApiBaseUrl": `${emulator.url}/`,
        }),
    } as never);
    return p;
}

async function names(): Promise<string[]> {
    const out: string[] = [];
    for await (const p of listProjects(api())) out.push(p.name);
    return out;
}

beforeAll(async () => {
    emulator = await startEmulator({ quiet: true, projectApiToken: TOKEN });
    provider = newProvider();
});
afterAll(() => emulator.close());
beforeEach(() => {
    emulator.requests.length = 0;
});

describe("Project check", () => {
    it("refuses bad names, numbers, booleans and MIME types before any request", async () => {
        const { failures } = await provider.check(
            {},
            { filesizeLimit: -1, autostore: "yes", mimeTypes: ["image/png", "png"], colour: "red" },
        );
        expect((failures ?? []).map((f) => f.property)).toEqual([
            "colour",
            "name",
            "autostore",
            "filesizeLimit",
            "mimeTypes[1]",
        ]);
        expect(emulator.requests).toEqual([]);
    });

    it("names both settings when the token is missing", async () => {
        const bare = createProjectProvider({ env: {}, checkSettingsInCheck: true });
        void bare.configure({ config: stackConfig({}) } as never);
        const { failures } = await bare.check({}, { name: "x" });
        expect(failures?.[0]?.reason).toMatch(/uploadcare:projectApiToken.*UPLOADCARE_PROJECT_API_TOKEN/);
    });

    it("a wrong token fails in check, naming the setting, and never appears in the message", async () => {
        const wrong = newProvider("wrong-token-zzzz9999");
        const { failures } = await wrong.check({}, { name: "x" });
        expect(failures?.[0]?.reason).toMatch(/refused the token.*uploadcare:projectApiToken/);
        expect(JSON.stringify(failures)).not.toContain("wrong-token-zzzz9999");
    });
});

describe("Project lifecycle against the emulator", () => {
    it("creates with the settings, reads, updates only the changed fields, soft-deletes; refresh drops it", async () => {
        const inputs = { name: "life-staging", autostore: false, filesizeLimit: 5_000_000, mimeTypes: ["image/*"] };
        const { id, outs } = await provider.create(inputs);
        expect(outs).toMatchObject({ pubKey: id, name: "life-staging", autostore: false, filesizeLimit: 5_000_000 });
        expect(outs.cdnBaseUrl).toMatch(/^https:\/\/[a-z0-9]+\.ucarecd\.net$/);
        const made = await getProjectByKey(api(), id);
        expect(made.features?.uploads?.autostore).toBe(false);
        expect(made.features?.mime_type_filtering?.mime_types).toEqual(["image/*"]);

        expect(await provider.diff(id, outs, inputs)).toEqual({ changes: false });
        const renamed = { ...inputs, name: "life-renamed" };
        expect(await provider.diff(id, outs, renamed)).toEqual({ changes: true });
        emulator.requests.length = 0;
        const updated = await provider.update(id, outs, renamed);
        expect(updated.outs).toMatchObject({ name: "life-renamed", autostore: false });
        const post = emulator.requests.find((r) => r.method === "POST");
        expect(post?.path).toBe(`/projects/${id}/`);

        await provider.delete(id, updated.outs);
        await expect(getProjectByKey(api(), id)).rejects.toMatchObject({ code: "UPLOADCARE_NOT_FOUND" });
        expect(await provider.read(id, updated.outs)).toEqual({ id: "" });
        // Deleting again is done: the 404 is proven by GET /projects/.
        await provider.delete(id, updated.outs);
    });

    it("read reports drift made outside the stack", async () => {
        const { id, outs } = await provider.create({ name: "drift", autostore: true });
        await updateProject(api(), id, { features: { uploads: { autostore: false } } });
        const read = await provider.read(id, outs);
        expect(read.props).toMatchObject({ autostore: false });
        expect(await provider.diff(id, read.props ?? {}, { name: "drift", autostore: true })).toEqual({
            changes: true,
        });
    });

    it("adopts an existing project with pubKey, applying only what differs; another pubKey replaces", async () => {
        const existing = await createProject(api(), { name: "adopt-me" });
        emulator.requests.length = 0;
        const { id, outs } = await provider.create({ pubKey: existing.pub_key, name: "adopt-me" });
        expect(id).toBe(existing.pub_key);
        expect(calls().filter((c) => c.startsWith("POST"))).toEqual([]);
        expect(await provider.diff(id, outs, { pubKey: "othe4key" })).toMatchObject({ replaces: ["pubKey"] });
        expect(await provider.diff(id, outs, { name: "new-name", autostore: false })).toEqual({ changes: true });
    });

    it("adopting a missing project fails naming it", async () => {
        await expect(provider.create({ pubKey: "0000nosuchproject0000" })).rejects.toThrow(
            /Cannot adopt project 0000nosuchproject0000/,
        );
    });

    it("an unproven 404 keeps the project in state", async () => {
        const { id, outs } = await provider.create({ name: "kept" });
        const elsewhere = createProjectProvider({ env: {}, sleep: async () => {} });
        void elsewhere.configure({
            config: stackConfig({
                "uploadcare:projectApiToken": TOKEN,
                "uploadcare:projectApiBaseUrl": `${emulator.url}/not-the-api/`,
            }),
        } as never);
        await expect(elsewhere.read(id, outs)).rejects.toMatchObject({ code: "UPLOADCARE_CONFIG" });
        await deleteProject(api(), id);
    });

    it("a lost create answer adopts the one new project of that name, never a foreign one", async () => {
        const foreign = await createProject(api(), { name: "lost" }); // someone else's, there before
        emulator.requests.length = 0;
        emulator.injectFaults([{ method: "POST", path: "/projects/", action: "reset-after", times: 1 }]);
        const { id } = await provider.create({ name: "lost" });
        expect((await names()).filter((n) => n === "lost")).toHaveLength(2);
        const creates = emulator.requests.filter((r) => r.method === "POST" && r.path === "/projects/");
        expect(creates).toHaveLength(1);
        expect(id).not.toBe(foreign.pub_key);
        expect((await getProjectByKey(api(), id)).name).toBe("lost");
    });

    it("a lost create answer with two new projects of that name fails OUTCOME_UNKNOWN, naming them", async () => {
        emulator.injectFaults([{ method: "POST", path: "/projects/", action: "reset-after", times: 1 }]);
        const racing = createProjectProvider({
            env: {},
            sleep: async () => {
                // Someone else makes a project of the same name while the answer is lost.
                await createProject(api(), { name: "twice" });
            },
        });
        void racing.configure({
            config: stackConfig({
                "uploadcare:projectApiToken": TOKEN,
                "uploadcare:projectApiBaseUrl": `${emulator.url}/`,
            }),
        } as never);
        await expect(racing.create({ name: "twice" })).rejects.toMatchObject({
            code: "UPLOADCARE_OUTCOME_UNKNOWN",
            message: expect.stringMatching(/pubKey: "/),
        });
    });
});
