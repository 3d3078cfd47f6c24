import type { Dispatcher } from "undici";
import { isLoopbackHost } from "./config";
import { undiciParts } from "./undiciParts";

export interface TransportTimeouts {
    connectMs: number;
    headersMs: number;
    bodyMs: number;
}

export const defaultTimeouts: TransportTimeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000 };

let proxied: Dispatcher | undefined;
let direct: Dispatcher | undefined;

/**
 * One keep-alive dispatcher per process and kind, built on first use (never at import or serialization
 * time: sockets cannot be serialized into Pulumi state). Every loopback address (127.0.0.0/8, ::1,
 * localhost) is reached directly, so a developer's HTTP(S)_PROXY never captures the local emulator;
 * everything else goes through undici's EnvHttpProxyAgent, which honours HTTP(S)_PROXY and NO_PROXY.
 */
export function dispatcherFor(url: URL, timeouts: TransportTimeouts = defaultTimeouts): Dispatcher {
    const undici = undiciParts();
    const options = {
        connect: { timeout: timeouts.connectMs },
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs,
        connections: 16,
    };
    if (isLoopbackHost(url.hostname)) {
        direct ??= new undici.Agent(options);
        return direct;
    }
    proxied ??= new undici.EnvHttpProxyAgent(options);
    return proxied;
}

/** Closes the shared dispatchers (tests, and the emulator's own CLI on exit). */
export async function closeSharedDispatcher(): Promise<void> {
    const current = [proxied, direct];
    proxied = undefined;
    direct = undefined;
    await Promise.all(current.map((d) => d?.close()));
}
