import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";

// The file fault profile: uploads whose answer is lost after Uploadcare applied them (the connection is reset
// after the file was made) on /base/, /multipart/complete/ and /from_url/, plus 5xx answers. The provider uploads
// unstored and stores afterwards, so whatever was sent twice leaves only unstored copies (which Uploadcare deletes
// within 24 hours): exactly the declared files end up stored, and they are the ones in the state.

const NOTES = 12;
const PROGRAM = `
const { File } = require("pulumi-uploadcare");
const pulumi = require("@pulumi/pulumi");
const config = new pulumi.Config();
for (let i = 0; i < ${NOTES}; i++) {
    new File("note-" + i, { source: new pulumi.asset.StringAsset("note " + i), filename: "note-" + i + ".txt" });
}
new File("remote", { sourceUrl: config.require("sourceUrl") });
new File("big", { source: new pulumi.asset.FileAsset(config.require("bigFile")) });
`;

describe("file fault profile: lost answers and 5xx on every upload route", () => {
    let origin: Server;
    let originUrl = "";
    beforeAll(async () => {
        origin = createServer((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("remote bytes"));
        await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
        originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => origin.close(() => resolve())));

    const stack = useEngineStack({ project: { inline: "uploadcare-file-faults", program: PROGRAM } });
    const live = () => stack.emulator.files().filter((f) => !f.datetimeRemoved);

    it("up ends with exactly the declared files stored, the same ones as in the state; copies are unstored", async () => {
        const big = path.join(stack.tempDir(), "big.bin");
        const bytes = Buffer.alloc(12 * 1024 * 1024, 3);
        fs.writeFileSync(big, bytes);
        await stack.ws.setConfig("sourceUrl", `${originUrl}/remote.txt`);
        await stack.ws.setConfig("bigFile", big);
        stack.emulator.injectFaults([
            { method: "POST", path: "/base/", action: "reset-after", times: 3 },
            { method: "POST", path: "/base/", action: "status", status: 503, times: 2 },
            { method: "POST", path: "/multipart/complete/", action: "reset-after", times: 1 },
            { method: "POST", path: "/from_url/", action: "reset-after", times: 1 },
        ]);
        await stack.ws.up(["--parallel", "8"]);
        expect(stack.emulator.activeFaults()).toEqual([]);

        const stored = live().filter((f) => f.datetimeStored);
        const inState = (await stack.ws.resources("pulumi-nodejs:dynamic/uploadcare:File")).map((r) => r.id);
        expect(stored).toHaveLength(NOTES + 2);
        expect(stored.map((f) => f.uuid).sort()).toEqual([...inState].sort());
        const names = stored.map((f) => f.originalFilename).sort();
        expect(names).toEqual(
            [...Array.from({ length: NOTES }, (_, i) => `note-${i}.txt`), "big.bin", "remote.txt"].sort(),
        );
        const bigFile = stored.find((f) => f.originalFilename === "big.bin");
        const sha = createHash("sha256").update(bytes).digest("hex");
        expect(
            createHash("sha256")
                .update((await stack.emulator.fileBytes(bigFile?.uuid ?? "")) ?? "")
                .digest("hex"),
        ).toBe(sha);
        // Every reset-after made a file that was then sent again: 3 on /base/ and 1 on /from_url/ (a multipart
        // complete is looked up by its UUID instead of being sent again, so it leaves no copy).
        const copies = live().filter((f) => !f.datetimeStored);
        expect(copies).toHaveLength(4);
    });

    it("a second up changes nothing, and destroy leaves no stored file", async () => {
        stack.emulator.clearRequests();
        await stack.ws.up(["--expect-no-changes"]);
        expect(stack.requests()).toEqual([]);
        await stack.ws.destroy();
        expect(live().filter((f) => f.datetimeStored)).toEqual([]);
    });
});
