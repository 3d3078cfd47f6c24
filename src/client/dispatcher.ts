import type { Dispatcher } from "undici";

export interface TransportTimeouts {
    connectMs: number;
    headersMs: number;
    bodyMs: number;
}

export const defaultTimeouts: TransportTimeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000 };

let shared: Dispatcher | undefined;

/**
 * One keep-alive dispatcher per process, built on first use (never at import or serialization time:
 * sockets cannot be serialized into Pulumi state). It honours HTTP(S)_PROXY and NO_PROXY, and always
 * reaches loopback directly so a developer's proxy never captures the local emulator.
 */
export function sharedDispatcher(timeouts: TransportTimeouts = defaultTimeouts): Dispatcher {
    if (!shared) {
        const { EnvHttpProxyAgent } = require("undici") as typeof import("undici");
        const noProxy = [process.env.no_proxy ?? process.env.NO_PROXY, "localhost", "127.0.0.1", "[::1]"]
            .filter(Boolean)
            .join(",");
        shared = new EnvHttpProxyAgent({
            noProxy,
            connect: { timeout: timeouts.connectMs },
            headersTimeout: timeouts.headersMs,
            bodyTimeout: timeouts.bodyMs,
            connections: 16,
        });
    }
    return shared;
}

/** Closes the shared dispatcher (tests, and the emulator's own CLI on exit). */
export async function closeSharedDispatcher(): Promise<void> {
    const current = shared;
    shared = undefined;
    await current?.close();
}
