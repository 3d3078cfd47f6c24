import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { grpc } from "../../src/native/proto";
import { useEngineStack } from "../support/engineFixture";
import { REPO_ROOT } from "../support/installedPackage";
import { installNativePlugin, type PackedPlugin, packNativePlugin } from "../support/nativePlugin";

// The native plugin ends when its engine goes away (issue #20: it outlived an engine killed with SIGKILL).
// Real processes: the launcher bin/pulumi-resource-uploadcare started the way the engine starts it (the
// engine's address as its argument, the port read from its stdout), then its parent SIGKILLed, or its
// engine address gone; and last a real `pulumi up` SIGKILLed while the plugin waits on a slow emulator.

const LAUNCHER = path.join(REPO_ROOT, "bin", "pulumi-resource-uploadcare");
const PLUGIN_ENV = { ...process.env, PULUMI_UPLOADCARE_NODE: process.execPath };

/** Alive and not a zombie (an orphan's exit may wait for a PID 1 that reaps late). */
function isRunning(pid: number): boolean {
    try {
        process.kill(pid, 0);
    } catch {
        return false;
    }
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
    } catch {
        return false;
    }
}

/** Milliseconds until `pid` is gone, or undefined if it still runs after `limitMs`. */
async function goneWithin(pid: number, limitMs: number): Promise<number | undefined> {
    const start = performance.now();
    while (performance.now() - start < limitMs) {
        if (!isRunning(pid)) return performance.now() - start;
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return undefined;
}

const started: number[] = [];
/** Ends what a failed test left running: only the pids this file started or found under its own engine. */
afterEach(() => {
    for (const pid of started.splice(0)) {
        if (isRunning(pid)) process.kill(pid, "SIGKILL");
    }
});

/** A stand-in engine: a gRPC server on 127.0.0.1 with no services (a health check answers UNIMPLEMENTED). */
async function fakeEngine(): Promise<{ address: string; server: grpcTypes.Server }> {
    const server = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
            error ? reject(error) : resolve(bound),
        ),
    );
    return { address: `127.0.0.1:${port}`, server };
}

function firstLine(child: ChildProcess): Promise<string> {
    return new Promise((resolve, reject) => {
        let text = "";
        child.stdout?.on("data", (chunk: Buffer) => {
            text += chunk.toString();
            const end = text.indexOf("\n");
            if (end >= 0) resolve(text.slice(0, end));
        });
        child.once("exit", (code) => reject(new Error(`exited ${code} before printing a line: ${text}`)));
    });
}

// The parent: starts the plugin as the engine does and reports its pid and port; then only waits.
const PARENT = `
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const [launcher, engine, errFile] = process.argv.slice(1);
const plugin = spawn(launcher, ["--logtostderr", "-v=9", engine], { stdio: ["ignore", "pipe", fs.openSync(errFile, "w")] });
plugin.stdout.once("data", (d) => process.stdout.write(JSON.stringify({ pid: plugin.pid, port: Number(String(d).trim()) }) + "\\n"));
setInterval(() => {}, 60000);
`;

describe("the native plugin's lifetime", () => {
    const errDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-uploadcare-lifetime-"));
    afterAll(() => fs.rmSync(errDir, { recursive: true, force: true }));

    it("exits within a few seconds, quietly, when its parent (the engine) is SIGKILLed", async () => {
        const engine = await fakeEngine();
        const errFile = path.join(errDir, "parent-killed.log");
        const parent = spawn(process.execPath, ["-e", PARENT, LAUNCHER, engine.address, errFile], {
            env: PLUGIN_ENV,
            stdio: ["ignore", "pipe", "inherit"],
        });
        started.push(parent.pid ?? 0);
        try {
            const { pid, port } = JSON.parse(await firstLine(parent)) as { pid: number; port: number };
            started.push(pid);
            expect(port).toBeGreaterThan(0);
            expect(isRunning(pid)).toBe(true);

            process.kill(parent.pid ?? 0, "SIGKILL");
            const ms = await goneWithin(pid, 5_000);
            console.log(`plugin gone ${ms?.toFixed(0)} ms after its parent was SIGKILLed`);
            expect(ms).toBeDefined();
            const stderr = fs.readFileSync(errFile, "utf8");
            expect(stderr).toMatch(/^pulumi-resource-uploadcare: exiting, its parent process \d+ exited\n$/);
        } finally {
            engine.server.forceShutdown();
        }
    });

    it("keeps running while its engine answers, and exits within a few seconds once the engine is gone", async () => {
        const engine = await fakeEngine();
        const plugin = spawn(LAUNCHER, [engine.address], { env: PLUGIN_ENV, stdio: ["ignore", "pipe", "pipe"] });
        started.push(plugin.pid ?? 0);
        let stderr = "";
        plugin.stderr?.on("data", (chunk: Buffer) => {
            stderr += chunk.toString();
        });
        const exited = new Promise<number | null>((resolve) => plugin.once("exit", (code) => resolve(code)));
        expect(Number(await firstLine(plugin))).toBeGreaterThan(0);

        // Several health checks (every 2 s) answered by a live engine: no false alarm.
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        expect(isRunning(plugin.pid ?? 0)).toBe(true);

        engine.server.forceShutdown();
        const ms = await goneWithin(plugin.pid ?? 0, 8_000);
        console.log(`plugin gone ${ms?.toFixed(0)} ms after its engine stopped listening`);
        expect(ms).toBeDefined();
        expect(await exited).toBe(0);
        expect(stderr).toBe(`pulumi-resource-uploadcare: exiting, the engine at ${engine.address} no longer answers\n`);
    });
});

