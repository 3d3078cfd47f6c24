import { describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";

// `pulumi preview` fails on the settings `up` would fail on (issue #24 item 3): the dynamic resources' `check`
// validates what the create or change will need and proves the keys with one GET /project/, but only for a
// resource that will be created or changed, so a preview with no changes still sends nothing.
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { Group } = require("pulumi-uploadcare");
new Group("gallery", { files: new pulumi.Config().requireObject("files") });
`;

describe("settings checked at preview through the Pulumi engine", () => {
    let files: string[];
    const stack = useEngineStack({
        project: { inline: "uploadcare-preview-checks", program: PROGRAM },
        before: ({ emulator }) => {
            files = emulator.createFiles(1, { stored: true });
        },
        config: () => ({ files }),
    });
    const preview = async (env: NodeJS.ProcessEnv = {}) => {
        const result = await stack.ws.run(["preview"], { env, allowFailure: true });
        return { code: result.code, out: `${result.stdout}\n${result.stderr}` };
    };

    it.each([
        ["no keys", { UPLOADCARE_PUBLIC_KEY: "", UPLOADCARE_SECRET_KEY: "" }, "uploadcare:publicKey"],
        ["apiBaseUrl: ftp://nope", { UPLOADCARE_API_BASE_URL: "ftp://nope" }, "apiBaseUrl"],
        ["maxConcurrency: lots", { UPLOADCARE_MAX_CONCURRENCY: "lots" }, "uploadcare:maxConcurrency"],
        ["a wrong secret key", { UPLOADCARE_SECRET_KEY: "wrong-secret-key-0123" }, "uploadcare:secretKey"],
    ])("%s fails the preview, naming the setting", async (_case, env, setting) => {
        stack.emulator.clearRequests();
        const { code, out } = await preview(env);
        expect(code).not.toBe(0);
        expect(out).toContain(setting);
        // A check failure the engine prints as the reason alone: no stack trace.
        expect(out).not.toMatch(/\n\s+at \S+ \(.*:\d+:\d+\)/);
        expect(out).not.toContain(stack.emulator.secretKey);
        expect(out).not.toContain("wrong-secret-key-0123");
        // Nothing was created or changed: at most the read-only key check.
        expect(stack.calls().filter((call) => call !== "GET /project/")).toEqual([]);
    });

    it("a good setup previews fine with one GET /project/; after up, a no-change preview sends nothing", async () => {
        stack.emulator.clearRequests();
        expect((await preview()).code).toBe(0);
        expect(stack.calls()).toEqual(["GET /project/"]);
        await stack.ws.run(["up", "--yes"]);
        stack.emulator.clearRequests();
        const again = await preview();
        expect(again.code).toBe(0);
        expect(stack.calls()).toEqual([]);
    });

    it("uploadcare:checkKeysAtPreview false turns the key check off (settings are still checked)", async () => {
        // A change (a second member replaces the group), so the key check would run.
        await stack.ws.setConfig("files", [...files, ...files]);
        await stack.ws.setConfig("uploadcare:checkKeysAtPreview", "false");
        stack.emulator.clearRequests();
        expect((await preview({ UPLOADCARE_SECRET_KEY: "wrong-secret-key-0123" })).code).toBe(0);
        expect(stack.calls()).toEqual([]);
        expect((await preview({ UPLOADCARE_MAX_CONCURRENCY: "lots" })).code).not.toBe(0);
        await stack.ws.run(["config", "rm", "uploadcare:checkKeysAtPreview"]);
        await stack.ws.run(["destroy", "--yes"]);
    });
});
