import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";

// SyncedFolder through the real CLI: a folder as one resource. Create, a no-change up that sends nothing, one file
// changed + one added + one removed (named by preview --diff), refresh after an out-of-band delete, the provider
// killed mid-upload and the next up leaving no orphan and no duplicate, and destroy through 429/503.
const PROGRAM = `
const { SyncedFolder } = require("pulumi-uploadcare");
const site = new SyncedFolder("site", { path: "public", tags: ["Site"], exclude: ["**/*.tmp"] });
exports.count = site.count;
exports.totalBytes = site.totalBytes;
exports.files = site.files;
`;
const TYPE = "pulumi-nodejs:dynamic/uploadcare:SyncedFolder";
const FILES = 30;

function write(root: string, files: Record<string, string>): void {
    for (const [rel, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), text);
    }
}
const site = (version: string) => ({
    "index.html": `<h1>${version}</h1>`,
    "css/site.css": "body { margin: 0 }",
    "scratch.tmp": "never synced",
    ...Object.fromEntries(Array.from({ length: FILES - 2 }, (_, i) => [`img/${i}.svg`, `<svg>${version}${i}</svg>`])),
});

/** The pids under `root` (children, grandchildren, …) whose command line contains `needle`. */
function descendantsMatching(root: number, needle: string): number[] {
    const parents = new Map<number, number>();
    const commands = new Map<number, string>();
    for (const entry of fs.readdirSync("/proc")) {
        const pid = Number(entry);
        if (!Number.isInteger(pid)) continue;
        try {
            const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
            parents.set(pid, Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
            commands.set(pid, fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " "));
        } catch {}
    }
    const under = (pid: number): boolean => {
        for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === root) return true;
        return false;
    };
    return [...commands].filter(([pid, cmd]) => cmd.includes(needle) && under(pid)).map(([pid]) => pid);
}

