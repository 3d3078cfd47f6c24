import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { missingSourceProblem } from "../../src/resources/sourceAsset";

describe("missingSourceProblem", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uploadcare-source-"));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("accepts a file, relative to the program's folder or absolute", () => {
        fs.writeFileSync(path.join(dir, "logo.png"), "x");
        expect(missingSourceProblem("logo", "logo.png", dir)).toBeUndefined();
        expect(missingSourceProblem("logo", path.join(dir, "logo.png"), "/")).toBeUndefined();
    });

    it("names the resource, the resolved path and the fix for a missing file or a folder", () => {
        expect(missingSourceProblem("logo", "img/none.png", dir)).toBe(
            `source of File "logo": ${path.join(dir, "img", "none.png")} does not exist. A FileAsset path is relative ` +
                `to the program's folder (${dir}); fix the path given to new pulumi.asset.FileAsset("img/none.png"), or create the file.`,
        );
        expect(missingSourceProblem("logo", ".", dir)).toContain(`${dir} is not a file`);
    });
});