/** Every descendant of `root` (Linux /proc), with its command line. */
function descendants(root: number): { pid: number; cmdline: string }[] {
    const children = new Map<number, number[]>();
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
            const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
            children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
        } catch {
            // The process ended while we looked.
        }
    }
    const found: { pid: number; cmdline: string }[] = [];
    const queue = [root];
    while (queue.length > 0) {
        for (const pid of children.get(queue.shift() ?? 0) ?? []) {
            let cmdline = "";
            try {
                cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
            } catch {}
            found.push({ pid, cmdline });
            queue.push(pid);
        }
    }
    return found;
}

/** An "Uploadcare" on 127.0.0.1 that takes every request and never answers: the plugin stays mid-call. */
async function hangingApi(): Promise<{ url: string; arrived: () => number; close: () => Promise<void> }> {
    let arrived = 0;
    const server = http.createServer(() => {
        arrived++;
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        arrived: () => arrived,
        close: () => {
            server.closeAllConnections();
            return new Promise((resolve) => server.close(() => resolve()));
        },
    };
}

describe("the native plugin under a real engine that is SIGKILLed mid-up", () => {
    let plugin: PackedPlugin | undefined;
    let api: Awaited<ReturnType<typeof hangingApi>> | undefined;
    const stack = useEngineStack({
        project: { example: "yaml" },
        emulator: false,
        env: {},
        before: async ({ ws }) => {
            api = await hangingApi();
            plugin = packNativePlugin();
            await installNativePlugin(ws, plugin);
        },
        config: () => ({
            files: ["3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5"],
            "uploadcare:publicKey": "demopublickey",
            "uploadcare:secretKey": "demosecretkey",
            "uploadcare:apiBaseUrl": api?.url ?? "",
            "uploadcare:uploadBaseUrl": api?.url ?? "",
        }),
        after: async () => {
            plugin?.remove();
            await api?.close();
        },
    });

    it("the plugin exits within a few seconds of the engine", async () => {
        let enginePid = 0;
        const run = stack.ws.run(["up", "--yes", "--skip-preview"], {
            allowFailure: true,
            onStart: (pid) => {
                enginePid = pid;
                started.push(pid);
            },
        });
        // Wait until the engine has started the plugin and the plugin's first request hangs at the API.
        let pluginPid: number | undefined;
        for (let i = 0; i < 600 && !(pluginPid && (api?.arrived() ?? 0) > 0); i++) {
            await new Promise((resolve) => setTimeout(resolve, 100));
            const tree = descendants(enginePid);
            for (const p of tree) if (!started.includes(p.pid)) started.push(p.pid);
            pluginPid = tree.find((p) => p.cmdline.includes("dist/native/main.js"))?.pid;
        }
        expect(pluginPid).toBeDefined();
        expect(api?.arrived()).toBeGreaterThan(0);

        process.kill(enginePid, "SIGKILL");
        const result = await run;
        expect(result.code).not.toBe(0);
        const ms = await goneWithin(pluginPid ?? 0, 5_000);
        console.log(`plugin gone ${ms?.toFixed(0)} ms after the engine (pulumi up) was SIGKILLed`);
        expect(ms).toBeDefined();
    });
});
