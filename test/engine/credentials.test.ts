import { describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";

// A File, a Group of it and a Webhook in project B through `credentials`, while the stack config names project A
// (the emulator's default one), through the real CLI.

const TOKEN = "project-api-token-credentials-test";
const B = { publicKey: "credentialsprojectb", secretKey: "sk_b_first_0123456789abcdef" };
const A_SECRET = "sk_a_credentials_test";
const C = { publicKey: "credentialsprojectc", secretKey: "sk_c_0123456789abcdef" };

describe("resources in another project through credentials", () => {
    const stack = useEngineStack({
        project: {
            inline: "uploadcare-credentials",
            program: `const pulumi = require("@pulumi/pulumi");
const { File, Group, Webhook } = require("pulumi-uploadcare");
const other = new pulumi.Config("other");
// Given plain on purpose: the classes must make it a secret themselves.
const credentials = { publicKey: other.require("publicKey"), secretKey: other.require("secretKey") };
const file = new File("f", { source: new pulumi.asset.StringAsset("in project b"), filename: "b.txt", credentials });
const group = new Group("g", { files: [file.uuid], credentials });
const hook = new Webhook("w", { targetUrl: "https://example.com/hooks/b", event: "file.uploaded", credentials });
exports.projects = [file.project, group.project, hook.project];
`,
        },
        emulator: { secretKey: A_SECRET, extraProjects: [B, C], projectApiToken: TOKEN },
        env: {},
        config: ({ emulator }) => ({
            "uploadcare:publicKey": emulator.publicKey,
            "uploadcare:apiBaseUrl": emulator.url,
            "uploadcare:uploadBaseUrl": emulator.url,
            "other:publicKey": B.publicKey,
        }),
        secrets: { "uploadcare:secretKey": A_SECRET, "other:secretKey": B.secretKey },
    });

    async function projectApi(method: string, path: string): Promise<unknown> {
        const response = await fetch(`${stack.emulator.url}/projects/${B.publicKey}/${path}`, {
            method,
            headers: { authorization: `Bearer ${TOKEN}` },
        });
        expect(response.ok).toBe(true);
        return response.status === 204 ? undefined : response.json();
    }

    const live = (publicKey?: string) => ({
        files: stack.emulator.files(publicKey).filter((f) => !f.datetimeRemoved).length,
        groups: stack.emulator.groups(publicKey).length,
        webhooks: stack.emulator.webhooks(publicKey).length,
    });

    it("up creates in B, a rotated key is an update, another project previews as a replace, destroy empties B", async () => {
        // B's keys made through the Project API (the emulator's option key of B cannot be deleted there).
        const first = (await projectApi("POST", "secrets/")) as { id: string; secret: string };
        await stack.ws.setConfig("other:secretKey", first.secret, { secret: true });
        const seeded = live();
        await stack.ws.run(["up", "--yes", "--skip-preview"]);
        expect(live(B.publicKey)).toEqual({ files: 1, groups: 1, webhooks: 1 });
        expect(live()).toEqual(seeded);
        const outputs = JSON.parse((await stack.ws.run(["stack", "output", "--json"])).stdout);
        expect(outputs.projects).toEqual([B.publicKey, B.publicKey, B.publicKey]);

        stack.emulator.clearRequests();
        await stack.ws.run(["up", "--yes"]);
        expect(stack.calls()).toEqual([]);

        // A second secret key of B, then the first one deleted: refresh and destroy must use the stored new one.
        const { id: newId, secret } = (await projectApi("POST", "secrets/")) as { id: string; secret: string };
        await stack.ws.setConfig("other:secretKey", secret, { secret: true });
        stack.emulator.clearRequests();
        const rotated = await stack.ws.run(["up", "--yes", "--skip-preview"]);
        expect(rotated.stdout).toMatch(/3 updated/);
        expect(rotated.stdout).not.toMatch(/replaced/);
        expect(stack.calls()).toEqual(["GET /project/"]);
        expect(newId).not.toBe(first.id);
        await projectApi("DELETE", `secrets/${first.id}/`);
        const refreshed = await stack.ws.run(["refresh", "--yes", "--skip-preview"]);
        expect(refreshed.code).toBe(0);
        expect(live(B.publicKey)).toEqual({ files: 1, groups: 1, webhooks: 1 });

        await stack.ws.setConfig("other:publicKey", C.publicKey);
        await stack.ws.setConfig("other:secretKey", C.secretKey, { secret: true });
        const preview = await stack.ws.run(["preview"]);
        expect(preview.stdout).toMatch(/3 to replace/);
        await stack.ws.setConfig("other:publicKey", B.publicKey);
        await stack.ws.setConfig("other:secretKey", secret, { secret: true });

        const exported = (await stack.ws.run(["stack", "export"])).stdout;
        expect(exported).toContain(B.publicKey);
        expect(exported).not.toContain(first.secret);
        expect(exported).not.toContain(secret);

        await stack.ws.run(["destroy", "--yes", "--skip-preview"]);
        expect(live(B.publicKey)).toEqual({ files: 0, groups: 0, webhooks: 0 });
        expect(live()).toEqual(seeded);
    });
});
