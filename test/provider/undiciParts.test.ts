import { execFile } from "node:child_process";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadUndiciParts, type UndiciParts } from "../../src/client/undiciParts";

const ROOT = path.resolve(__dirname, "../..");
let server: http.Server;
let base: string;

beforeAll(async () => {
    server = http.createServer((req, res) => {
        let body = "";
        req.on("data", (chunk) => {
            body += chunk;
        });
        req.on("end", () => res.end(JSON.stringify({ method: req.method, url: req.url, body })));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function roundTrip(parts: UndiciParts) {
    const agent = new parts.Agent();
    try {
        const res = await parts.request(agent, new URL(`${base}/groups/?limit=1`), { method: "POST", body: "x=1" });
        return { status: res.statusCode, echo: JSON.parse(await res.body.text()) };
    } finally {
        await agent.close();
    }
}

describe("loading only the parts of undici the client uses", () => {
    it("loads Agent, EnvHttpProxyAgent and request from their own files, and sends path, query and body", async () => {
        const parts = loadUndiciParts();
        expect(parts.loadedFrom).toBe("modules");
        expect(typeof parts.EnvHttpProxyAgent).toBe("function");
        expect(await roundTrip(parts)).toEqual({
            status: 200,
            echo: { method: "POST", url: "/groups/?limit=1", body: "x=1" },
        });
    });

    it("falls back to undici's package index when its files have moved, and requests still work", async () => {
        const load = (id: string) => {
            if (id !== "undici")
                throw Object.assign(new Error(`Cannot find module '${id}'`), { code: "MODULE_NOT_FOUND" });
            return require("undici");
        };
        const parts = loadUndiciParts(load);
        expect(parts.loadedFrom).toBe("index");
        expect((await roundTrip(parts)).echo).toEqual({ method: "POST", url: "/groups/?limit=1", body: "x=1" });
    });

    it("a client request in a fresh process never loads undici's index (fetch, WebSocket, caches)", async () => {
        // Built code, as the provider process runs it.
        const script = `
            const { createClient } = require("./dist/client");
            const client = createClient({ publicKey: "pk", secretKey: "sk", apiBaseUrl: process.argv[1], uploadBaseUrl: process.argv[1] });
            client.call({ api: "rest", method: "GET", path: "/project/", ok: [200], idempotent: true }).then((r) => {
                const loaded = Object.keys(require.cache).filter((k) => k.includes("node_modules/undici/"));
                console.log(JSON.stringify({ status: r.status, index: loaded.some((k) => /undici\\/index\\.js$|web\\/fetch\\/index\\.js$/.test(k)), files: loaded.length }));
                process.exit(0);
            });`;
        // Asynchronously: this process's server answers the child.
        const { stdout } = await promisify(execFile)(process.execPath, ["-e", script, base], { cwd: ROOT });
        const out = JSON.parse(stdout);
        expect(out.status).toBe(200);
        expect(out.index).toBe(false);
        expect(out.files).toBeGreaterThan(0);
    });
});
