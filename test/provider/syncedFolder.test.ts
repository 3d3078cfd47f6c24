/**
 * SyncedFolder against the emulator: what each sync sends (parallel unstored uploads, batch store, batch delete
 * last), what one changed file costs, recovery of a crashed run's uploads without orphans or duplicates, refresh
 * from the paginated list, and a destroy that survives faults and runs twice.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ResourceInitError } from "../../src/provider/runtime/initError";
import type { SyncedFolderOutputs } from "../../src/provider/syncedFolder/outputs";
import { createSyncedFolderProvider, type SyncedFolderProvider } from "../../src/provider/syncedFolder/provider";
import { failure } from "../support/failure";
import { emulatorConfig, type Harness, startHarness } from "../support/providerHarness";

const hashOf = (bytes: string) => createHash("sha256").update(bytes).digest().subarray(0, 16).toString("base64url");

describe("SyncedFolder against the emulator", () => {
    let h: Harness;
    let provider: SyncedFolderProvider;
    let root: string;
    const progress: string[] = [];
    // Tests share one emulator: each gets its own resource (sync key).
    let KEY = "";
    let OTHER_KEY = "";
    let run = 0;
    beforeAll(async () => {
        h = await startHarness({
            emulator: { extraProjects: [{ publicKey: "stagingpublic", secretKey: "stagingsecret", seedFiles: 0 }] },
        });
        provider = createSyncedFolderProvider({
            env: {},
            sleep: async () => {},
            random: () => 0.5,
            progress: (l) => progress.push(l),
        });
        await provider.configure({ config: emulatorConfig(h.emulator, { "uploadcare:maxConcurrency": "8" }) });
    });
    afterAll(async () => {
        await h.close();
    });
    beforeEach(() => {
        h.reset();
        progress.length = 0;
        run++;
        KEY = hashOf(`project/stack/site-${run}`);
        OTHER_KEY = hashOf(`project/stack/other-${run}`);
        root = mkdtempSync(join(tmpdir(), "synced-"));
        return () => rmSync(root, { recursive: true, force: true });
    });

    /** Writes `files` under the folder and returns the provider's checked inputs for it. */
    async function folder(files: Record<string, string>, extra: Record<string, unknown> = {}, syncKey?: string) {
        const manifest: Record<string, string> = {};
        for (const [path, text] of Object.entries(files)) {
            mkdirSync(dirname(join(root, path)), { recursive: true });
            writeFileSync(join(root, path), text);
            manifest[path] = hashOf(text);
        }
        const { inputs, failures } = await provider.check(
            {},
            { path: root, manifest, syncKey: syncKey ?? KEY, ...extra },
        );
        expect(failures ?? []).toEqual([]);
        return inputs;
    }
    const many = (n: number, prefix = "f") =>
        Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}/${i}.txt`, `file ${i} `.repeat(i + 1)]));
    const count = (calls: string[], call: string) => calls.filter((line) => line === call).length;
    const mine = (key?: string) =>
        h.emulator.files().filter((f) => f.metadata["pulumi-synced-folder"] === (key ?? KEY) && !f.datetimeRemoved);

    it("create: every file uploaded once with its path in metadata and its type, stored in batches of 100", async () => {
        const inputs = await folder({ ...many(250), "css/site.css": "body{}", "index.html": "<p>hi</p>" });
        const { id, outs } = await provider.create(inputs);
        const out = outs as SyncedFolderOutputs;
        expect(id).toBe(KEY);
        expect(out.count).toBe(252);
        const calls = h.calls();
        expect(count(calls, "POST /base/")).toBe(252);
        expect(count(calls, "PUT /files/storage/")).toBe(3);
        expect(count(calls, "GET /files/")).toBe(1); // looking for a crashed run's uploads
        expect(calls.length).toBe(252 + 3 + 1);
        const files = mine();
        expect(files).toHaveLength(252);
        expect(files.every((f) => f.datetimeStored !== null)).toBe(true);
        const css = files.find((f) => f.metadata["pulumi-path"] === "css/site.css");
        expect(css?.mimeType).toBe("text/css");
        expect(css?.metadata["pulumi-hash"]).toBe(hashOf("body{}"));
        expect(out.entries["css/site.css"]).toBe(`${hashOf("body{}")} ${css?.uuid} 6`);
        expect(out.cdnBase).toMatch(/^https?:\/\/[^/]+\/$/);
        expect(progress.some((line) => line.endsWith(": 252 stored"))).toBe(true);
        expect(progress.some((line) => line.endsWith(": 252/252 uploaded"))).toBe(true);
    });

    it("no change is no update; one changed file costs one list, one upload, one store and one delete", async () => {
        const inputs = await folder(many(20));
        const { outs } = await provider.create(inputs);
        expect((await provider.diff(KEY, outs, inputs)).changes).toBe(false);
        const changed = await folder({ ...many(20), "f/3.txt": "new bytes" });
        expect((await provider.diff(KEY, outs, changed)).changes).toBe(true);
        const old = (outs as SyncedFolderOutputs).entries["f/3.txt"]?.split(" ")[1];
        h.reset();
        const { outs: after } = await provider.update(KEY, outs, changed);
        expect(h.calls().sort()).toEqual([
            "DELETE /files/storage/",
            "GET /files/",
            "POST /base/",
            "PUT /files/storage/",
        ]);
        expect(h.emulator.files().find((f) => f.uuid === old)?.datetimeRemoved).not.toBeNull();
        expect(mine()).toHaveLength(20);
        expect((after as SyncedFolderOutputs).entries["f/3.txt"]?.startsWith(hashOf("new bytes"))).toBe(true);
    });

    it("after a big sync, the next one reads one page of the list: only uploads newer than the last recorded", async () => {
        // Uploadcare's clock moves on between uploads; this emulator's moves 5 ms per reading, so 1,100 uploads span
        // seconds, as they would over the network, not one millisecond.
        let clock = Date.now();
        const tick = () => {
            clock += 5;
            return new Date(clock);
        };
        const own = await startHarness({ emulator: { now: tick } });
        try {
            const syncing = createSyncedFolderProvider({ env: {}, sleep: async () => {} });
            await syncing.configure({ config: emulatorConfig(own.emulator) });
            const inputs = await folder(many(1100));
            const { outs } = await syncing.create(inputs);
            const changed = await folder({ ...many(1100), "f/3.txt": "new bytes" });
            own.reset();
            await syncing.update(KEY, outs, changed);
            expect(own.calls().filter((c) => c === "GET /files/")).toHaveLength(1);
            expect(own.emulator.requests.find((r) => r.path.startsWith("/files/?"))?.path).toContain("from=");
        } finally {
            await own.close();
        }
    });

    it("add and remove: the new path uploaded, the removed one deleted after the store", async () => {
        const inputs = await folder({ "a.txt": "a", "b.txt": "b" });
        const { outs } = await provider.create(inputs);
        rmSync(join(root, "b.txt"));
        const next = await folder({ "a.txt": "a", "c.txt": "c" });
        delete (next.manifest as Record<string, string>)["b.txt"];
        h.reset();
        const { outs: after } = await provider.update(KEY, outs, next);
        const calls = h.calls();
        expect(calls.indexOf("DELETE /files/storage/")).toBeGreaterThan(calls.indexOf("PUT /files/storage/"));
        expect(Object.keys((after as SyncedFolderOutputs).entries)).toEqual(["a.txt", "c.txt"]);
        expect(
            mine()
                .map((f) => f.metadata["pulumi-path"])
                .sort(),
        ).toEqual(["a.txt", "c.txt"]);
    });

    it("a run that fails mid-upload leaves no orphan and no duplicate: the next run adopts what it uploaded", async () => {
        const inputs = await folder(many(40));
        // One file vanishes between the program's hashing and the upload: the other 39 are uploaded, unstored.
        rmSync(join(root, "f/25.txt"));
        const error = await failure(provider.create(inputs));
        expect((error as Error).message).toMatch(/f\/25\.txt cannot be read/);
        expect(mine()).toHaveLength(39);
        expect(mine().every((f) => f.datetimeStored === null)).toBe(true);
        const partial = (error as ResourceInitError<SyncedFolderOutputs>).properties;
        expect(partial?.count ?? 0).toBe(0);
        writeFileSync(join(root, "f/25.txt"), many(40)["f/25.txt"] as string);
        h.reset();
        // The next `up`: an update from the partial state (or a create, had nothing been recorded).
        const { outs } = await provider.update(KEY, partial as unknown as Record<string, unknown>, inputs);
        expect(count(h.calls(), "POST /base/")).toBe(1);
        expect((outs as SyncedFolderOutputs).count).toBe(40);
        const files = mine();
        expect(files).toHaveLength(40);
        expect(new Set(files.map((f) => f.metadata["pulumi-path"])).size).toBe(40);
        expect(files.every((f) => f.datetimeStored !== null)).toBe(true);
    });

    it("a run killed after storing (nothing recorded): the next create adopts every file and uploads none", async () => {
        const inputs = await folder(many(30));
        await provider.create(inputs); // its result never reached state
        h.reset();
        const { outs } = await provider.create(inputs);
        expect(count(h.calls(), "POST /base/")).toBe(0);
        expect((outs as SyncedFolderOutputs).count).toBe(30);
        expect(mine()).toHaveLength(30);
    });

    it("never adopts or deletes another resource's files", async () => {
        const other = await folder({ "a.txt": "a" }, {}, OTHER_KEY);
        await provider.create(other);
        const inputs = await folder({ "a.txt": "a" });
        const { outs } = await provider.create(inputs);
        expect(mine(OTHER_KEY)).toHaveLength(1);
        expect(mine()).toHaveLength(1);
        await provider.delete(KEY, outs);
        expect(mine(OTHER_KEY)).toHaveLength(1);
    });

    it("refresh reads the list, not each file, and drops files deleted outside Pulumi", async () => {
        const inputs = await folder(many(30));
        const { outs } = await provider.create(inputs);
        const gone = (outs as SyncedFolderOutputs).entries["f/7.txt"]?.split(" ")[1] as string;
        h.emulator.removeFileOutOfBand(gone);
        h.reset();
        const read = await provider.read(KEY, outs);
        // Pages of the project's stored files (tests share the emulator), 1,000 a page: never one request per file.
        const stored = h.emulator.files().filter((f) => f.datetimeStored && !f.datetimeRemoved).length;
        expect(h.calls()).toEqual(Array(Math.ceil(stored / 1000)).fill("GET /files/"));
        const props = read.props as SyncedFolderOutputs;
        expect(props.count).toBe(29);
        expect(props.entries["f/7.txt"]).toBeUndefined();
        expect((read.inputs as { manifest: Record<string, string> }).manifest["f/7.txt"]).toBeUndefined();
        expect(progress.some((line) => line.includes("1 files deleted outside Pulumi: f/7.txt"))).toBe(true);
        h.reset();
        await provider.update(KEY, props as unknown as Record<string, unknown>, inputs);
        expect(count(h.calls(), "POST /base/")).toBe(1);
        expect(mine()).toHaveLength(30);
    });

    it("import (a read with no state) finds the files by their key, with their CDN origin, metadata and tags", async () => {
        const inputs = await folder({ "a.txt": "a", "b/c.txt": "c" }, { tags: ["site"], metadata: { team: "web" } });
        const { outs } = await provider.create(inputs);
        const imported = await provider.read(KEY, {});
        const props = imported.props as SyncedFolderOutputs;
        expect(props.entries).toEqual((outs as SyncedFolderOutputs).entries);
        expect(props.cdnBase).toBe((outs as SyncedFolderOutputs).cdnBase);
        expect(imported.inputs).toMatchObject({ metadata: { team: "web" }, tags: ["site"], manifest: inputs.manifest });
        // The program's next up, with the same inputs, changes nothing.
        expect((await provider.diff(KEY, props as unknown as Record<string, unknown>, inputs)).changes).toBe(false);
    });

    it("store: false leaves the files unstored and still names their CDN origin (one file's info)", async () => {
        const inputs = await folder({ "a.txt": "a", "b.txt": "b" }, { store: false });
        const { outs } = await provider.create(inputs);
        expect(mine().every((f) => f.datetimeStored === null)).toBe(true);
        const calls = h.calls();
        expect(calls.filter((c) => c.startsWith("PUT /files/storage/"))).toEqual([]);
        expect(calls.filter((c) => /^GET \/files\/[0-9a-f-]{36}\/$/.test(c))).toHaveLength(1);
        expect((outs as SyncedFolderOutputs).cdnBase).toMatch(/^https?:\/\/[^/]+\/$/);
    });

    it("tags and metadata change in place, with no upload", async () => {
        const inputs = await folder({ "a.txt": "a", "b.txt": "b" }, { tags: ["Site"], metadata: { env: "dev" } });
        expect(inputs.tags).toEqual(["site"]);
        const { outs } = await provider.create(inputs);
        expect(mine().every((f) => f.tags?.join() === "site" && f.metadata.env === "dev")).toBe(true);
        // A create changes no kept file: no "metadata and tags of 0 files updated" line.
        expect(progress.filter((line) => line.includes("metadata and tags"))).toEqual([]);
        const next = await folder({ "a.txt": "a", "b.txt": "b" }, { tags: ["site", "v2"], metadata: { team: "web" } });
        expect((await provider.diff(KEY, outs, next)).changes).toBe(true);
        h.reset();
        await provider.update(KEY, outs, next);
        expect(count(h.calls(), "POST /base/")).toBe(0);
        expect(mine().every((f) => f.tags?.join() === "site,v2" && f.metadata.team === "web" && !f.metadata.env)).toBe(
            true,
        );
    });

    it("group: one group in path order, a new one after a change and the old one deleted", async () => {
        const inputs = await folder({ "b.txt": "b", "a.txt": "a" }, { group: true });
        const { outs } = await provider.create(inputs);
        const first = outs as SyncedFolderOutputs;
        const group = h.emulator.groups().find((g) => g.id === first.groupId);
        const byPath = (path: string) => first.entries[path]?.split(" ")[1];
        expect(group?.files.map((f) => f.uuid)).toEqual([byPath("a.txt"), byPath("b.txt")]);
        expect(first.groupCdnUrl).toContain(first.groupId);
        const next = await folder({ "b.txt": "b2", "a.txt": "a" }, { group: true });
        const { outs: after } = await provider.update(KEY, outs, next);
        expect((after as SyncedFolderOutputs).groupId).not.toBe(first.groupId);
        expect(h.emulator.groups().some((g) => g.id === first.groupId)).toBe(false);
    });

    it("destroy deletes in batches of 100 through 429 and 5xx, and a second destroy is a no-op", async () => {
        const inputs = await folder(many(230));
        const { outs } = await provider.create(inputs);
        h.reset();
        h.emulator.injectFaults([
            { method: "DELETE", path: "/files/storage/", action: "status", status: 429, retryAfter: 0, times: 1 },
            { method: "DELETE", path: "/files/storage/", action: "status", status: 503, times: 1 },
        ]);
        await provider.delete(KEY, outs);
        const deletes = h.calls().filter((c) => c === "DELETE /files/storage/");
        expect(deletes.length).toBe(3 + 2);
        expect(mine()).toHaveLength(0);
        await provider.delete(KEY, outs);
    });

    it("a file changed after the program hashed it is refused by name, and nothing is stored", async () => {
        const inputs = await folder({ "a.txt": "a", "b.txt": "b" });
        writeFileSync(join(root, "b.txt"), "edited meanwhile");
        const error = await failure(provider.create(inputs));
        expect((error as Error).message).toMatch(/b\.txt changed after the program hashed it; run the program again/);
        expect(mine().filter((f) => f.datetimeStored !== null)).toEqual([]);
    });

    it("credentials: the files live in that project, and refresh and destroy use the stored keys", async () => {
        const credentials = { publicKey: "stagingpublic", secretKey: "stagingsecret" };
        const inputs = await folder({ "a.txt": "a", "b.txt": "b" }, { credentials });
        const { outs } = await provider.create(inputs);
        expect((outs as SyncedFolderOutputs).project).toBe("stagingpublic");
        const staged = h.emulator.files("stagingpublic").filter((f) => f.metadata["pulumi-synced-folder"] === KEY);
        expect(staged).toHaveLength(2);
        expect(mine()).toHaveLength(0); // nothing in the configured project
        expect((await provider.read(KEY, outs)).props).toMatchObject({ count: 2 });
        await provider.delete(KEY, outs);
        expect(h.emulator.files("stagingpublic").filter((f) => !f.datetimeRemoved)).toEqual([]);
    });

    it("preview checks the keys for a change of files, not for the same files in another checkout", async () => {
        const checking = createSyncedFolderProvider({ env: {}, sleep: async () => {}, checkSettingsInCheck: true });
        await checking.configure({ config: emulatorConfig(h.emulator) });
        const inputs = await folder({ "a.txt": "a" });
        h.reset();
        await checking.check(inputs, { ...inputs, path: "/another/checkout/public" });
        expect(h.proofs()).toBe(0);
        await checking.check(inputs, { ...inputs, manifest: { "a.txt": hashOf("b") } });
        expect(h.proofs()).toBe(1);
    });

    it("check names the field and the fix before any request", async () => {
        const { failures } = await provider.check(
            {},
            {
                path: root,
                syncKey: KEY,
                manifest: { "../x": hashOf("x"), "a.txt": "short" },
                metadata: { "pulumi-path": "x" },
                tags: ["two words"],
            },
        );
        const named = (failures ?? []).map((f) => f.property).sort();
        expect(named).toEqual(['manifest["../x"]', 'manifest["a.txt"]', "metadata.pulumi-path", "tags"]);
        expect(h.calls()).toEqual([]);
        const big = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`${i}.txt`, hashOf(String(i))]));
        const grouped = await provider.check({}, { path: root, syncKey: KEY, manifest: big, group: true });
        expect(grouped.failures?.[0]?.reason).toMatch(/at most 1000 files.*group: false/);
    });
});
