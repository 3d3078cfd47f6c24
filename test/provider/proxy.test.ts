import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator";
import {
    type ConnectProxy,
    makeTestCertificates,
    startConnectProxy,
    startTlsForwarder,
    type TestCertificates,
} from "../support/connectProxy";
import { uploadcareCalls } from "../support/requests";

// The built client in a fresh Node process (as the provider runs it) behind a real CONNECT proxy with Basic
// authentication, reaching the emulator over HTTPS through a TLS front whose CA the process trusts only through
// NODE_EXTRA_CA_CERTS (https://nodejs.org/api/cli.html#node_extra_ca_certsfile). `uploadcare.test` resolves
// nowhere (RFC 6761): only the proxy can reach it, since it tunnels every CONNECT to 127.0.0.1.

const ROOT = path.resolve(__dirname, "../..");
const HOST = "uploadcare.test";

// One REST call and one Upload API call per base URL; each result is what happened, or the error's code.
const SCRIPT = `
const { createClient, getProject, uploadDirect } = require("./dist/client");
const [keys, bases] = JSON.parse(process.argv[1]);
(async () => {
    const out = {};
    for (const [name, base] of Object.entries(bases)) {
        const client = createClient({ ...keys, apiBaseUrl: base, uploadBaseUrl: base }, { retry: { maxErrorRetries: 0 } });
        try {
            const project = await getProject(client);
            const uuid = await uploadDirect(client, { bytes: Buffer.from("through the proxy") }, { filename: "p.txt", store: "0" });
            out[name] = { project: project.pub_key, uploaded: typeof uuid === "string" };
        } catch (error) {
            out[name] = { code: error.code, causeCode: error.causeCode, message: error.message };
        }
    }
    console.log(JSON.stringify(out));
})();`;

type Outcome = { project?: string; uploaded?: boolean; code?: string; causeCode?: string; message?: string };

describe("the client behind an HTTP CONNECT proxy", () => {
    let emulator: Emulator;
    let certs: TestCertificates;
    let front: Awaited<ReturnType<typeof startTlsForwarder>>;
    let proxy: ConnectProxy;

    beforeAll(async () => {
        emulator = await startEmulator({ quiet: true });
        certs = makeTestCertificates([HOST]);
        front = await startTlsForwarder(certs, Number(new URL(emulator.url).port));
        proxy = await startConnectProxy();
    });
    afterAll(async () => {
        await proxy?.close();
        await front?.close();
        await emulator?.close();
        if (certs) fs.rmSync(certs.dir, { recursive: true, force: true });
    });

    async function run(
        bases: Record<string, string>,
        env: NodeJS.ProcessEnv,
        trust = true,
    ): Promise<Record<string, Outcome>> {
        const keys = { publicKey: emulator.publicKey, secretKey: emulator.secretKey };
        const clean = Object.fromEntries(
            Object.entries(process.env).filter(
                ([name]) => !/^((https?|no|all)_proxy|NODE_EXTRA_CA_CERTS)$/i.test(name),
            ),
        );
        const { stdout } = await promisify(execFile)(process.execPath, ["-e", SCRIPT, JSON.stringify([keys, bases])], {
            cwd: ROOT,
            env: { ...clean, ...(trust ? { NODE_EXTRA_CA_CERTS: certs.caFile } : {}), ...env },
        });
        return JSON.parse(stdout);
    }

    it("HTTPS_PROXY with credentials: REST and Upload API calls tunnel through it over TLS", async () => {
        proxy.log.length = 0;
        emulator.clearRequests();
        const target = `${HOST}:${front.port}`;
        const out = await run({ proxied: `https://${target}` }, { HTTPS_PROXY: proxy.url });
        expect(out.proxied).toEqual({ project: emulator.publicKey, uploaded: true });
        // Keep-alive: one tunnel carries both calls; never a 407 (the credentials from the URL were sent).
        expect(proxy.log.length).toBeGreaterThanOrEqual(1);
        expect(new Set(proxy.log)).toEqual(new Set([`CONNECT ${target}`]));
        expect(uploadcareCalls(emulator)).toEqual(["GET /project/", "POST /base/"]);
    });

    it("the tunnel is real TLS: without the test CA the certificate is refused", async () => {
        const out = await run({ proxied: `https://${HOST}:${front.port}` }, { HTTPS_PROXY: proxy.url }, false);
        expect(out.proxied?.code).toBe("UPLOADCARE_NETWORK");
        expect(out.proxied?.causeCode).toBe("UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    });

    it("lower-case https_proxy works the same way", async () => {
        proxy.log.length = 0;
        const out = await run({ proxied: `https://${HOST}:${front.port}` }, { https_proxy: proxy.url });
        expect(out.proxied).toMatchObject({ project: emulator.publicKey, uploaded: true });
        expect(proxy.log).toContain(`CONNECT ${HOST}:${front.port}`);
    });

    it("a host NO_PROXY names and every loopback address go direct: the proxy sees nothing", async () => {
        proxy.log.length = 0;
        emulator.clearRequests();
        const out = await run(
            {
                exempt: `https://${HOST}:${front.port}`,
                loopbackTls: `https://127.0.0.1:${front.port}`,
                loopbackHttp: emulator.url,
            },
            { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: `example.org,${HOST}` },
        );
        // Direct, the client resolves `uploadcare.test` itself, and no resolver knows it.
        expect(out.exempt?.code).toBe("UPLOADCARE_NETWORK");
        expect(out.exempt?.causeCode).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
        expect(out.loopbackTls).toEqual({ project: emulator.publicKey, uploaded: true });
        expect(out.loopbackHttp).toEqual({ project: emulator.publicKey, uploaded: true });
        expect(proxy.log).toEqual([]);
        expect(uploadcareCalls(emulator)).toEqual(["GET /project/", "POST /base/", "GET /project/", "POST /base/"]);
    });

    it("wrong proxy credentials fail with a network error naming the proxy without its password", async () => {
        proxy.log.length = 0;
        const wrong = proxy.url.replace(/:[^:@/]+@/, ":not-the-password@");
        const out = await run({ proxied: `https://${HOST}:${front.port}` }, { HTTPS_PROXY: wrong });
        expect(out.proxied?.code).toBe("UPLOADCARE_NETWORK");
        expect(out.proxied?.message).toContain("via proxy http://127.0.0.1:");
        expect(out.proxied?.message).not.toContain("not-the-password");
        expect(proxy.log).toEqual([`407 ${HOST}:${front.port}`]);
    });
});