describe("SyncedFolder through the Pulumi engine", () => {
    const stack = useEngineStack({
        project: { inline: "uploadcare-synced-folder", program: PROGRAM },
        before: ({ project }) => write(path.join(project, "public"), site("v1")),
    });
    const live = () =>
        stack.emulator.files().filter((f) => f.metadata["pulumi-synced-folder"] !== undefined && !f.datetimeRemoved);
    const count = (call: string) => stack.calls().filter((line) => line === call).length;

    it("up uploads every selected file once, tagged and typed, stores them in one batch; a second up sends nothing", async () => {
        const up = await stack.ws.up();
        const outputs = await stack.ws.outputs();
        expect(outputs.count).toBe(FILES);
        const files = outputs.files as Record<string, { uuid: string; contentType: string; cdnUrl: string }>;
        expect(files["css/site.css"]?.contentType).toBe("text/css");
        expect(files["scratch.tmp"]).toBeUndefined();
        expect(count("POST /base/")).toBe(FILES);
        expect(count("PUT /files/storage/")).toBe(1);
        const css = live().find((f) => f.uuid === files["css/site.css"]?.uuid);
        expect(css?.mimeType).toBe("text/css");
        expect(css?.tags).toEqual(["site"]);
        expect(css?.metadata["pulumi-path"]).toBe("css/site.css");
        expect(`${up.stdout}${up.stderr}`).toContain(`public: ${FILES}/${FILES} uploaded`);

        stack.emulator.clearRequests();
        const again = await stack.ws.up();
        expect(stack.calls()).toEqual([]);
        expect(again.stdout).toMatch(/unchanged/);
    });

    it("preview --diff names the changed, added and removed paths; up costs one upload per file, one store, one delete", async () => {
        const root = path.join(stack.project, "public");
        write(root, { "css/site.css": "body { margin: 1px }", "fonts/new.woff2": "wOF2" });
        fs.rmSync(path.join(root, "img/0.svg"));
        const preview = await stack.ws.preview();
        expect(preview.stdout).toMatch(/~ manifest: \{/);
        expect(preview.stdout).toMatch(/~ css\/site\.css\s*: "\S+" => "\S+"/);
        expect(preview.stdout).toMatch(/\+ fonts\/new\.woff2\s*: "/);
        expect(preview.stdout).toMatch(/- img\/0\.svg\s*: "/);
        stack.emulator.clearRequests();
        await stack.ws.up();
        // Besides the keys proof every new provider process makes once, one list finds a crashed run's uploads.
        expect(stack.calls().sort()).toEqual([
            "DELETE /files/storage/",
            "GET /files/",
            "GET /project/",
            "POST /base/",
            "POST /base/",
            "PUT /files/storage/",
        ]);
        expect(live()).toHaveLength(FILES);
        expect(live().find((f) => f.metadata["pulumi-path"] === "fonts/new.woff2")?.mimeType).toBe("font/woff2");
    });

    it("refresh reads the list and drops a file deleted outside Pulumi; the next up uploads exactly that one", async () => {
        const files = (await stack.ws.outputs()).files as Record<string, { uuid: string }>;
        stack.emulator.removeFileOutOfBand(files["index.html"]?.uuid as string);
        stack.emulator.clearRequests();
        await stack.ws.refresh();
        // The list, and the project proven once before a missing file counts as deleted.
        expect(stack.calls().sort()).toEqual(["GET /files/", "GET /project/"]);
        const [refreshed] = await stack.ws.resources(TYPE);
        const entries = refreshed?.outputs?.entries as Record<string, string>;
        const manifest = refreshed?.inputs?.manifest as Record<string, string>;
        expect(entries["index.html"]).toBeUndefined();
        expect(Object.keys(entries)).toHaveLength(FILES - 1);
        expect(manifest["index.html"]).toBeUndefined();
        stack.emulator.clearRequests();
        await stack.ws.up();
        expect(count("POST /base/")).toBe(1);
        expect(live()).toHaveLength(FILES);
    });

    it("the provider killed mid-upload: the next up adopts what it uploaded, with no orphan and no duplicate", async () => {
        // v2 changes every file (css/site.css back to its v1 bytes), and fonts/ goes.
        fs.rmSync(path.join(stack.project, "public", "fonts"), { recursive: true });
        write(path.join(stack.project, "public"), site("v2"));
        stack.emulator.injectFaults([
            { method: "POST", path: "/base/", action: "delay", delayMs: 150, times: Number.POSITIVE_INFINITY },
        ]);
        let engine = 0;
        const run = stack.ws.run(["up", "--yes", "--skip-preview"], {
            env: { UPLOADCARE_MAX_CONCURRENCY: "2" },
            allowFailure: true,
            onStart: (pid) => {
                engine = pid;
            },
        });
        // Uploads of this run: unstored until its batch store (a removed file also shows datetime_stored null).
        const v2 = () =>
            stack.emulator.files().filter((f) => f.metadata["pulumi-hash"] && !f.datetimeRemoved && !f.datetimeStored);
        for (let i = 0; i < 600 && v2().length < 6; i++) await new Promise((resolve) => setTimeout(resolve, 50));
        const providers = descendantsMatching(engine, "dynamic-provider");
        expect(providers.length).toBeGreaterThan(0);
        for (const pid of providers) process.kill(pid, "SIGKILL");
        const killed = await run;
        expect(killed.code).not.toBe(0);
        const uploadedBeforeKill = v2().length;
        expect(uploadedBeforeKill).toBeGreaterThanOrEqual(6);
        expect(uploadedBeforeKill).toBeLessThan(FILES);

        stack.emulator.clearFaults();
        stack.emulator.clearRequests();
        await stack.ws.up();
        // Exactly one live file per path, all stored; every v2 upload of the killed run was adopted, none repeated.
        const files = live();
        expect(files).toHaveLength(FILES);
        expect(new Set(files.map((f) => f.metadata["pulumi-path"])).size).toBe(FILES);
        expect(files.every((f) => f.datetimeStored !== null)).toBe(true);
        expect(count("POST /base/")).toBe(FILES - uploadedBeforeKill);
        const [state] = await stack.ws.resources(TYPE);
        expect(Object.keys(state?.outputs?.entries as object)).toHaveLength(FILES);
    });

    it("destroy deletes in batches through 429 and 503, and leaves no file behind", async () => {
        stack.emulator.clearRequests();
        stack.emulator.injectFaults([
            { method: "DELETE", path: "/files/storage/", action: "status", status: 429, retryAfter: 0, times: 1 },
            { method: "DELETE", path: "/files/storage/", action: "status", status: 503, times: 1 },
        ]);
        await stack.ws.destroy();
        expect(live()).toEqual([]);
        expect(count("DELETE /files/storage/")).toBe(3);
        expect(await stack.ws.resources(TYPE)).toEqual([]);
    });
});
