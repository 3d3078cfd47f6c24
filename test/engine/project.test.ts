import { describe, expect, it } from "vitest";
import {
    createProjectApiClient,
    deleteProjectSecret,
    getProjectByKey,
    listProjectSecrets,
    listProjects,
} from "../../src/client";
import { useEngineStack } from "../support/engineFixture";
import type { CliResult } from "../support/pulumiCli";

// Project and ProjectSecret through the real CLI, with only the Project API settings (no project keys). Steps build
// on each other on one stack.
const TOKEN = "engine-account-token-0a1b2c3d4e5f";
const VERBOSE = ["-v=9", "--logtostderr", "--logflow"];
const SECRET_TYPE = "pulumi-nodejs:dynamic/uploadcare:ProjectSecret";
const PROJECT_TYPE = "pulumi-nodejs:dynamic/uploadcare:Project";

describe("Project and ProjectSecret through the Pulumi engine", () => {
    const collected: string[] = [];
    const keep = (result: CliResult) => {
        collected.push(result.stdout, result.stderr);
        return result;
    };
    const stack = useEngineStack({
        project: {
            inline: "uploadcare-projects",
            program: `const pulumi = require("@pulumi/pulumi");
const { Project, ProjectSecret } = require("pulumi-uploadcare");
const config = new pulumi.Config();
const staging = new Project("staging", { name: config.require("name"), autostore: false, filesizeLimit: 5000000 });
const key = new ProjectSecret("staging-key", { project: staging.pubKey });
exports.pubKey = staging.pubKey;
exports.cdnBaseUrl = staging.cdnBaseUrl;
exports.secret = key.secret;
exports.hint = key.hint;
`,
        },
        emulator: { projectApiToken: TOKEN },
        env: {
            UPLOADCARE_PROJECT_API_TOKEN: TOKEN,
            get UPLOADCARE_PROJECT_API_BASE_URL() {
                return `${stack.emulator.url}/`;
            },
        },
        config: { name: "acme-staging" },
    });
    const api = () => createProjectApiClient({ token: TOKEN, baseUrl: `${stack.emulator.url}/` });
    const secretIds = async (pubKey: string) => {
        const ids: string[] = [];
        for await (const s of listProjectSecrets(api(), pubKey)) ids.push(s.id);
        return ids;
    };
    const managed = async () => {
        const keys: string[] = [];
        for await (const p of listProjects(api())) if (p.name.startsWith("acme-")) keys.push(p.pub_key);
        return keys;
    };

    it("up creates the project and its key; a second up sends no request", async () => {
        stack.emulator.clearRequests();
        keep(await stack.ws.run(["up", "--yes", ...VERBOSE]));
        const outputs = await stack.ws.outputs();
        const pubKey = String(outputs.pubKey);
        const project = await getProjectByKey(api(), pubKey);
        expect(project).toMatchObject({ name: "acme-staging" });
        expect(project.features?.uploads).toMatchObject({ autostore: false, filesize_limit: 5_000_000 });
        expect(outputs.cdnBaseUrl).toMatch(/^https:\/\/[a-z0-9]+\.ucarecd\.net$/);
        expect(await secretIds(pubKey)).toHaveLength(1);
        expect(String(outputs.hint)).toBe(String(outputs.secret).slice(-4));
        stack.emulator.clearRequests();
        await stack.ws.up(["--expect-no-changes"]);
        expect(stack.requests()).toEqual([]);
    });

    it("renaming updates the project in place with one POST of the name", async () => {
        const pubKey = String((await stack.ws.outputs()).pubKey);
        await stack.ws.setConfig("name", "acme-renamed");
        stack.emulator.clearRequests();
        await stack.ws.up();
        expect(stack.calls().filter((c) => c.startsWith("POST") || c.startsWith("DELETE"))).toEqual([
            `POST /projects/${pubKey}/`,
        ]);
        expect((await getProjectByKey(api(), pubKey)).name).toBe("acme-renamed");
        expect((await stack.ws.outputs()).pubKey).toBe(pubKey);
    });

    it("--replace of the key creates the new one before deleting the old", async () => {
        const before = await stack.ws.outputs();
        const pubKey = String(before.pubKey);
        const [old] = await secretIds(pubKey);
        const [resource] = await stack.ws.resources(SECRET_TYPE);
        stack.emulator.clearRequests();
        keep(await stack.ws.up(["--replace", String(resource?.urn)]));
        const writes = stack.calls().filter((c) => c.startsWith("POST") || c.startsWith("DELETE"));
        expect(writes).toEqual([`POST /projects/${pubKey}/secrets/`, `DELETE /projects/${pubKey}/secrets/${old}/`]);
        const after = await stack.ws.outputs();
        expect(after.secret).not.toBe(before.secret);
        expect(await secretIds(pubKey)).not.toContain(old);
    });

    it("refresh drops a key deleted outside the stack; up makes a new one", async () => {
        const pubKey = String((await stack.ws.outputs()).pubKey);
        const [id] = await secretIds(pubKey);
        await deleteProjectSecret(api(), pubKey, String(id));
        await stack.ws.refresh();
        expect(await stack.ws.resources(SECRET_TYPE)).toEqual([]);
        expect(await stack.ws.resources(PROJECT_TYPE)).toHaveLength(1);
        await stack.ws.up();
        const [again] = await stack.ws.resources(SECRET_TYPE);
        expect(again?.id).not.toBe(id);
        expect(await secretIds(pubKey)).toEqual([again?.id]);
    });

    it("neither the key nor the token is in the state or the verbose logs in plain text", async () => {
        const { secret } = await stack.ws.outputs();
        const state = await stack.ws.exportState();
        expect(state).toContain(SECRET_TYPE);
        expect(state).not.toContain(String(secret));
        expect(state).not.toContain(TOKEN);
        keep(await stack.ws.run(["refresh", "--yes", ...VERBOSE]));
        for (const text of collected) expect(text).not.toContain(TOKEN);
        expect(collected.join("\n")).not.toContain(String(secret));
    });

    it("destroy deletes the key, then soft-deletes the project", async () => {
        const pubKey = String((await stack.ws.outputs()).pubKey);
        await stack.ws.destroy();
        await expect(getProjectByKey(api(), pubKey)).rejects.toMatchObject({ code: "UPLOADCARE_NOT_FOUND" });
        expect(await stack.ws.resources(PROJECT_TYPE)).toEqual([]);
    });

    it("a wrong token fails before anything is created, naming the setting", async () => {
        stack.emulator.clearRequests();
        const failed = await stack.ws.run(["up", "--yes"], {
            env: { UPLOADCARE_PROJECT_API_TOKEN: "wrong-token-7777" },
            allowFailure: true,
        });
        expect(failed.code).not.toBe(0);
        expect(failed.stdout).toContain("uploadcare:projectApiToken");
        expect(failed.stdout + failed.stderr).not.toContain("wrong-token-7777");
        expect(stack.calls().filter((c) => c.startsWith("POST"))).toEqual([]);
        expect(await managed()).toEqual([]);
    });
});
