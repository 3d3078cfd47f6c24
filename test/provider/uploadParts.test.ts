import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Agent, type Dispatcher } from "undici";
import { afterAll, describe, expect, it } from "vitest";
import { uploadMultipart } from "../../src/client";
import { startEmulator } from "../../src/emulator";
import { clientFor, emulatorFixtures } from "../support/emulatorFixtures";

// What a multipart upload's part PUTs carry on the wire, recorded by an undici interceptor in front of the real
// dispatcher while the parts go to the emulator.

const { tempDir } = emulatorFixtures("uc-provider-upload-parts-");
const MIB = 1024 * 1024;

describe("multipart part uploads", () => {
    const agent = new Agent();
    afterAll(() => agent.close());

    it("send Content-Type: application/octet-stream and the part's Content-Length on every part PUT", async () => {
        const emulator = await startEmulator({ quiet: true });
        try {
            const sent: { method: string; path: string; headers: Record<string, string> }[] = [];
            const recording: Dispatcher = agent.compose((dispatch) => (options, handler) => {
                const headers = Object.fromEntries(
                    Object.entries((options.headers ?? {}) as Record<string, string>).map(([k, v]) => [
                        k.toLowerCase(),
                        v,
                    ]),
                );
                sent.push({ method: options.method, path: options.path, headers });
                return dispatch(options, handler);
            });
            const size = 10 * MIB + 7;
            const path = join(tempDir(), "parts.bin");
            writeFileSync(path, Buffer.alloc(size, 7));
            const client = clientFor(emulator, { dispatcher: recording });
            const info = await uploadMultipart(client, { path, size }, { filename: "parts.bin", store: "0" });
            expect(info.size).toBe(size);
            const parts = sent.filter((r) => r.method === "PUT" && r.path.startsWith("/multipart/part/"));
            // Parts go out 4 at a time, in any order.
            expect(parts.map((p) => Number(p.headers["content-length"])).sort((a, b) => a - b)).toEqual([
                size - 10 * MIB,
                5 * MIB,
                5 * MIB,
            ]);
            expect(parts.map((p) => p.headers["content-type"])).toEqual(Array(3).fill("application/octet-stream"));
            // And the emulator stored all three parts.
            expect(emulator.requests.filter((r) => r.path.startsWith("/multipart/part/")).map((r) => r.status)).toEqual(
                [200, 200, 200],
            );
        } finally {
            await emulator.close();
        }
    });
});
