import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Receiver, startReceiver } from "../../examples/webhook/receiver";
import { DEMO_CDN } from "../support/cdn";
import { type EngineStack, useEngineStack } from "../support/engineFixture";
import { REPO_ROOT } from "../support/installedPackage";

/** The plugin's version: this package's. */
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string })
    .version;

// The native provider plugin `uploadcare` (issue #16) from Pulumi YAML, through the real CLI and the
// YAML language host, against the emulator: installed from the tarball `npm run plugin:pack` makes,
// exactly as the README tells users to.

const packDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-uploadcare-plugin-"));
let packed: string | undefined;

/** Packs the plugin once per file (about 7 s: npm install from the local cache). */
function packPlugin(): string {
    if (packed) return packed;
    const out = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "plugin-pack.sh")], {
        cwd: REPO_ROOT,
        env: { ...process.env, PLUGIN_PACK_OUT: packDir },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
    });
    packed = out.trim().split("\n").pop() ?? "";
    return packed;
}
afterAll(() => fs.rmSync(packDir, { recursive: true, force: true }));

/** The no-op check both programs get: a second up previews no change and sends no request at all. */
function itChangesNothingOnASecondUp(stack: EngineStack): void {
    it("a second up changes nothing and sends zero requests", async () => {
        stack.emulator.clearRequests();
        await stack.ws.up(["--expect-no-changes"]);
        expect(stack.requests()).toEqual([]);
    });
}

async function uploadGroup(url: string, publicKey: string, files: string[]): Promise<string> {
    const form = new FormData();
    form.set("pub_key", publicKey);
    for (const [i, file] of files.entries()) form.set(`files[${i}]`, file);
    const response = await fetch(`${url}/group/`, { method: "POST", body: form });
    expect(response.status).toBe(200);
    return ((await response.json()) as { id: string }).id;
}

