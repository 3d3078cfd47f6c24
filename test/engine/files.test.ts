import * as fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { watchProviderRss } from "../../scripts/lib/processRss.mts";
import { DEMO_CDN } from "../support/cdn";
import { useEngineStack } from "../support/engineFixture";

// Files as infrastructure through the real CLI: examples/files uploads every image of its folder, groups them, and
// exports their CDN URLs. Steps build on each other on one stack.
describe("examples/files through the Pulumi engine", () => {
    const stack = useEngineStack({ project: { example: "files" } });
    const image = (name: string) => path.join(stack.project, "images", name);
    const stored = () => stack.emulator.files().filter((f) => f.datetimeStored && !f.datetimeRemoved);

    it("up uploads each image unstored, stores it, and groups them: one request each, plus the key check and the list before the group", async () => {
        stack.emulator.clearRequests();
        await stack.ws.up();
        const calls = stack.calls();
        expect(calls.filter((c) => c === "POST /base/")).toHaveLength(3);
        expect(calls.filter((c) => /^PUT \/files\/[0-9a-f-]+\/storage\/$/.test(c))).toHaveLength(3);
        expect(calls.filter((c) => c === "POST /group/")).toHaveLength(1);
        expect(calls.filter((c) => c === "GET /project/")).toHaveLength(1);
        // Before the POST, the newest group is noted, so a lost answer can only adopt a group made after it.
        expect(calls.filter((c) => c.startsWith("GET /groups/"))).toHaveLength(1);
        expect(calls).toHaveLength(9);
        const outputs = await stack.ws.outputs();
        const urls = outputs.imageUrls as Record<string, string>;
        expect(Object.keys(urls).sort()).toEqual(["hero.png", "icon.png", "logo.png"]);
        expect(
            stored()
                .map((f) => f.originalFilename)
                .sort(),
        ).toEqual(["hero.png", "icon.png", "logo.png"]);
        expect(stored().every((f) => f.isImage && f.metadata.example === "files")).toBe(true);
        const [group] = stack.emulator.groups();
        expect(outputs.groupCdnUrl).toBe(`${DEMO_CDN}/${group?.id}/`);
        for (const file of stored()) expect(urls[file.originalFilename]).toContain(file.uuid);
    });

    it("a second up sends nothing; touching a file without changing its bytes is no change", async () => {
        const now = new Date();
        fs.utimesSync(image("logo.png"), now, now);
        stack.emulator.clearRequests();
        await stack.ws.up(["--expect-no-changes"]);
        expect(stack.requests()).toEqual([]);
    });

    it("new bytes replace the file (new first, then the old one deleted) and the group; three stay stored", async () => {
        const before = stored().find((f) => f.originalFilename === "icon.png");
        fs.appendFileSync(image("icon.png"), Buffer.from([0]));
        const preview = await stack.ws.preview();
        expect(preview.stdout).toMatch(/\+-pulumi-nodejs:dynamic\/uploadcare:File: \(replace\)/);
        await stack.ws.up();
        const after = stored();
        expect(after).toHaveLength(3);
        expect(after.map((f) => f.uuid)).not.toContain(before?.uuid);
        expect(stack.emulator.files().find((f) => f.uuid === before?.uuid)?.datetimeRemoved).not.toBeNull();
        expect(stack.emulator.groups()).toHaveLength(1);
        expect(
            stack.emulator
                .groups()[0]
                ?.files.map((m) => m.uuid)
                .sort(),
        ).toEqual(after.map((f) => f.uuid).sort());
    });

    it("a metadata change is an update in place: one metadata PUT per file, nothing replaced", async () => {
        const program = path.join(stack.project, "index.ts");
        fs.writeFileSync(program, fs.readFileSync(program, "utf8").replace('example: "files"', 'example: "files-v2"'));
        const uuids = stored().map((f) => f.uuid);
        stack.emulator.clearRequests();
        await stack.ws.up();
        expect(stack.calls().filter((c) => c.includes("/metadata/example/"))).toHaveLength(3);
        expect(stack.calls()).not.toContain("POST /base/");
        expect(stored().map((f) => f.uuid)).toEqual(uuids);
        expect(stored().every((f) => f.metadata.example === "files-v2")).toBe(true);
    });

    it("refresh drops a file deleted out of band; up uploads it again", async () => {
        const victim = stored().find((f) => f.originalFilename === "hero.png");
        stack.emulator.removeFileOutOfBand(victim?.uuid ?? "");
        const refresh = await stack.ws.refresh();
        expect(refresh.stdout).toMatch(/deleted/);
        expect((await stack.ws.resources("pulumi-nodejs:dynamic/uploadcare:File")).map((r) => r.id)).not.toContain(
            victim?.uuid,
        );
        await stack.ws.up();
        expect(
            stored()
                .map((f) => f.originalFilename)
                .sort(),
        ).toEqual(["hero.png", "icon.png", "logo.png"]);
    });

    it("destroy deletes the group first, then the files (the engine orders them by dependency)", async () => {
        const [group] = stack.emulator.groups();
        stack.emulator.clearRequests();
        await stack.ws.destroy();
        const calls = stack.calls();
        const groupDelete = calls.indexOf(`DELETE /groups/${group?.id}/`);
        const fileDeletes = calls.flatMap((c, i) => (/^DELETE \/files\/[0-9a-f-]+\/storage\/$/.test(c) ? [i] : []));
        expect(groupDelete).toBeGreaterThanOrEqual(0);
        expect(fileDeletes).toHaveLength(3);
        expect(Math.min(...fileDeletes)).toBeGreaterThan(groupDelete);
        expect(stored()).toEqual([]);
    });
});

