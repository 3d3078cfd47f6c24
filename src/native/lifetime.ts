/**
 * The plugin's lifetime: it ends when its engine goes away. The engine stops its plugins itself when it
 * exits normally; when it is killed (SIGKILL, the OOM killer, a CI runner timing out), nothing does, and a
 * plugin left behind holds its port, its memory and the embedded emulator's state file. So the plugin
 * watches two things, as Pulumi's own Go providers watch their engine (`provider.Main` runs
 * `rpcutil.Healthcheck` against the engine address:
 * https://github.com/pulumi/pulumi/blob/master/sdk/go/common/util/rpcutil/health.go):
 *
 * - its parent process: when the parent dies, the plugin is re-parented (to init or a subreaper), so
 *   `process.ppid` changes (https://nodejs.org/api/process.html#processppid). Cheap, checked every second.
 * - the engine's gRPC address (the last argument): a `grpc.health.v1.Health/Check`
 *   (https://github.com/grpc/grpc/blob/master/doc/health-checking.md) every few seconds. Any answer,
 *   UNIMPLEMENTED included, means the engine is there; a slow answer is a busy engine, not a dead one. Only
 *   UNAVAILABLE (nothing listens any more) twice in a row counts as gone.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import { grpc } from "./proto";

export type EngineHealth = "alive" | "unreachable";

export interface EngineWatchOptions {
    /** The engine's gRPC address; without one (attach mode, a test) only the parent is watched. */
    engineAddress?: string;
    /** Called once, with a short reason, when the engine is gone. */
    onGone(reason: string): void;
    parentIntervalMs?: number;
    healthIntervalMs?: number;
    /** Consecutive unreachable health checks that mean the engine is gone. */
    unreachableLimit?: number;
    /** Tests inject these; by default the real parent pid and a gRPC health check of the engine address. */
    ppid?: () => number;
    checkHealth?: (timeoutMs: number) => Promise<EngineHealth>;
}

export interface EngineWatch {
    /** Stops watching without calling `onGone`. */
    stop(): void;
}

/** The engine address among the plugin's arguments: the last one that is not a flag (flags come first). */
export function engineAddressFrom(args: readonly string[]): string | undefined {
    for (let i = args.length - 1; i >= 0; i--) {
        const arg = args[i];
        if (arg && !arg.startsWith("-")) return arg;
    }
    return undefined;
}

/** Starts watching; the timers never keep the process alive on their own. */
export function watchEngine(options: EngineWatchOptions): EngineWatch {
    const ppid = options.ppid ?? (() => process.ppid);
    const parent = ppid();
    const timers: NodeJS.Timeout[] = [];
    const address = options.engineAddress;
    const health: HealthCheck | undefined = address ? (options.checkHealth ?? engineHealthCheck(address)) : undefined;
    let done = false;
    const stop = () => {
        done = true;
        for (const timer of timers) clearInterval(timer);
        health?.close?.();
    };
    const gone = (reason: string) => {
        if (done) return;
        stop();
        options.onGone(reason);
    };
    timers.push(
        setInterval(() => {
            const now = ppid();
            if (now !== parent) gone(`its parent process ${parent} exited`);
        }, options.parentIntervalMs ?? 1_000),
    );
    if (health) {
        const interval = options.healthIntervalMs ?? 2_000;
        const limit = options.unreachableLimit ?? 2;
        let unreachable = 0;
        let inFlight = false;
        timers.push(
            setInterval(() => {
                if (inFlight || done) return;
                inFlight = true;
                void health(interval).then((answer) => {
                    inFlight = false;
                    unreachable = answer === "unreachable" ? unreachable + 1 : 0;
                    if (unreachable >= limit) gone(`the engine at ${address} no longer answers`);
                });
            }, interval),
        );
    }
    for (const timer of timers) timer.unref();
    return { stop };
}

type HealthCheck = ((timeoutMs: number) => Promise<EngineHealth>) & { close?(): void };

/** Health checks of the engine over one gRPC channel; a check never rejects. */
export function engineHealthCheck(address: string): HealthCheck {
    let client: grpcTypes.Client | undefined;
    const check: HealthCheck = (timeoutMs) => {
        client ??= new grpc.Client(address, grpc.credentials.createInsecure());
        const channel = client;
        return new Promise((resolve) => {
            // An empty HealthCheckRequest (service "": the server as a whole) is zero bytes on the wire.
            channel.makeUnaryRequest(
                "/grpc.health.v1.Health/Check",
                (request: Buffer) => request,
                (bytes: Buffer) => bytes,
                Buffer.alloc(0),
                { deadline: Date.now() + timeoutMs },
                (error) => resolve(error?.code === grpc.status.UNAVAILABLE ? "unreachable" : "alive"),
            );
        });
    };
    check.close = () => client?.close();
    return check;
}
