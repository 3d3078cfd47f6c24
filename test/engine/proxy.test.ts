import * as fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
    type ConnectProxy,
    makeTestCertificates,
    startConnectProxy,
    startTlsForwarder,
    type TestCertificates,
} from "../support/connectProxy";
import { useEngineStack } from "../support/engineFixture";

// `pulumi up` and `destroy` behind a corporate-style proxy: HTTPS_PROXY with Basic credentials, Uploadcare reached
// over HTTPS at a name no resolver knows (`uploadcare.test`, RFC 6761), so every call must tunnel through the proxy,
// which connects to a TLS front of the emulator on 127.0.0.1. The program trusts the front's test CA only through
// NODE_EXTRA_CA_CERTS (https://nodejs.org/api/cli.html#node_extra_ca_certsfile). The proxy's log is the proof.

const HOST = "uploadcare.test";
const PROGRAM = `const pulumi = require("@pulumi/pulumi");
const { Group, Webhook } = require("pulumi-uploadcare");
const config = new pulumi.Config();
const group = new Group("proxied", { files: config.requireObject("files") });
const hook = new Webhook("proxied", { targetUrl: "https://example.com/uploadcare", event: "file.uploaded" });
exports.groupId = group.groupId;
exports.webhookId = hook.webhookId;
`;

describe("pulumi up and destroy through an HTTPS proxy", () => {
    let certs: TestCertificates;
    let proxy: ConnectProxy;
    let front: Awaited<ReturnType<typeof startTlsForwarder>>;
    let files: string[];

    beforeAll(async () => {
        certs = makeTestCertificates([HOST]);
        proxy = await startConnectProxy();
    });

    const stack = useEngineStack({
        project: { inline: "uploadcare-proxy", program: PROGRAM },
        emulator: { seedFiles: 2 },
        before: async ({ emulator }) => {
            files = emulator.createFiles(2, { stored: false });
            front = await startTlsForwarder(certs, Number(new URL(emulator.url).port));
        },
        config: () => ({ files }),
        after: async () => {
            await front?.close();
            await proxy?.close();
            if (certs) fs.rmSync(certs.dir, { recursive: true, force: true });
        },
    });

    afterAll(() => {
        if (proxy) console.log(`proxy log: ${JSON.stringify(proxy.log)}`);
    });

    /** Only the proxy and the test CA lead to Uploadcare: its URLs name a host that resolves nowhere. */
    const proxied = (): NodeJS.ProcessEnv => {
        const base = `https://${HOST}:${front.port}`;
        return {
            UPLOADCARE_PUBLIC_KEY: stack.emulator.publicKey,
            UPLOADCARE_SECRET_KEY: stack.emulator.secretKey,
            UPLOADCARE_API_BASE_URL: base,
            UPLOADCARE_UPLOAD_BASE_URL: base,
            HTTPS_PROXY: proxy.url,
            https_proxy: proxy.url,
            NO_PROXY: "",
            no_proxy: "",
            NODE_EXTRA_CA_CERTS: certs.caFile,
        };
    };
    const target = () => `CONNECT ${HOST}:${front.port}`;

    it("up creates the group and the webhook, every call tunnelled through the proxy", async () => {
        proxy.log.length = 0;
        stack.emulator.clearRequests();
        await stack.ws.run(["up", "--yes", "--skip-preview"], { env: proxied() });
        expect(stack.calls()).toEqual(expect.arrayContaining(["GET /project/", "POST /group/", "POST /webhooks/"]));
        expect(stack.emulator.groups()).toHaveLength(1);
        expect(stack.emulator.webhooks()).toHaveLength(1);
        const ours = proxy.log.filter((line) => line.includes(HOST));
        expect(ours.length).toBeGreaterThanOrEqual(1);
        expect(new Set(ours)).toEqual(new Set([target()]));
        expect(proxy.log.filter((line) => line.startsWith("407"))).toEqual([]);
    });

    it("destroy deletes both, through the proxy again", async () => {
        proxy.log.length = 0;
        stack.emulator.clearRequests();
        await stack.ws.run(["destroy", "--yes", "--skip-preview"], { env: proxied() });
        const byType = stack.calls().map((call) => call.replace(/\/[^/]+\/$/, "/<id>/"));
        expect(byType.sort()).toEqual(["DELETE /groups/<id>/", "DELETE /webhooks/<id>/"]);
        expect(stack.emulator.groups()).toEqual([]);
        expect(stack.emulator.webhooks()).toEqual([]);
        const ours = proxy.log.filter((line) => line.includes(HOST));
        expect(ours.length).toBeGreaterThanOrEqual(1);
        expect(new Set(ours)).toEqual(new Set([target()]));
    });
});
