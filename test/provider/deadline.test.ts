import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createClient, createGroup, getGroup, UploadcareNetworkError, UploadcareTimeoutError } from "../../src/client";
import { createRuntime } from "../../src/provider/runtime/runtime";
import { failure } from "../support/failure";

// The overall per-request deadline against servers that keep a request alive without finishing it: dripping a
// byte of the body at a time (the per-chunk timeout alone never fires), or never sending the headers. The
// deadline is injected in milliseconds; the headers and body timeouts stay at their 30 s defaults.

const GROUP = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~1";
const KEYS = { publicKey: "pk", secretKey: "sk-deadline-secret" };
const DEADLINE_MS = 300;
const GROUP_JSON = {
    id: GROUP,
    datetime_created: "2026-01-01T00:00:00Z",
    files_count: 1,
    cdn_url: "https://ucarecdn.com/x/",
    url: "u",
};

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe("the per-request deadline", () => {
    let server: Server;
    let base: string;
    let route: Handler = () => {};
    const seen: string[] = [];
    const timers = new Set<NodeJS.Timeout>();
    const sockets = new Set<Socket>();

    beforeAll(async () => {
        server = createServer((req, res) => {
            seen.push(`${req.method} ${req.url}`);
            route(req, res);
        });
        server.on("connection", (socket) => {
            sockets.add(socket);
            socket.on("close", () => sockets.delete(socket));
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterEach(() => {
        for (const timer of timers) clearInterval(timer);
        timers.clear();
        seen.length = 0;
    });
    afterAll(async () => {
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    const client = (requestMs = DEADLINE_MS) =>
        createClient(
            { ...KEYS, apiBaseUrl: base, uploadBaseUrl: base },
            { timeouts: { requestMs }, retry: { baseDelayMs: 1 }, sleep: async () => {} },
        );

    /** Answers 200 at once, then one byte of a never-ending JSON body every 20 ms. */
    const drip: Handler = (_req, res) => {
        res.writeHead(200, { "content-type": "application/vnd.uploadcare-v0.7+json" });
        res.write("{");
        const timer = setInterval(() => res.write(" "), 20);
        timers.add(timer);
        res.on("close", () => clearInterval(timer));
    };

    it("a body dripping a byte at a time fails with UPLOADCARE_TIMEOUT naming method, URL and setting", async () => {
        route = drip;
        const started = Date.now();
        const error = await failure(getGroup(client(), GROUP));
        const elapsed = Date.now() - started;
        expect(error).toBeInstanceOf(UploadcareTimeoutError);
        expect(error).toBeInstanceOf(UploadcareNetworkError);
        expect(error).toMatchObject({ code: "UPLOADCARE_TIMEOUT", method: "GET", ambiguous: true, timeoutMs: 300 });
        expect(error.message).toBe(
            `Uploadcare GET ${base}/groups/${GROUP}/ failed: no complete answer within 300 ms, the per-request ` +
                "deadline. If the link is slow rather than the server stuck, raise uploadcare:requestTimeoutMs " +
                "(or UPLOADCARE_REQUEST_TIMEOUT_MS)",
        );
        expect(elapsed).toBeGreaterThanOrEqual(DEADLINE_MS - 5);
        expect(elapsed).toBeLessThan(3_000);
        // Not sent again, although GET is idempotent: each attempt could take the whole deadline.
        expect(seen).toEqual([`GET /groups/${GROUP}/`]);
    });

    it("headers that never come fail the same way, long before the 30 s headers timeout", async () => {
        route = () => {};
        const error = await failure(getGroup(client(), GROUP));
        expect(error.code).toBe("UPLOADCARE_TIMEOUT");
        expect(seen).toHaveLength(1);
    });

    it("a non-idempotent POST that times out is ambiguous: the caller must look its outcome up", async () => {
        route = drip;
        const error = await failure(createGroup(client(), ["3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5"]));
        expect(error).toMatchObject({ code: "UPLOADCARE_TIMEOUT", method: "POST", ambiguous: true });
        expect(error.message).toContain(`POST ${base}/group/ failed`);
        expect(seen).toEqual(["POST /group/?jsonerrors=1"]);
    });

    it("a slow answer that finishes inside the deadline succeeds, and its timer is released", async () => {
        route = (_req, res) => {
            res.writeHead(200, { "content-type": "application/vnd.uploadcare-v0.7+json" });
            const body = JSON.stringify(GROUP_JSON);
            res.write(body.slice(0, 10));
            setTimeout(() => res.end(body.slice(10)), 100);
        };
        expect((await getGroup(client(2_000), GROUP)).id).toBe(GROUP);
    });

    it("the provider runtime takes the deadline from UPLOADCARE_REQUEST_TIMEOUT_MS (its 1 s minimum here)", async () => {
        route = drip;
        const env = {
            UPLOADCARE_PUBLIC_KEY: KEYS.publicKey,
            UPLOADCARE_SECRET_KEY: KEYS.secretKey,
            UPLOADCARE_API_BASE_URL: base,
            UPLOADCARE_UPLOAD_BASE_URL: base,
            UPLOADCARE_REQUEST_TIMEOUT_MS: "1000",
        };
        const runtime = createRuntime({ env, sleep: async () => {} });
        const error = await failure(async () => getGroup(await runtime.client("reading a group", true), GROUP));
        expect(error).toMatchObject({ code: "UPLOADCARE_TIMEOUT", timeoutMs: 1_000 });
    });
});
