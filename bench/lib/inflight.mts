// A pass-through HTTP proxy in front of the emulator that counts requests in flight, so the latency profile can
// print the concurrency the provider really reached (the emulator's request log has no start times). Requests
// are signed over method, body, type, date and path, never the host, so forwarding them unchanged is transparent.
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface InflightProxy {
    url: string;
    /** Highest number of requests in flight at once since the last reset. */
    maxInFlight(): number;
    reset(): void;
    close(): Promise<void>;
}

export async function startInflightProxy(target: string): Promise<InflightProxy> {
    const upstream = new URL(target);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    let inFlight = 0;
    let max = 0;
    const server = http.createServer((req, res) => {
        inFlight++;
        max = Math.max(max, inFlight);
        let done = false;
        const finish = () => {
            if (!done) inFlight--;
            done = true;
        };
        res.on("close", finish);
        const forward = http.request(
            {
                host: upstream.hostname,
                port: upstream.port,
                method: req.method,
                path: req.url,
                headers: req.headers,
                agent,
            },
            (answer) => {
                res.writeHead(answer.statusCode ?? 502, answer.headers);
                answer.pipe(res);
            },
        );
        forward.on("error", () => res.destroy());
        req.pipe(forward);
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        maxInFlight: () => max,
        reset: () => {
            max = inFlight;
        },
        close: async () => {
            server.closeAllConnections();
            agent.destroy();
            await new Promise<void>((resolve) => server.close(() => resolve()));
        },
    };
}