const REMOTE_PROGRAM = `
const { File } = require("pulumi-uploadcare");
const pulumi = require("@pulumi/pulumi");
const config = new pulumi.Config();
const remote = config.get("sourceUrl");
const big = config.get("bigFile");
if (remote) exports.remote = new File("remote", { sourceUrl: remote }).cdnUrl;
if (big) exports.big = new File("big", { source: new pulumi.asset.FileAsset(big) }).size;
`;

describe("File from a URL, and a 200 MB multipart upload, through the engine", () => {
    let origin: Server;
    let originUrl = "";
    beforeAll(async () => {
        origin = createServer((_req, res) =>
            res.writeHead(200, { "content-type": "text/plain" }).end("served by the origin"),
        );
        await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
        originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => origin.close(() => resolve())));
    const stack = useEngineStack({ project: { inline: "uploadcare-remote-files", program: REMOTE_PROGRAM } });

    /** `pulumi up`, returning the provider process's peak RSS in KiB. */
    async function upMeasured(): Promise<number> {
        let watch: { stop(): number } | undefined;
        await stack.ws.run(["up", "--yes", "--skip-preview"], { onStart: (pid) => (watch = watchProviderRss(pid)) });
        return watch?.stop() ?? 0;
    }
    let baselineKb = 0;

    it("sourceUrl: Uploadcare (the emulator) fetches a loopback URL and the file is stored", async () => {
        await stack.ws.setConfig("sourceUrl", `${originUrl}/notes/readme.txt`);
        baselineKb = await upMeasured();
        const [file] = stack.emulator.files().filter((f) => f.datetimeStored);
        expect(file?.originalFilename).toBe("readme.txt");
        expect((await stack.emulator.fileBytes(file?.uuid ?? ""))?.toString()).toBe("served by the origin");
        expect((await stack.ws.outputs()).remote).toContain(file?.uuid);
    });

    it("a 200 MB source is a streamed multipart upload: the provider's peak RSS grows by at most 64 MB", async () => {
        const big = path.join(stack.tempDir(), "video.bin");
        const chunk = Buffer.alloc(1024 * 1024, 0x5a);
        const fd = fs.openSync(big, "w");
        for (let i = 0; i < 200; i++) fs.writeSync(fd, chunk);
        fs.closeSync(fd);
        await stack.ws.setConfig("bigFile", big);
        stack.emulator.clearRequests();
        const peakKb = await upMeasured();
        const mib = (kb: number) => (kb / 1024).toFixed(1);
        console.log(
            `200 MB multipart upload: provider peak RSS ${mib(peakKb)} MiB, ${mib(peakKb - baselineKb)} MiB over ` +
                `the ${mib(baselineKb)} MiB of an up that fetches a small file by URL`,
        );
        expect(stack.calls()).toContain("POST /multipart/complete/");
        expect(stack.calls().filter((c) => c.startsWith("PUT ") && !c.includes("/files/")).length).toBe(40);
        expect((await stack.ws.outputs()).big).toBe(200 * 1024 * 1024);
        // The bytes are streamed from disk: the provider holds a few parts at a time, never the file.
        expect(baselineKb).toBeGreaterThan(0);
        expect(peakKb - baselineKb).toBeLessThanOrEqual(64 * 1024);
        await stack.ws.destroy();
    });
});
