import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";

// A FileAsset's path is checked by the File class before the engine hashes it: a missing file fails with a
// message naming the argument, the path and the fix, instead of the SDK's stack trace.
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { File } = require("pulumi-uploadcare");
const logo = new File("logo", { source: new pulumi.asset.FileAsset(process.env.LOGO_PATH) });
exports.uuid = logo.uuid;
exports.size = logo.size;
`;

describe("a File's FileAsset source through the Pulumi engine", () => {
    const stack = useEngineStack({ project: { inline: "uploadcare-file-source", program: PROGRAM } });

    it("a missing file fails preview and up with the path and the fix, no stack trace, nothing sent", async () => {
        for (const command of [["preview"], ["up", "--yes"]]) {
            const result = await stack.ws.run(command, {
                env: { LOGO_PATH: "assets/missing.png" },
                allowFailure: true,
            });
            const out = `${result.stdout}\n${result.stderr}`;
            expect(result.code).not.toBe(0);
            expect(out).toContain(
                `source of File "logo": ${path.join(stack.project, "assets", "missing.png")} does not exist`,
            );
            expect(out).toContain('new pulumi.asset.FileAsset("assets/missing.png")');
            expect(out).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
        }
        expect(stack.requests()).toEqual([]);
    });

    it("an existing file uploads as before, and a second up changes nothing", async () => {
        fs.mkdirSync(path.join(stack.project, "assets"), { recursive: true });
        fs.writeFileSync(path.join(stack.project, "assets", "logo.png"), "not really a png");
        const env = { LOGO_PATH: "assets/logo.png" };
        await stack.ws.run(["up", "--yes", "--skip-preview"], { env });
        expect((await stack.ws.outputs()).size).toBe(16);
        stack.emulator.clearRequests();
        await stack.ws.run(["up", "--yes", "--expect-no-changes"], { env });
        expect(stack.requests()).toEqual([]);
        await stack.ws.run(["destroy", "--yes", "--skip-preview"], { env });
    });
});
