import type * as grpcTypes from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import { type EngineHealth, engineAddressFrom, engineHealthCheck, watchEngine } from "../../src/native/lifetime";
import { grpc } from "../../src/native/proto";

// The plugin's watch on its engine (src/native/lifetime.ts), with the parent pid and the health check
// injected so it runs in milliseconds; the health check itself against a real gRPC server on 127.0.0.1.
// The real processes (a parent SIGKILLed, a real engine SIGKILLed) are in test/engine/pluginLifetime.test.ts.

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recorder() {
    const reasons: string[] = [];
    return { reasons, onGone: (reason: string) => reasons.push(reason) };
}

describe("engineAddressFrom", () => {
    it("takes the last argument that is not a flag, as the engine passes it", () => {
        expect(engineAddressFrom(["127.0.0.1:4242"])).toBe("127.0.0.1:4242");
        expect(engineAddressFrom(["--logtostderr", "-v=9", "127.0.0.1:4242"])).toBe("127.0.0.1:4242");
        expect(engineAddressFrom(["--logtostderr"])).toBeUndefined();
        expect(engineAddressFrom([])).toBeUndefined();
    });
});

describe("watchEngine", () => {
    it("reports the engine gone once when the parent pid changes (re-parented to init)", async () => {
        let parent = 4242;
        const { reasons, onGone } = recorder();
        const watch = watchEngine({ onGone, ppid: () => parent, parentIntervalMs: 5 });
        await tick(30);
        expect(reasons).toEqual([]);
        parent = 1;
        await tick(30);
        expect(reasons).toEqual(["its parent process 4242 exited"]);
        await tick(30);
        expect(reasons).toHaveLength(1);
        watch.stop();
    });

    it("reports the engine gone after two unreachable health checks in a row, not after one", async () => {
        const answers: EngineHealth[] = ["unreachable", "alive", "unreachable", "alive", "unreachable", "unreachable"];
        const asked: number[] = [];
        const { reasons, onGone } = recorder();
        watchEngine({
            engineAddress: "127.0.0.1:1",
            onGone,
            ppid: () => 7,
            healthIntervalMs: 5,
            checkHealth: async (timeoutMs) => {
                asked.push(timeoutMs);
                return answers.shift() ?? "alive";
            },
        });
        for (let i = 0; i < 100 && reasons.length === 0; i++) await tick(5);
        expect(reasons).toEqual(["the engine at 127.0.0.1:1 no longer answers"]);
        expect(answers).toEqual([]);
        // Each check may take as long as the interval: a busy engine is not a dead one.
        expect(asked.every((ms) => ms === 5)).toBe(true);
        const count = asked.length;
        await tick(30);
        expect(asked).toHaveLength(count);
    });

    it("never overlaps health checks, and stop() ends the watch without reporting anything", async () => {
        let running = 0;
        let maxRunning = 0;
        const { reasons, onGone } = recorder();
        const watch = watchEngine({
            engineAddress: "127.0.0.1:1",
            onGone,
            ppid: () => 7,
            healthIntervalMs: 2,
            checkHealth: async () => {
                running++;
                maxRunning = Math.max(maxRunning, running);
                await tick(20);
                running--;
                return "unreachable";
            },
        });
        await tick(30);
        watch.stop();
        await tick(60);
        expect(maxRunning).toBe(1);
        expect(reasons).toEqual([]);
    });

    it("watches only the parent when there is no engine address (attach mode)", async () => {
        let checks = 0;
        const { reasons, onGone } = recorder();
        const watch = watchEngine({
            onGone,
            ppid: () => 7,
            parentIntervalMs: 5,
            healthIntervalMs: 5,
            checkHealth: async () => {
                checks++;
                return "unreachable";
            },
        });
        await tick(40);
        watch.stop();
        expect(checks).toBe(0);
        expect(reasons).toEqual([]);
    });
});

describe("engineHealthCheck against a real gRPC server", () => {
    it("is alive while a server listens (UNIMPLEMENTED counts), unreachable once it is gone", async () => {
        const server = new grpc.Server();
        const port = await new Promise<number>((resolve, reject) =>
            server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
                error ? reject(error) : resolve(bound),
            ),
        );
        const check = engineHealthCheck(`127.0.0.1:${port}`);
        try {
            expect(await check(2_000)).toBe("alive");
            await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
            (server as grpcTypes.Server).forceShutdown();
            let answer = await check(2_000);
            for (let i = 0; i < 10 && answer === "alive"; i++) answer = await check(2_000);
            expect(answer).toBe("unreachable");
        } finally {
            check.close?.();
        }
    });
});
