import type { Dispatcher } from "undici";
import { isLoopbackHost } from "./config";
import { undici } from "./undici";

export interface TransportTimeouts {
    /** TCP connect plus TLS handshake. */
    connectMs: number;
    /** From the request sent to the response headers. */
    headersMs: number;
    /** Longest silence between two chunks of the response body. */
    bodyMs: number;
    /** The whole request, from sending it to the last byte of the response (UPLOADCARE_TIMEOUT). */
    requestMs: number;
}

/**
 * The overall deadline is 10 minutes: the largest body the client sends is one request of a file (direct uploads
 * stop at 10 MiB, multipart parts are 5 MiB by default), and even a 200 MB body fits in it from 2.7 Mbit/s up.
 * A stalled connection is caught sooner, by the 30 s header and chunk timeouts.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 600_000;

export const defaultTimeouts: TransportTimeouts = {
    connectMs: 10_000,
    headersMs: 30_000,
    bodyMs: 30_000,
    requestMs: DEFAULT_REQUEST_TIMEOUT_MS,
};

/** Keep-alive pools by route and connect timeout (the one option undici cannot take per request). */
const shared = new Map<string, Dispatcher>();

/**
 * A keep-alive dispatcher shared by every client with the same connect timeout, built on first use (never at
 * import or serialization time: sockets cannot be serialized into Pulumi state). Every loopback address
 * (127.0.0.0/8, ::1, localhost) is reached directly, so a developer's HTTP(S)_PROXY never captures the local
 * emulator; everything else goes through undici's EnvHttpProxyAgent, which honours HTTP(S)_PROXY and NO_PROXY
 * (https://undici.nodejs.org/#/docs/api/EnvHttpProxyAgent). Header and body timeouts are sent with each request.
 */
export function dispatcherFor(url: URL, timeouts: TransportTimeouts = defaultTimeouts): Dispatcher {
    const direct = isLoopbackHost(url.hostname);
    const key = `${direct ? "direct" : "env-proxy"}:${timeouts.connectMs}`;
    let dispatcher = shared.get(key);
    if (dispatcher === undefined) {
        const { Agent, EnvHttpProxyAgent } = undici();
        const options = { connect: { timeout: timeouts.connectMs }, connections: 16 };
        dispatcher = direct ? new Agent(options) : new EnvHttpProxyAgent(options);
        shared.set(key, dispatcher);
    }
    return dispatcher;
}

/**
 * Closes every shared dispatcher, for tests and the soak that start several in one process. A provider process
 * need not call it: undici unrefs idle sockets, so open keep-alive connections never hold the process up.
 */
export async function closeSharedDispatcher(): Promise<void> {
    const current = [...shared.values()];
    shared.clear();
    await Promise.all(current.map((d) => d.close()));
}
