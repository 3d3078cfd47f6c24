import { describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";

// Bad inputs fail the preview with the field, the problem and the fix, as the package's other errors read: never
// the engine's "property source value {&{…}} has a problem: …" with an asset rendered as a Go struct.
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { File, Group } = require("pulumi-uploadcare");
if (process.env.CASE === "file") {
    new File("logo", { source: new pulumi.asset.StringAsset("x"), sourceUrl: "https://example.com/logo.png" });
} else {
    new Group("gallery", { files: ["3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5"], groupId: "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~1" });
}
`;

describe("check failures through the Pulumi engine", () => {
    const stack = useEngineStack({ project: { inline: "uploadcare-check-messages", program: PROGRAM } });
    const failedPreview = async (which: string) => {
        const result = await stack.ws.run(["preview"], { env: { CASE: which }, allowFailure: true });
        expect(result.code).not.toBe(0);
        // The engine names the resource ("File resource 'logo' has a problem: …"), then our field and reason.
        expect(result.stdout).not.toMatch(/property \w+ value \{/);
        expect(result.stdout).not.toContain("{&{");
        return result.stdout;
    };

    it("a File with both source and sourceUrl names sourceUrl, the conflict and the fix", async () => {
        expect(await failedPreview("file")).toContain(
            "sourceUrl: cannot be given with source: give source for bytes the provider uploads, or sourceUrl for Uploadcare to fetch",
        );
        expect(stack.requests()).toEqual([]);
    });

    it("a Group with both files and groupId names groupId, the conflict and the fix", async () => {
        expect(await failedPreview("group")).toContain(
            "groupId: cannot be given with files: use files to create a new group, or groupId to adopt an existing one",
        );
    });
});
