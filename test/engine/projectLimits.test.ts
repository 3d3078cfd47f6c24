import { describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";

// A project's settings take effect on what the same program puts in it: an upload over its filesizeLimit fails with
// an error that names that limit, and nothing is stored.
const TOKEN = "engine-account-token-limits-0001";

describe("a File over its project's filesizeLimit", () => {
    const stack = useEngineStack({
        project: {
            inline: "uploadcare-project-limits",
            program: `const pulumi = require("@pulumi/pulumi");
const { File, Project, ProjectSecret } = require("pulumi-uploadcare");
const small = new Project("small", { name: "acme-small", filesizeLimit: 16 });
const key = new ProjectSecret("small-key", { project: small });
const credentials = { publicKey: small.pubKey, secretKey: key.secret };
new File("big", { source: new pulumi.asset.StringAsset("x".repeat(64)), filename: "big.txt", credentials });
`,
        },
        emulator: { projectApiToken: TOKEN },
        env: {
            UPLOADCARE_PROJECT_API_TOKEN: TOKEN,
            get UPLOADCARE_PROJECT_API_BASE_URL() {
                return `${stack.emulator.url}/`;
            },
            // The project's own APIs are the emulator too; the keys come from the program (credentials).
            get UPLOADCARE_API_BASE_URL() {
                return stack.emulator.url;
            },
            get UPLOADCARE_UPLOAD_BASE_URL() {
                return stack.emulator.url;
            },
        },
    });

    it("up fails naming the project's file size limit; the project and its key are made, no file is", async () => {
        const result = await stack.ws.run(["up", "--yes", "--skip-preview"], { allowFailure: true });
        expect(result.code).not.toBe(0);
        expect(result.stdout).toContain("File size exceeds project limit. (FileSizeLimitExceededError)");
        expect(result.stdout).toContain("The project's file size limit (a Project's filesizeLimit");
        expect(await stack.ws.resources("pulumi-nodejs:dynamic/uploadcare:File")).toEqual([]);
        await stack.ws.destroy();
    });
});
