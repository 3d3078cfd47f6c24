import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";
import { installNativePlugin, type PackedPlugin, packNativePlugin } from "../support/nativePlugin";

// With the native plugin, resources live in a project the same program creates through an explicit provider
// instance configured from a Project and a ProjectSecret (the native counterpart of `credentials`).
const TOKEN = "native-provider-account-token-7a8b";
const program = (base: string) => `name: uploadcare-native-project-provider
runtime: yaml
resources:
  staging:
    type: uploadcare:index:Project
    properties:
      name: acme-native-staging
  stagingKey:
    type: uploadcare:index:ProjectSecret
    properties:
      project: \${staging.pubKey}
  inStaging:
    type: pulumi:providers:uploadcare
    properties:
      publicKey: \${staging.pubKey}
      secretKey: \${stagingKey.secret}
      apiBaseUrl: ${base}
      uploadBaseUrl: ${base}
  notes:
    type: uploadcare:index:File
    properties:
      source:
        fn::stringAsset: Release notes
      filename: notes.txt
    options:
      provider: \${inStaging}
outputs:
  pubKey: \${staging.pubKey}
  uuid: \${notes.uuid}
  project: \${notes.project}
`;

let plugin: PackedPlugin | undefined;
afterAll(() => plugin?.remove());

describe("a native File in a project the same YAML program creates", () => {
    const stack = useEngineStack({
        project: { inline: "uploadcare-native-project-provider", program: "" },
        emulator: { projectApiToken: TOKEN },
        env: {
            UPLOADCARE_PROJECT_API_TOKEN: TOKEN,
            get UPLOADCARE_PROJECT_API_BASE_URL() {
                return `${stack.emulator.url}/`;
            },
        },
        before: async ({ ws, project, emulator }) => {
            fs.writeFileSync(path.join(project, "Pulumi.yaml"), program(emulator.url));
            plugin = packNativePlugin();
            await installNativePlugin(ws, plugin);
        },
    });

    it("up uploads the file into the new project, a second up changes nothing, destroy removes it all", async () => {
        await stack.ws.up();
        const outputs = await stack.ws.outputs();
        expect(outputs.project).toBe(outputs.pubKey);
        const files = stack.emulator.files(String(outputs.pubKey)).filter((f) => !f.datetimeRemoved);
        expect(files.map((f) => f.uuid)).toEqual([outputs.uuid]);
        stack.emulator.clearRequests();
        await stack.ws.up(["--expect-no-changes"]);
        expect(stack.requests()).toEqual([]);
        await stack.ws.destroy();
        expect(await stack.ws.resources("uploadcare:index:File")).toEqual([]);
    });
});
