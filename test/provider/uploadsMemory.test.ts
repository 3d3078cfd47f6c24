import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { afterAll, expect, it } from "vitest";
import { createClient, uploadDirect, uploadMultipart } from "../../src/client";
import { emulatorFixtures } from "../support/emulatorFixtures";

const { tempDir } = emulatorFixtures("uc-provider-memory-");
const MIB = 1024 * 1024;
const SIZE = 200 * MIB;

/**
 * A bare Upload API in another process, so the RSS measured is the client's alone (the provider's process): it
 * answers start with part URLs on itself, counts and drops part bytes, and answers complete with the total. The
 * emulator's own multipart handling is tested elsewhere; in this process its buffers would blur the figure.
 */
const SERVER = `
const http = require("node:http");
let received = 0;
const server = http.createServer((req, res) => {
    const json = (v) => { res.setHeader("content-type", "application/json"); res.end(JSON.stringify(v)); };
    let body = "";
    req.on("data", (c) => { if (req.method === "PUT") received += c.length; else body += c; });
    req.on("end", () => {
        const base = "http://127.0.0.1:" + server.address().port;
        if (req.url.startsWith("/base/")) return json({ file: "00000000-0000-4000-8000-000000000001" });
        if (req.url.startsWith("/multipart/start/")) {
            const f = new URLSearchParams(body);
            const n = Math.ceil(Number(f.get("size")) / Number(f.get("part_size")));
            const parts = Array.from({ length: n }, (_, i) => base + "/part/" + i + "/");
            return json({ uuid: "00000000-0000-4000-8000-000000000002", parts });
        }
        if (req.method === "PUT") return res.end();
        return json({ uuid: "00000000-0000-4000-8000-000000000002", is_stored: false, size: received });
    });
});
server.listen(0, "127.0.0.1", () => process.stdout.write(String(server.address().port) + "\\n"));
`;

let server: ChildProcess | undefined;
afterAll(() => {
    server?.kill();
});

async function startServer(): Promise<string> {
    server = spawn(process.execPath, ["-e", SERVER], { stdio: ["ignore", "pipe", "inherit"] });
    const port = await new Promise<string>((resolve) =>
        server?.stdout?.once("data", (d: Buffer) => resolve(d.toString().trim())),
    );
    return `http://127.0.0.1:${port}`;
}

/** Writes `size` bytes 1 MiB at a time, so the test itself never holds the file in memory. */
async function generate(path: string, size: number): Promise<void> {
    const out = createWriteStream(path);
    const chunk = Buffer.alloc(MIB);
    for (let written = 0; written < size; written += MIB) {
        chunk.writeUInt32BE(written / MIB, 0);
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    out.end();
    await finished(out);
}

/**
 * The target: at most 64 MB more, whatever the file's size. Parts are read into one reused buffer per sender
 * (4 × 5 MiB), so no per-chunk garbage piles up (it did when parts were streamed in fresh 64 KiB chunks: 50 to
 * 80 MB). Reading the file whole (200 MB) fails this.
 */
const MAX_RSS_DELTA_MB = 64;

it("a 200 MB multipart upload raises the client's RSS by a bounded amount (garbage only)", {
    timeout: 120_000,
}, async () => {
    const path = join(tempDir(), "big.bin");
    await generate(path, SIZE);
    const url = await startServer();
    const client = createClient({ publicKey: "demopublickey", apiBaseUrl: url, uploadBaseUrl: url });
    // Warm-up: loads the HTTP client, whose code is not what is measured.
    await uploadDirect(client, { bytes: Buffer.from("warm-up") }, { filename: "w.txt", store: "0" });
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    try {
        const info = await uploadMultipart(client, { path, size: SIZE }, { filename: "big.bin", store: "0" });
        expect(info.size).toBe(SIZE);
    } finally {
        clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    const deltaMb = (peak - before) / MIB;
    process.stdout.write(`RSS delta for a 200 MB multipart upload: ${deltaMb.toFixed(1)} MB\n`);
    expect(deltaMb).toBeLessThanOrEqual(MAX_RSS_DELTA_MB);
});
