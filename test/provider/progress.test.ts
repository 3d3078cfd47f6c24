import * as fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator";
import { createFileProvider, type FileProvider } from "../../src/provider/file/provider";
import { emulatorConfig } from "../support/providerHarness";

// The File provider's progress hooks against the emulator: a multipart upload reports each part as its PUT is
// answered, a from_url upload reports each status that keeps it waiting. The provider's `progress` is injected, so
// every line is seen before any rate limit.

const MIB = 1024 * 1024;
const wire = (file: string) => ({ "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17", path: file });

describe("File upload progress", () => {
    let emulator: Emulator;
    let provider: FileProvider;
    let origin: Server;
    let originUrl: string;
    let dir: string;
    const lines: string[] = [];

    beforeAll(async () => {
        emulator = await startEmulator({ quiet: true, allowLoopbackSources: true });
        provider = createFileProvider({ env: {}, random: () => 0.5, progress: (line) => lines.push(line) });
        await provider.configure({ config: emulatorConfig(emulator) });
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "file-progress-"));
        // The source answers after 1.2 s: the first polls (250 ms, then doubling) find it still waiting.
        origin = createServer((_req, res) => {
            setTimeout(() => res.writeHead(200, { "content-type": "image/jpeg" }).end("late"), 1_200);
        });
        await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
        originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
        origin.close();
        fs.rmSync(dir, { recursive: true, force: true });
        await emulator.close();
    });

    async function create(news: Record<string, unknown>) {
        lines.length = 0;
        const { inputs, failures } = await provider.check({}, news);
        expect(failures ?? []).toEqual([]);
        return provider.create(inputs);
    }

    it("a 12 MiB file goes in 3 parts and reports part 1/3, 2/3 and 3/3, one line per answered PUT", async () => {
        const file = path.join(dir, "movie.mp4");
        fs.writeFileSync(file, Buffer.alloc(12 * MIB, 3));
        await create({ source: wire(file), filename: "movie.mp4" });
        expect(lines).toEqual(["movie.mp4: part 1/3", "movie.mp4: part 2/3", "movie.mp4: part 3/3"]);
        const puts = emulator.requests.filter((r) => r.method === "PUT" && r.path.startsWith("/multipart/part/"));
        expect(puts).toHaveLength(3);
    });

    it("a small file (direct upload) reports nothing", async () => {
        const file = path.join(dir, "small.txt");
        fs.writeFileSync(file, "small");
        await create({ source: wire(file), filename: "small.txt" });
        expect(lines).toEqual([]);
    });

    it("a from_url wait reports its status and the seconds waited, naming the URL without its query", async () => {
        await create({ sourceUrl: `${originUrl}/hero.jpg?token=s3cret`, filename: "hero.jpg" });
        expect(lines.length).toBeGreaterThanOrEqual(2);
        for (const line of lines) {
            expect(line).toMatch(
                new RegExp(`^hero\\.jpg: fetching from ${originUrl}/hero\\.jpg, waiting \\(\\d+ s\\)$`),
            );
        }
        expect(lines.join("\n")).not.toContain("s3cret");
    });
});
