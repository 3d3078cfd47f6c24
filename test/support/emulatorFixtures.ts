import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, request } from "undici";
import { afterAll } from "vitest";
import { httpDate, signRequest } from "../../src/client/sign";
import { type Emulator, type EmulatorOptions, startEmulator } from "../../src/emulator/index";

export const V07 = "application/vnd.uploadcare-v0.7+json";

export interface Answer {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    text: string;
    /** Parsed body; loosely typed on purpose: tests assert on the JSON shape itself. */
    json: () => ReturnType<typeof JSON.parse>;
}

/**
 * Emulators, temp folders and one short-keep-alive HTTP agent for a test file, all cleaned up in its
 * afterAll. Call at the top level of the file.
 */
export function emulatorFixtures(tempPrefix: string) {
    const agent = new Agent({ keepAliveTimeout: 10, keepAliveMaxTimeout: 10 });
    const started: Emulator[] = [];
    const tmpDirs: string[] = [];

    afterAll(async () => {
        await Promise.all(started.map((e) => e.close()));
        await agent.close();
        for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
    });

    async function send(url: string, method = "GET", headers: Record<string, string> = {}, body?: string) {
        const res = await request(url, { method: method as "GET", headers, body: body ?? null, dispatcher: agent });
        const text = await res.body.text();
        return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) } as Answer;
    }

    return {
        agent,
        send,
        async emulator(options: EmulatorOptions = {}): Promise<Emulator> {
            const emu = await startEmulator({ quiet: true, ...options });
            started.push(emu);
            return emu;
        },
        /** Closes an emulator before the end of the file (to restart over the same state file). */
        async stop(emu: Emulator): Promise<void> {
            started.splice(started.indexOf(emu), 1);
            await emu.close();
        },
        tempDir(): string {
            const dir = mkdtempSync(join(tmpdir(), tempPrefix));
            tmpDirs.push(dir);
            return dir;
        },
        /** A signed REST call, built the way the provider's client builds it. */
        rest(emu: Emulator, method: string, path: string, body = ""): Promise<Answer> {
            const date = httpDate(new Date());
            const contentType = "application/json";
            const signature = signRequest({ method, body, contentType, date, uri: path }, emu.secretKey);
            const headers = {
                Accept: V07,
                "Content-Type": contentType,
                "X-Uploadcare-Date": date,
                Authorization: `Uploadcare ${emu.publicKey}:${signature}`,
            };
            return send(`${emu.url}${path}`, method, headers, body || undefined);
        },
    };
}
