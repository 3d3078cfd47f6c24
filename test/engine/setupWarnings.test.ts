import { describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";

// Setups that work but are unsafe get a warning in the CLI's output, once per program, and never fail it.
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { Group } = require("pulumi-uploadcare");
new Group("gallery", { files: new pulumi.Config().requireObject("files") });
new Group("second", { files: new pulumi.Config().requireObject("files") });
`;

describe("setup warnings through the Pulumi engine", () => {
    let files: string[];
    const stack = useEngineStack({
        project: { inline: "uploadcare-setup-warnings", program: PROGRAM },
        before: ({ emulator }) => {
            files = emulator.createFiles(1);
        },
        config: () => ({ files }),
    });
    const preview = async (env: NodeJS.ProcessEnv = {}) => {
        const { stdout, stderr } = await stack.ws.run(["preview"], { env });
        return `${stdout}\n${stderr}`;
    };
    // The CLI shows a warning where it happens and again under "Diagnostics:"; count it there (once per program,
    // although the program declares two resources).
    const count = (text: string, needle: string) => (text.split("Diagnostics:")[1] ?? "").split(needle).length - 1;

    it("a secret key kept as plain config is named, once, with the command that fixes it", async () => {
        await stack.ws.setConfig("uploadcare:secretKey", stack.emulator.secretKey);
        const out = await preview();
        expect(count(out, "uploadcare:secretKey is plain config")).toBe(1);
        expect(out).toContain("pulumi config set --secret uploadcare:secretKey <secret key>");
        // The warning names the setting, never the value.
        expect(out).not.toContain(stack.emulator.secretKey);

        await stack.ws.setConfig("uploadcare:secretKey", stack.emulator.secretKey, { secret: true });
        expect(await preview()).not.toContain("is plain config");
        await stack.ws.run(["config", "rm", "uploadcare:secretKey"]);
    });

    it("emulator: auto without a key says the stack runs on the embedded emulator and what to .gitignore", async () => {
        await stack.ws.setConfig("uploadcare:emulator", "auto");
        const out = await preview({ UPLOADCARE_PUBLIC_KEY: "", UPLOADCARE_SECRET_KEY: "" });
        expect(count(out, "uses an embedded local emulator, not Uploadcare")).toBe(1);
        expect(out).toContain(".pulumi-uploadcare/");
        // With the keys set, auto does not fall back, and nothing is said.
        expect(await preview()).not.toContain("embedded local emulator");
        await stack.ws.run(["config", "rm", "uploadcare:emulator"]);
    });

    it("an emulator REST URL with Uploadcare's own Upload API (or the reverse) is named", async () => {
        const out = await preview({ UPLOADCARE_UPLOAD_BASE_URL: "" });
        expect(out).toContain("point at different places: one is a local emulator, the other is not");
        expect(out).toContain("https://upload.uploadcare.com");
        expect(await preview()).not.toContain("point at different places");
    });
});