describe("examples/yaml with the native plugin", () => {
    let files: string[];
    let tarball = "";

    const stack = useEngineStack({
        project: { example: "yaml" },
        // Keys in stack config, none in the environment: the secret key reaches the provider as a secret input.
        env: {},
        before: async ({ ws, emulator }) => {
            files = emulator.createFiles(2, { stored: false });
            tarball = packPlugin();
            await ws.run(["plugin", "install", "resource", "uploadcare", VERSION, "--file", tarball]);
        },
        config: ({ emulator }) => ({
            files,
            "uploadcare:publicKey": emulator.publicKey,
            "uploadcare:apiBaseUrl": emulator.url,
            "uploadcare:uploadBaseUrl": emulator.url,
        }),
    });

    it("up creates the group (one project proof, the POST, the storage call)", async () => {
        await stack.ws.setConfig("uploadcare:secretKey", stack.emulator.secretKey, { secret: true });
        stack.emulator.clearRequests();
        await stack.ws.up();
        const groups = stack.emulator.groups();
        expect(groups).toHaveLength(1);
        expect(groups[0]?.files.map((m) => m.uuid)).toEqual(files);
        expect(await stack.ws.outputs()).toEqual({
            groupId: groups[0]?.id,
            cdnUrl: `${DEMO_CDN}/${groups[0]?.id}/`,
            filesCount: 2,
        });
        expect(stack.calls()).toEqual(["GET /project/", "GET /groups/", "POST /group/", "PUT /files/storage/"]);
    });

    itChangesNothingOnASecondUp(stack);

    it("the exported state holds the secret key only as ciphertext", async () => {
        const exported = await stack.ws.exportState();
        expect(exported).not.toContain(stack.emulator.secretKey);
        const [provider] = await stack.ws.resources("pulumi:providers:uploadcare");
        expect(provider?.inputs?.publicKey).toBe(stack.emulator.publicKey);
        expect(JSON.stringify(provider?.inputs?.secretKey)).toContain("ciphertext");
    });

    it("a new file list previews as a replace of files, and up swaps the group", async () => {
        const [old] = stack.emulator.groups();
        files = [files[0] as string, ...stack.emulator.createFiles(1, { stored: true })];
        await stack.ws.setConfig("files", files);
        const preview = await stack.ws.preview();
        expect(preview.stdout).toMatch(/\+-\s*uploadcare:index:Group: \(replace\)/);
        expect(preview.stdout).toMatch(/~ files: \[/);
        stack.emulator.clearRequests();
        await stack.ws.up();
        const groups = stack.emulator.groups();
        expect(groups).toHaveLength(1);
        expect(groups[0]?.id).not.toBe(old?.id);
        expect(stack.calls()).toEqual(["GET /project/", "GET /groups/", "POST /group/", `DELETE /groups/${old?.id}/`]);
    });

    it("refresh drops a group deleted out of band, and up creates it again", async () => {
        const [group] = stack.emulator.groups();
        expect(stack.emulator.deleteGroupOutOfBand(group?.id ?? "")).toBe(true);
        await stack.ws.refresh();
        expect(await stack.ws.resources("uploadcare:index:Group")).toEqual([]);
        await stack.ws.up();
        expect(stack.emulator.groups()).toHaveLength(1);
    });

    it("pulumi import adopts an existing group and prints YAML for it", async () => {
        const id = await uploadGroup(stack.emulator.url, stack.emulator.publicKey, files);
        const result = await stack.ws.run([
            "import",
            "uploadcare:index:Group",
            "adopted",
            id,
            "--yes",
            "--protect=false",
        ]);
        expect(result.stdout).toContain("1 imported");
        expect(result.stdout).toMatch(/adopted:\n\s+type: uploadcare:Group\n\s+properties:\n\s+files:/);
        const imported = (await stack.ws.resources("uploadcare:index:Group")).find((r) => r.urn.endsWith("::adopted"));
        expect(imported?.id).toBe(id);
        expect(imported?.outputs?.files).toEqual(files);
    });

    it("pulumi import of a missing group fails and names it", async () => {
        const missing = "00000000-0000-4000-8000-000000000000~2";
        const result = await stack.ws.run(["import", "uploadcare:index:Group", "ghost", missing, "--yes"], {
            allowFailure: true,
        });
        expect(result.code).not.toBe(0);
        expect(`${result.stdout}${result.stderr}`).toContain(missing);
        expect((await stack.ws.resources("uploadcare:index:Group")).map((r) => r.id)).not.toContain(missing);
    });

    it("destroy deletes every group, the imported one included", async () => {
        await stack.ws.destroy();
        expect(stack.emulator.groups()).toEqual([]);
    });
});

describe("examples/yaml-files with the native plugin: File and Webhook", () => {
    const SIGNING_SECRET = "yaml-signing-secret-0001";
    const GREETING = "hello from Pulumi YAML";
    let receiver: Receiver;
    const live = () => stack.emulator.files().filter((f) => f.datetimeStored && !f.datetimeRemoved);

    const stack = useEngineStack({
        project: { example: "yaml-files" },
        env: {},
        before: async ({ ws }) => {
            receiver = await startReceiver(SIGNING_SECRET, 0, () => {});
            await ws.run(["plugin", "install", "resource", "uploadcare", VERSION, "--file", packPlugin()]);
        },
        config: ({ emulator }) => ({
            targetUrl: receiver.url,
            "uploadcare:publicKey": emulator.publicKey,
            "uploadcare:apiBaseUrl": emulator.url,
            "uploadcare:uploadBaseUrl": emulator.url,
        }),
        secrets: { signingSecret: SIGNING_SECRET },
        after: () => receiver?.close(),
    });

    it("up subscribes the webhook, then uploads and stores both files; the receiver gets both, signed", async () => {
        await stack.ws.setConfig("uploadcare:secretKey", stack.emulator.secretKey, { secret: true });
        stack.emulator.clearRequests();
        await stack.ws.up();
        const [hook] = stack.emulator.webhooks();
        expect(hook).toMatchObject({ targetUrl: receiver.url, event: "file.uploaded", signingSecret: SIGNING_SECRET });
        const outputs = await stack.ws.outputs();
        expect(outputs.webhookId).toBe(String(hook?.id));
        const files = live();
        expect(files.map((f) => f.uuid).sort()).toEqual([outputs.greetingUuid, outputs.logoUuid].sort());
        const greeting = files.find((f) => f.uuid === outputs.greetingUuid);
        expect(greeting).toMatchObject({ originalFilename: "hello.txt", metadata: { origin: "yaml" } });
        expect((await stack.emulator.fileBytes(greeting?.uuid ?? ""))?.toString()).toBe(GREETING);
        // fn::fileAsset: the path is the program's, read by the provider process.
        const logo = fs.readFileSync(path.join(stack.project, "logo.svg"));
        expect(await stack.emulator.fileBytes(String(outputs.logoUuid))).toEqual(logo);
        expect(outputs.logoSize).toBe(logo.length);
        expect(stack.calls().sort()).toEqual(
            [
                "GET /project/",
                "GET /webhooks/",
                "POST /webhooks/",
                "POST /base/",
                "POST /base/",
                ...files.map((f) => `PUT /files/${f.uuid}/storage/`),
            ].sort(),
        );
        await stack.emulator.flushWebhookDeliveries();
        const delivered = receiver.deliveries.map((d) => `${d.event} ${d.uuid} ${d.verified}`).sort();
        expect(delivered).toEqual(files.map((f) => `file.uploaded ${f.uuid} true`).sort());
    });

    itChangesNothingOnASecondUp(stack);

    it("the exported state holds neither the signing secret nor the secret key in plain text", async () => {
        const exported = await stack.ws.exportState();
        expect(exported).not.toContain(SIGNING_SECRET);
        expect(exported).not.toContain(stack.emulator.secretKey);
        const [webhook] = await stack.ws.resources("uploadcare:index:Webhook");
        expect(JSON.stringify(webhook?.inputs?.signingSecret)).toContain("ciphertext");
        expect(JSON.stringify(webhook?.outputs?.signingSecret)).toContain("ciphertext");
    });

    it("pulumi import adopts an existing file; a missing one fails and is named", async () => {
        const [uuid] = stack.emulator.createFiles(1, { stored: true });
        const imported = await stack.ws.run([
            "import",
            "uploadcare:index:File",
            "adopted",
            uuid ?? "",
            "--yes",
            "--protect=false",
        ]);
        expect(imported.stdout).toContain("1 imported");
        expect(imported.stdout).toMatch(/adopted:\n\s+type: uploadcare:File\n/);
        const state = (await stack.ws.resources("uploadcare:index:File")).find((r) => r.urn.endsWith("::adopted"));
        expect(state?.id).toBe(uuid);
        expect(state?.outputs).toMatchObject({ uuid, store: true, project: stack.emulator.publicKey });

        const missing = "00000000-0000-4000-8000-000000000000";
        const failed = await stack.ws.run(["import", "uploadcare:index:File", "ghost", missing, "--yes"], {
            allowFailure: true,
        });
        expect(failed.code).not.toBe(0);
        expect(`${failed.stdout}${failed.stderr}`).toContain(`Cannot import file ${missing}`);
    });

    it("destroy deletes the webhook and every file, the imported one included", async () => {
        await stack.ws.destroy();
        expect(stack.emulator.webhooks()).toEqual([]);
        expect(live()).toEqual([]);
    });
});
