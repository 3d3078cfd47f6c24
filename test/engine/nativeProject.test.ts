import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createProject, createProjectApiClient, getProjectByKey } from "../../src/client";
import { useEngineStack } from "../support/engineFixture";
import { installNativePlugin, type PackedPlugin, packNativePlugin } from "../support/nativePlugin";

// uploadcare:index:Project and ProjectSecret from Pulumi YAML with the native plugin, with only the Project API
// settings in the environment: up, the functions, `pulumi import` of a project, destroy.
const TOKEN = "native-account-token-9a8b7c6d";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-uploadcare-native-projects-"));
fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    `name: uploadcare-native-projects
runtime: yaml
resources:
  staging:
    type: uploadcare:index:Project
    properties:
      name: native-staging
      autostore: false
  key:
    type: uploadcare:index:ProjectSecret
    properties:
      project: \${staging.pubKey}
variables:
  all:
    fn::invoke:
      function: uploadcare:index:getProjects
      arguments: {}
outputs:
  pubKey: \${staging.pubKey}
  cdnBaseUrl: \${staging.cdnBaseUrl}
  secret: \${key.secret}
  projects: \${all.projects}
`,
);
let plugin: PackedPlugin | undefined;
afterAll(() => {
    plugin?.remove();
    fs.rmSync(dir, { recursive: true, force: true });
});

describe("Project and ProjectSecret with the native plugin", () => {
    const stack = useEngineStack({
        project: { inPlace: dir },
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

    it("up creates both, the key a secret in the state; getProjects lists the account's projects; a second up sends nothing", async () => {
        await stack.ws.up();
        const outputs = await stack.ws.outputs();
        const pubKey = String(outputs.pubKey);
        expect((await getProjectByKey(api(), pubKey)).features?.uploads?.autostore).toBe(false);
        expect(String(outputs.cdnBaseUrl)).toMatch(/\.ucarecd\.net$/);
        // The function ran before the project existed (no dependsOn): it lists the emulator's default project.
        expect((outputs.projects as { pubKey: string }[]).map((p) => p.pubKey)).toContain(stack.emulator.publicKey);
        const state = await stack.ws.exportState();
        expect(state).not.toContain(String(outputs.secret));
        expect(state).not.toContain(TOKEN);
        stack.emulator.clearRequests();
        await stack.ws.up(["--expect-no-changes"]);
        // The function runs on every up; nothing else is sent.
        expect(stack.calls()).toEqual(["GET /projects/"]);
    });

    it("pulumi import adopts an existing project by its public key", async () => {
        const existing = await createProject(api(), { name: "imported", features: { uploads: { autostore: true } } });
        const result = await stack.ws.run([
            "import",
            "uploadcare:index:Project",
            "adopted",
            existing.pub_key,
            "--yes",
            "--protect=false",
        ]);
        expect(result.stdout).toContain("1 imported");
        expect(result.stdout).toMatch(/adopted:\n\s+type: uploadcare:Project\n\s+properties:/);
        const imported = (await stack.ws.resources("uploadcare:index:Project")).find((r) =>
            r.urn.endsWith("::adopted"),
        );
        expect(imported?.id).toBe(existing.pub_key);
    });

    it("destroy deletes the key and soft-deletes both projects", async () => {
        const pubKey = String((await stack.ws.outputs()).pubKey);
        await stack.ws.destroy();
        await expect(getProjectByKey(api(), pubKey)).rejects.toMatchObject({ code: "UPLOADCARE_NOT_FOUND" });
    });
});
