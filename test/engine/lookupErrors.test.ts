import { describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";

// A failed lookup reads as its own message in the CLI: no "unhandled exception", no stack trace, no colour codes.
const PROGRAM = `
const { getGroupOutput } = require("pulumi-uploadcare");
exports.files = getGroupOutput({ groupId: process.env.GROUP_ARG }).files;
`;

describe("lookup errors through the Pulumi engine", () => {
    const stack = useEngineStack({ project: { inline: "uploadcare-lookup-errors", program: PROGRAM } });
    const failedPreview = async (groupArg: string) => {
        const result = await stack.ws.run(["preview"], { env: { GROUP_ARG: groupArg }, allowFailure: true });
        expect(result.code).not.toBe(0);
        return `${result.stdout}\n${result.stderr}`;
    };
    const expectPlain = (out: string) => {
        expect(out).not.toContain("unhandled exception");
        expect(out).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m);
        expect(out).not.toContain("\u001b[");
    };

    it("a bare UUID as groupId is named as groupId, with what a group id looks like", async () => {
        const out = await failedPreview("3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5");
        expect(out).toContain("groupId must be an Uploadcare group id");
        expect(out).toContain("this is a bare UUID");
        expectPlain(out);
    });

    it("a group the project lacks names the id and the project", async () => {
        const missing = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~2";
        const out = await failedPreview(missing);
        expect(out).toContain(`project ${stack.emulator.publicKey} has no such group`);
        expectPlain(out);
    });
});
