import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
    createProject,
    createProjectApiClient,
    deleteProject,
    deleteProjectSecret,
    listProjectSecrets,
    updateProject,
} from "../../src/client";
import { type Emulator, startEmulator } from "../../src/emulator";
import { createProjectSecretProvider, type ProjectSecretProvider } from "../../src/provider/projectSecret/provider";
import { stackConfig } from "../support/providerHarness";

const TOKEN = "account-token-6f5e4d3c2b1a";
let emulator: Emulator;
let provider: ProjectSecretProvider;
const api = () => createProjectApiClient({ token: TOKEN, baseUrl: `${emulator.url}/` }, { retry: { baseDelayMs: 1 } });

async function ids(project: string): Promise<string[]> {
    const out: string[] = [];
    for await (const s of listProjectSecrets(api(), project)) out.push(s.id);
    return out;
}

beforeAll(async () => {
    emulator = await startEmulator({ quiet: true, projectApiToken: TOKEN });
    provider = createProjectSecretProvider({ env: {}, sleep: async () => {}, checkSettingsInCheck: true });
    void provider.configure({
        config: stackConfig({
            "uploadcare:projectApiToken": TOKEN,
            "uploadcare:projectApiBaseUrl": `${emulator.url}/`,
        }),
    } as never);
});
afterAll(() => emulator.close());

describe("ProjectSecret against the emulator", () => {
    it("checks the project input before any request", async () => {
        const { failures } = await provider.check({}, { project: "no/slash" });
        expect(failures?.map((f) => f.property)).toEqual(["project"]);
        expect((await provider.check({}, {})).failures?.[0]?.reason).toMatch(/is required/);
    });

    it("creates a key whose value only the create answers, reads its hint, and any change replaces", async () => {
        const project = (await createProject(api(), { name: "keys" })).pub_key;
        const { id, outs } = await provider.create({ project });
        expect(outs).toMatchObject({ project, secretId: id, hint: outs.secret.slice(-4) });
        expect(await ids(project)).toContain(id);
        expect(await provider.read(id, outs)).toEqual({ id, props: outs });
        expect(await provider.diff(id, outs, { project })).toEqual({ changes: false });
        expect(await provider.diff(id, outs, { project: "other" })).toEqual({
            changes: true,
            replaces: ["project"],
            deleteBeforeReplace: false,
        });
        await provider.delete(id, outs);
        expect(await ids(project)).not.toContain(id);
    });

    it("refresh drops a key deleted outside the stack, and a key of a deleted project", async () => {
        const project = (await createProject(api(), { name: "gone-keys" })).pub_key;
        const { id, outs } = await provider.create({ project });
        await deleteProjectSecret(api(), project, id);
        expect(await provider.read(id, outs)).toEqual({ id: "" });
        const other = await provider.create({ project });
        await deleteProject(api(), project);
        expect(await provider.read(other.id, other.outs)).toEqual({ id: "" });
        await provider.delete(other.id, other.outs); // the project's keys went with it
    });

    it("explains, before the request, that the last key cannot go while signed uploads are on", async () => {
        const project = (await createProject(api(), { name: "signed" })).pub_key;
        const { id, outs } = await provider.create({ project });
        await updateProject(api(), project, { features: { uploads: { is_signed_upload_enabled: true } } });
        emulator.requests.length = 0;
        await expect(provider.delete(id, outs)).rejects.toMatchObject({
            code: "UPLOADCARE_CONFLICT",
            message: expect.stringMatching(/last secret key of project .*signed uploads/),
        });
        expect(emulator.requests.filter((r) => r.method === "DELETE")).toEqual([]);
        // With a second key (a replacement made first), the old one goes.
        const second = await provider.create({ project });
        await provider.delete(id, outs);
        expect(await ids(project)).toEqual([second.id]);
    });

    it("never puts the key in an error", async () => {
        const project = (await createProject(api(), { name: "quiet" })).pub_key;
        const { outs } = await provider.create({ project });
        const error = await provider.read("nosuch", { ...outs, secretId: "nosuch" }).catch((e: Error) => e);
        expect(JSON.stringify(error)).not.toContain(outs.secret);
    });
});
