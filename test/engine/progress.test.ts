import * as fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";
import { installNativePlugin, type PackedPlugin, packNativePlugin } from "../support/nativePlugin";

// Progress in `pulumi up`'s own output, as CI sees it (`--non-interactive`, with and without a preview): a File
// over 10 MiB goes multipart and shows `part k/n` on its row; a from_url File whose source answers late shows the
// wait. Both are ephemeral (not repeated under "Diagnostics"), and the source URL's query never shows.

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { File } = require("pulumi-uploadcare");
new File("big", { source: new pulumi.asset.FileAsset(process.env.BIG_PATH) });
new File("hero", { sourceUrl: process.env.HERO_URL, filename: "hero.jpg" });
`;
const MIB = 1024 * 1024;
const SOURCE_DELAY_MS = 3_500;

/** A source that answers after a delay, so Uploadcare (the emulator) reports "waiting" for a few polls. */
async function delayedOrigin(): Promise<{ server: Server; url: string }> {
    const server = createServer((_req, res) => {
        setTimeout(() => res.writeHead(200, { "content-type": "image/jpeg" }).end("late bytes"), SOURCE_DELAY_MS);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return { server, url: `http://127.0.0.1:${port}/hero.jpg?token=s3cret-token` };
}

/** The CLI's lines for a File row (`+  pulumi-nodejs:dynamic/uploadcare:File big creating (1s) …`). */
const rowLines = (out: string, name: string) =>
    out.split("\n").filter((line) => new RegExp(`:File ${name} creat`).test(line));

function expectProgress(out: string) {
    const big = rowLines(out, "big").join("\n");
    expect(big).toMatch(/creating \(\d+s\) big\.bin: part 1\/3$/m);
    expect(big).toMatch(/big\.bin: part 3\/3$/m);
    const hero = rowLines(out, "hero").join("\n");
    expect(hero).toMatch(/hero\.jpg: fetching from http:\/\/127\.0\.0\.1:\d+\/hero\.jpg, waiting \(\d+ s\)$/m);
    expect(out).not.toContain("s3cret-token");
    // Ephemeral: shown while the step runs, not kept as a diagnostic.
    const diagnostics = out.includes("Diagnostics:") ? out.slice(out.indexOf("Diagnostics:")) : "";
    expect(diagnostics).not.toMatch(/part \d\/3|fetching from/);
}

describe("progress lines in pulumi up's output (dynamic provider)", () => {
    const stack = useEngineStack({ project: { inline: "uploadcare-progress", program: PROGRAM } });
    let origin: Server;
    let env: NodeJS.ProcessEnv;

    beforeAll(async () => {
        const source = await delayedOrigin();
        origin = source.server;
        const big = path.join(stack.tempDir(), "big.bin");
        fs.writeFileSync(big, Buffer.alloc(12 * MIB, 1));
        env = { BIG_PATH: big, HERO_URL: source.url };
    });
    afterAll(() => origin.close());

    it("up --skip-preview shows part k/n on the big file's row and the wait on the from_url file's row", async () => {
        const result = await stack.ws.run(["up", "--yes", "--skip-preview"], { env });
        expectProgress(result.stdout);
        await stack.ws.run(["destroy", "--yes", "--skip-preview"], { env });
    });

    it("up --yes (preview first) shows the same", async () => {
        const result = await stack.ws.run(["up", "--yes"], { env });
        expectProgress(result.stdout);
        await stack.ws.run(["destroy", "--yes", "--skip-preview"], { env });
    });
});

const nativeDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-uploadcare-native-progress-"));
let plugin: PackedPlugin | undefined;
let nativeOrigin: Server | undefined;
afterAll(() => {
    plugin?.remove();
    nativeOrigin?.close();
    fs.rmSync(nativeDir, { recursive: true, force: true });
});

describe("progress lines in pulumi up's output (native plugin, Pulumi YAML)", () => {
    const stack = useEngineStack({
        project: { inPlace: nativeDir },
        before: async ({ ws }) => {
            const source = await delayedOrigin();
            nativeOrigin = source.server;
            fs.writeFileSync(path.join(nativeDir, "big.bin"), Buffer.alloc(12 * MIB, 1));
            fs.writeFileSync(
                path.join(nativeDir, "Pulumi.yaml"),
                `name: uploadcare-native-progress
runtime: yaml
resources:
  big:
    type: uploadcare:index:File
    properties:
      source:
        fn::fileAsset: ./big.bin
  hero:
    type: uploadcare:index:File
    properties:
      sourceUrl: ${source.url}
      filename: hero.jpg
`,
            );
            plugin = packNativePlugin();
            await installNativePlugin(ws, plugin);
        },
    });

    it("up --skip-preview and up --yes show part k/n and the wait on each File's row", async () => {
        for (const up of [
            ["up", "--yes", "--skip-preview"],
            ["up", "--yes"],
        ]) {
            const result = await stack.ws.run(up);
            expectProgress(result.stdout);
            await stack.ws.run(["destroy", "--yes", "--skip-preview"]);
        }
    });
});
