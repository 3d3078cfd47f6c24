import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shortSha256, syncKeyFor } from "../../../src/resources/folderManifest";
import { requireTypeScriptSources } from "../../support/requireTypeScript";

// The class requires its provider shim through Node (see ../../support/requireTypeScript.ts).
requireTypeScriptSources();
const { SyncedFolder, syncedFiles } = await import("../../../src/resources/syncedFolder");

const root = fs.mkdtempSync(path.join(os.tmpdir(), "synced-folder-class-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const hashOf = (text: string) => shortSha256(require("node:crypto").createHash("sha256").update(text).digest());

const UUID_A = "0a1b2c3d-0000-4000-8000-00000000000a";
const UUID_B = "0a1b2c3d-0000-4000-8000-00000000000b";
const CDN = "https://abc123.ucarecd.net/";

/** What the mocked engine received for each resource, by name. */
const received = new Map<string, { type: string; inputs: Record<string, unknown> }>();

beforeAll(() => {
    for (const [rel, text] of Object.entries({ "index.html": "<h1/>", "css/site.css": "body{}", "notes.md": "n" })) {
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), text);
    }
    fs.writeFileSync(path.join(root, ".env"), "SECRET=1");
    pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                received.set(args.name, { type: args.type, inputs: args.inputs });
                const manifest = args.inputs.manifest as Record<string, string>;
                const uuids = [UUID_A, UUID_B];
                // As the provider answers: one compact entry per path, the CDN origin, totals.
                const entries = Object.fromEntries(
                    Object.entries(manifest).map(([rel, hash], i) => [rel, `${hash} ${uuids[i % 2]} ${10 + i}`]),
                );
                const state = { ...args.inputs, entries, cdnBase: CDN, count: Object.keys(entries).length };
                return { id: String(args.inputs.syncKey), state };
            },
            call: (args) => args.inputs,
        },
        "web",
        "prod",
        false,
    );
});

const resolved = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

describe("SyncedFolder (Pulumi mocks)", () => {
    it("sends the provider the absolute folder, the manifest, the syncKey and the switches; never include/exclude", async () => {
        const site = new SyncedFolder("site", {
            path: path.relative(process.cwd(), root),
            exclude: ["**/*.md"],
            metadata: { team: "web" },
            tags: ["site"],
            group: true,
        });
        await resolved(site.count);
        const sent = received.get("site");
        expect(sent?.type).toBe("pulumi-nodejs:dynamic/uploadcare:SyncedFolder");
        const { __provider, ...inputs } = sent?.inputs ?? {};
        expect(typeof __provider).toBe("string");
        expect(inputs).toEqual({
            path: root,
            manifest: { "css/site.css": hashOf("body{}"), "index.html": hashOf("<h1/>") },
            syncKey: syncKeyFor("web", "prod", "site"),
            metadata: { team: "web" },
            tags: ["site"],
            group: true,
        });
        expect(await resolved(site.id)).toBe(syncKeyFor("web", "prod", "site"));
    });

    it("derives files from entries and cdnBase: uuid, cdnUrl, size, contentType by extension", async () => {
        const site = new SyncedFolder("files", { path: root, include: ["**/*.html", "**/*.css"] });
        expect(await resolved(site.files)).toEqual({
            "css/site.css": { uuid: UUID_A, cdnUrl: `${CDN}${UUID_A}/`, size: 10, contentType: "text/css" },
            "index.html": { uuid: UUID_B, cdnUrl: `${CDN}${UUID_B}/`, size: 11, contentType: "text/html" },
        });
        expect(await resolved(site.count)).toBe(2);
    });

    it("takes a path that is an Output, and sends credentials with the secret key as a secret", async () => {
        const site = new SyncedFolder("later", {
            path: pulumi.output(root),
            credentials: { publicKey: "pub", secretKey: "sec" },
        });
        await resolved(site.count);
        const inputs = received.get("later")?.inputs ?? {};
        expect(Object.keys(inputs.manifest as object)).toEqual(["css/site.css", "index.html", "notes.md"]);
        // Pulumi's wire form of a secret (the secret signature): the key never travels in plain text.
        expect(inputs.credentials).toEqual({
            "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
            value: { publicKey: "pub", secretKey: "sec" },
        });
    });
});

describe("syncedFiles", () => {
    it("skips malformed entries, sorts by path, and types files without a known extension as octet-stream", () => {
        const hash = hashOf("x");
        expect(
            syncedFiles({ "z/LICENSE": `${hash} ${UUID_A} 5`, "a.svg": `${hash} ${UUID_B} 7`, bad: "nope" }, CDN),
        ).toEqual({
            "a.svg": { uuid: UUID_B, cdnUrl: `${CDN}${UUID_B}/`, size: 7, contentType: "image/svg+xml" },
            "z/LICENSE": { uuid: UUID_A, cdnUrl: `${CDN}${UUID_A}/`, size: 5, contentType: "application/octet-stream" },
        });
        expect(syncedFiles(undefined, undefined)).toEqual({});
    });
});
