import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type AddressInfo, createServer as createTcpServer, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createClient, getGroup, listGroups } from "../../src/client";
import { closeSharedDispatcher } from "../../src/client/core/dispatcher";
import { failure } from "../support/failure";

// The transport against real sockets on loopback: proxies never capture loopback, bodies are capped, and list
// pagination refuses `next` links that would loop or leave the API.

const GROUP = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~1";
const KEYS = { publicKey: "pk", secretKey: "sk-transport-secret" };

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function serve(host: string, handler: Handler): Promise<{ server: Server; url: string; seen: string[] }> {
    const seen: string[] = [];
    const server = createServer((req, res) => {
        seen.push(`${req.method} ${req.url}`);
        handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    return { server, url: `http://${host}:${(server.address() as AddressInfo).port}`, seen };
}

const json = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { "content-type": "application/vnd.uploadcare-v0.7+json" });
    res.end(JSON.stringify(body));
};

const groupJson = {
    id: GROUP,
    datetime_created: "2026-01-01T00:00:00Z",
    files_count: 1,
    cdn_url: "https://ucarecdn.com/x/",
    url: "u",
};

describe("loopback always goes direct", () => {
    const saved = { ...process.env };
    afterEach(async () => {
        process.env = { ...saved };
        await closeSharedDispatcher();
    });

    it("127.0.0.2 is reached directly even when HTTP_PROXY and HTTPS_PROXY are set", async () => {
        const proxy = await serve("127.0.0.1", (_req, res) => {
            res.writeHead(502);
            res.end("proxy");
        });
        const api = await serve("127.0.0.2", (_req, res) => json(res, groupJson));
        try {
            for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"])
                process.env[name] = proxy.url;
            delete process.env.NO_PROXY;
            delete process.env.no_proxy;
            await closeSharedDispatcher();
            const client = createClient({ ...KEYS, apiBaseUrl: api.url, uploadBaseUrl: api.url });
            expect((await getGroup(client, GROUP)).id).toBe(GROUP);
            expect(api.seen).toEqual([`GET /groups/${GROUP}/`]);
            expect(proxy.seen).toEqual([]);
        } finally {
            proxy.server.close();
            api.server.close();
        }
    });
});

describe("connect timeouts are per client", () => {
    afterEach(() => closeSharedDispatcher());

    it("a later client's shorter connectMs applies, though an earlier client built a pool first", async () => {
        const api = await serve("127.0.0.1", (_req, res) => json(res, groupJson));
        // Accepts TCP and never answers the TLS handshake, which undici's connect timeout covers.
        const held = new Set<Socket>();
        const silent = createTcpServer((socket) => held.add(socket));
        await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
        const silentUrl = `https://127.0.0.1:${(silent.address() as AddressInfo).port}`;
        try {
            const first = createClient(
                { ...KEYS, apiBaseUrl: api.url, uploadBaseUrl: api.url },
                {
                    timeouts: { connectMs: 20_000 },
                },
            );
            expect((await getGroup(first, GROUP)).id).toBe(GROUP);
            const second = createClient(
                { ...KEYS, apiBaseUrl: silentUrl, uploadBaseUrl: silentUrl },
                {
                    timeouts: { connectMs: 150 },
                    retry: { maxErrorRetries: 0 },
                },
            );
            const started = Date.now();
            const error = await failure(getGroup(second, GROUP));
            expect(error).toMatchObject({ code: "UPLOADCARE_NETWORK", causeCode: "UND_ERR_CONNECT_TIMEOUT" });
            expect(Date.now() - started).toBeLessThan(3_000);
            // The first client's pool is still used for its own calls.
            expect((await getGroup(first, GROUP)).id).toBe(GROUP);
        } finally {
            for (const socket of held) socket.destroy();
            silent.close();
            api.server.close();
        }
    }, 10_000);
});

describe("response bodies and pagination", () => {
    let api: { server: Server; url: string; seen: string[] };
    let route: Handler = () => {};
    beforeAll(async () => {
        api = await serve("127.0.0.1", (req, res) => route(req, res));
    });
    afterAll(() => api.server.close());
    const client = (maxResponseBytes?: number) =>
        createClient(
            { ...KEYS, apiBaseUrl: api.url, uploadBaseUrl: api.url },
            { sleep: async () => {}, ...(maxResponseBytes ? { maxResponseBytes } : {}) },
        );

    it("a body over the cap is not read, and fails with UPLOADCARE_BAD_RESPONSE", async () => {
        route = (_req, res) => json(res, { ...groupJson, padding: "x".repeat(64 * 1024) });
        const error = await failure(getGroup(client(16 * 1024), GROUP));
        expect(error.code).toBe("UPLOADCARE_BAD_RESPONSE");
        expect(error.message).toContain("larger than 16384 bytes");
        expect((await getGroup(client(), GROUP)).id).toBe(GROUP);
    });

    it("a next link back to a page already read stops the listing instead of looping", async () => {
        route = (req, res) => json(res, { next: `${api.url}${req.url}`, results: [groupJson] });
        const seen: string[] = [];
        const error = await failure(async () => {
            for await (const group of listGroups(client(), { limit: 1 })) seen.push(group.id);
        });
        expect(error.code).toBe("UPLOADCARE_BAD_RESPONSE");
        expect(error.message).toContain("repeats a page already read");
        expect(seen).toEqual([GROUP]);
    });

    it("a next link to another origin or another path is not followed", async () => {
        for (const next of ["https://elsewhere.example/groups/?from=x", `${api.url}/files/?from=x`]) {
            route = (_req, res) => json(res, { next, results: [groupJson] });
            const error = await failure(async () => {
                for await (const _group of listGroups(client())) {
                }
            });
            expect(error.message).toContain("leaves the group list");
        }
    });

    it("a body that is not the documented JSON is a bad response naming the method, path and status", async () => {
        route = (_req, res) => {
            res.writeHead(200, { "content-type": "text/plain" });
            res.end(`token ${KEYS.secretKey}`);
        };
        const error = await failure(getGroup(client(), GROUP));
        expect(error).toMatchObject({ code: "UPLOADCARE_BAD_RESPONSE", method: "GET", status: 200 });
        expect(error.message).toContain(`GET ${api.url}/groups/${GROUP}/ failed with HTTP 200`);
        expect(error.message).not.toContain(KEYS.secretKey);
    });
});
