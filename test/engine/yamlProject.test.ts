import { afterAll, describe, expect, it } from "vitest";
import { createProjectApiClient, getProjectByKey } from "../../src/client";
import { useEngineStack } from "../support/engineFixture";
import { installNativePlugin, type PackedPlugin, packNativePlugin } from "../support/nativePlugin";

// examples/yaml-project (quoted by docs/reference/project.md and projectsecret.md) with the native plugin, with
// only the Project API settings in the environment: up, a second up, a rename, destroy.
const TOKEN = "yaml-project-account-token-5e6f";

let plugin: PackedPlugin | undefined;
afterAll(() => plugin?.remove());

describe("examples/yaml-project with the native plugin", () => {
    const stack = useEngineStack({
        project: { example: "yaml-project" },
        emulator: { projectApiToken: TOKEN },
        env: {
            UPLOADCARE_PROJECT_API_TOKEN: TOKEN,
            get UPLOADCARE_PROJECT_API_BASE_URL() {
                return `${stack.emulator.url}/`;
            },
        },
        before: async ({ ws }) => {
            plugin = packNativePlugin();
            await installNativePlugin(ws, plugin);
        },
    });
    const api = () => createProjectApiClient({ token: TOKEN, baseUrl: `${stack.emulator.url}/` });

    it("up creates the project and its key; a second up sends nothing; a rename updates; destroy removes it", async () => {
        await stack.ws.up();
        const outputs = await stack.ws.outputs();
        const pubKey = String(outputs.pubKey);
        const project = await getProjectByKey(api(), pubKey);
        expect(project).toMatchObject({ name: "acme-staging" });
        expect(project.features?.uploads).toMatchObject({ autostore: false, filesize_limit: 5_000_000 });
        expect(String(outputs.cdnBase)).toMatch(/\.ucarecd\.net$/);
        expect(String(outputs.hint)).toBe(String(outputs.secretKey).slice(-4));
        expect(await stack.ws.exportState()).not.toContain(String(outputs.secretKey));

        stack.emulator.clearRequests();
        await stack.ws.up(["--expect-no-changes"]);
        expect(stack.calls()).toEqual([]);

        await stack.ws.setConfig("name", "acme-staging-renamed");
        await stack.ws.up();
        expect((await getProjectByKey(api(), pubKey)).name).toBe("acme-staging-renamed");
        expect((await stack.ws.outputs()).pubKey).toBe(pubKey);

        await stack.ws.destroy();
        await expect(getProjectByKey(api(), pubKey)).rejects.toMatchObject({ code: "UPLOADCARE_NOT_FOUND" });
    });
});
