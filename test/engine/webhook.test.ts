import { describe, expect, it } from "vitest";
import { createClient, createWebhook } from "../../src/client";
import { useEngineStack } from "../support/engineFixture";
import type { CliResult } from "../support/pulumiCli";

// The Webhook lifecycle through the real CLI against the emulator. Steps build on each other on one stack.
const SECRET = "whsec-first-0123456789";
const SECOND = "whsec-second-9876543210";
const TARGET = "http://127.0.0.1:9/uploadcare";
const VERBOSE = ["-v=11", "--logtostderr", "--logflow", "--debug"];
const TYPE = "pulumi-nodejs:dynamic/uploadcare:Webhook";

describe("Webhook through the Pulumi engine", () => {
    const collected: string[] = [];
    const keep = (result: CliResult) => {
        collected.push(result.stdout, result.stderr);
        return result;
    };

    const stack = useEngineStack({
        project: {
            inline: "uploadcare-webhooks",
            program: `const pulumi = require("@pulumi/pulumi");
const { Webhook } = require("pulumi-uploadcare");
const config = new pulumi.Config();
const targetUrl = config.require("targetUrl");
const main = new Webhook("main", {
    targetUrl,
    event: "file.uploaded",
    isActive: config.getBoolean("isActive") ?? true,
    signingSecret: config.requireSecret("signingSecret"),
});
if (config.getBoolean("duplicate")) new Webhook("copy", { targetUrl, event: "file.uploaded" }, { dependsOn: main });
exports.webhookId = main.webhookId;
`,
        },
        config: { targetUrl: TARGET },
        secrets: { signingSecret: SECRET },
    });

    const hookId = () => String(stack.emulator.webhooks()[0]?.id);

    it("up creates it (key check, the list before the POST, one POST); a second up sends nothing", async () => {
        stack.emulator.clearRequests();
        keep(await stack.ws.run(["up", "--yes", "--skip-preview", ...VERBOSE]));
        expect(stack.calls()).toEqual(["GET /project/", "GET /webhooks/", "POST /webhooks/"]);
        expect(stack.emulator.webhooks()).toMatchObject([{ targetUrl: TARGET, isActive: true, signingSecret: SECRET }]);
        expect((await stack.ws.outputs()).webhookId).toBe(hookId());
        stack.emulator.clearRequests();
        await stack.ws.up(["--expect-no-changes"]);
        expect(stack.requests()).toEqual([]);
    });

    it("isActive and signingSecret change in place with one PUT; the preview never prints the secret", async () => {
        await stack.ws.setConfig("isActive", "false");
        await stack.ws.setConfig("signingSecret", SECOND, { secret: true });
        const preview = keep(await stack.ws.preview());
        expect(preview.stdout).toMatch(new RegExp(`~ ${TYPE}: \\(update\\)`));
        expect(preview.stdout).toContain("[secret]");
        const id = hookId();
        stack.emulator.clearRequests();
        keep(await stack.ws.run(["up", "--yes", "--skip-preview", ...VERBOSE]));
        expect(stack.calls()).toEqual(["GET /project/", `PUT /webhooks/${id}/`]);
        expect(stack.emulator.webhooks()).toMatchObject([{ id: Number(id), isActive: false, signingSecret: SECOND }]);
    });

    it("a second Webhook with the same URL and event names both resources, never says to adopt; nothing is sent", async () => {
        await stack.ws.setConfig("duplicate", "true");
        stack.emulator.clearRequests();
        const failed = keep(await stack.ws.run(["up", "--yes", "--skip-preview"], { allowFailure: true }));
        expect(failed.code).not.toBe(0);
        expect(failed.stdout).toContain(
            `targetUrl of Webhook "copy": Webhook "main" of this program already subscribes ${TARGET} to file.uploaded`,
        );
        expect(failed.stdout).not.toContain("give this Webhook webhookId");
        expect(stack.calls().filter((c) => c.includes("/webhooks/"))).toEqual([]);
        expect(stack.emulator.webhooks()).toHaveLength(1);
        await stack.ws.run(["config", "rm", "duplicate"]);
    });

    it("refresh after an out-of-band delete drops it; up creates it again", async () => {
        stack.emulator.deleteWebhookOutOfBand(Number(hookId()));
        keep(await stack.ws.refresh());
        expect(await stack.ws.resources(TYPE)).toEqual([]);
        await stack.ws.up();
        expect(stack.emulator.webhooks()).toHaveLength(1);
    });

    it("destroy deletes exactly this webhook: a subscription of the same URL to another event survives", async () => {
        const { publicKey, secretKey, url } = stack.emulator;
        const client = createClient({ publicKey, secretKey, apiBaseUrl: url, uploadBaseUrl: url });
        const sibling = await createWebhook(client, { target_url: TARGET, event: "file.stored" });
        const id = hookId();
        stack.emulator.clearRequests();
        keep(await stack.ws.run(["destroy", "--yes", "--skip-preview", ...VERBOSE]));
        expect(stack.calls()).toEqual([`DELETE /webhooks/${id}/`]);
        expect(stack.emulator.webhooks().map((w) => w.id)).toEqual([sibling.id]);
    });

    it("the signing secrets are in neither the export (without --show-secrets) nor the -v=11 output", async () => {
        keep(await stack.ws.run(["up", "--yes", "--skip-preview", ...VERBOSE]));
        const exported = await stack.ws.exportState();
        expect(exported).toContain(TYPE);
        collected.push(exported);
        const total = collected.reduce((sum, text) => sum + text.length, 0);
        expect(total).toBeGreaterThan(100_000);
        const hits = collected.filter((text) => text.includes(SECRET) || text.includes(SECOND)).length;
        console.log(
            `searched ${(total / 1e6).toFixed(1)} MB of CLI output and state for 2 signing secrets: ${hits} hits`,
        );
        expect(hits).toBe(0);
    });
});
