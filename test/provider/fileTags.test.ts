import * as fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createClient, setFileTags } from "../../src/client";
import type { FileOutputs } from "../../src/provider/file/outputs";
import { createFileProvider, type FileProvider } from "../../src/provider/file/provider";
import { createFileLookups } from "../../src/provider/lookups";
import type { ResourceInitError } from "../../src/provider/runtime/initError";
import { emulatorConfig, type Harness, startHarness } from "../support/providerHarness";

// A File's declared content type and tags through the File provider against the emulator (its CDN serving the
// recorded type), with the requests each operation sends.

const text = (value: string) => ({
    "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17",
    text: value,
});
const wire = (file: string) => ({ "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17", path: file });

describe("File contentType and tags against the emulator", () => {
    let h: Harness;
    let provider: FileProvider;
    let origin: Server;
    let originUrl: string;
    let dir: string;

    beforeAll(async () => {
        h = await startHarness({ emulator: { cdn: "emulator" } });
        provider = createFileProvider({ env: {}, sleep: async () => {}, random: () => 0.5 });
        await provider.configure({ config: emulatorConfig(h.emulator) });
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "file-tags-"));
        origin = createServer((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("by url"));
        await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
        originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
        origin.close();
        fs.rmSync(dir, { recursive: true, force: true });
        await h.close();
    });
    beforeEach(() => h.reset());

    async function up(news: Record<string, unknown>) {
        const { inputs, failures } = await provider.check({}, news);
        expect(failures ?? []).toEqual([]);
        const created = await provider.create(inputs);
        return { id: created.id, inputs, outs: created.outs as FileOutputs };
    }

    /** What the emulator's CDN answers for the file: its Content-Type and body. */
    async function cdn(uuid: string) {
        const res = await fetch(`${h.emulator.url}/${uuid}/`);
        return { type: res.headers.get("content-type"), body: await res.text() };
    }

    const tagsOf = (uuid: string) => h.emulator.files().find((f) => f.uuid === uuid)?.tags ?? [];

    it("an upload declares the type of its filename's extension, and the CDN serves it", async () => {
        const { id, outs } = await up({ source: text("body{}"), filename: "site.css" });
        expect(h.calls()).toEqual(["POST /base/", `PUT /files/${id}/storage/`]);
        expect(await cdn(id)).toEqual({ type: "text/css", body: "body{}" });
        expect([outs.contentType, outs.mimeType]).toEqual(["text/css", "text/css"]);
    });

    it("contentType overrides the extension's type (parameters kept in the declaration)", async () => {
        const { id, outs } = await up({
            source: text('{"a":1}'),
            filename: "data.bin",
            contentType: "application/json; charset=utf-8",
        });
        expect((await cdn(id)).type).toBe("application/json");
        expect(outs.contentType).toBe("application/json; charset=utf-8");
    });

    it("a multipart upload declares the type in /multipart/start/'s content_type, and its tags", async () => {
        const file = path.join(dir, "clip.mp4");
        fs.writeFileSync(file, Buffer.alloc(10 * 1024 * 1024 + 1, 1));
        const { id, outs } = await up({ source: wire(file), tags: ["Video"] });
        expect(h.calls()[0]).toBe("POST /multipart/start/");
        expect((await cdn(id)).type).toBe("video/mp4");
        expect([outs.contentType, outs.tags, tagsOf(id)]).toEqual(["video/mp4", ["video"], ["video"]]);
    });

    it("tags go with the upload, normalised: no extra request", async () => {
        const { id, outs } = await up({ source: text("x"), filename: "a.txt", tags: ["Cat", " cute ", "cat", ""] });
        expect(h.calls()).toEqual(["POST /base/", `PUT /files/${id}/storage/`]);
        expect([outs.tags, tagsOf(id)]).toEqual([
            ["cat", "cute"],
            ["cat", "cute"],
        ]);
    });

    it("a sourceUrl File gets its tags with one PUT after from_url (which takes none), before it is stored", async () => {
        const { id, outs } = await up({ sourceUrl: `${originUrl}/photo.txt`, tags: ["Remote"] });
        const calls = h.calls().filter((c) => !c.startsWith("GET /from_url/status/"));
        expect(calls).toEqual(["POST /from_url/", `PUT /files/${id}/tags/`, `PUT /files/${id}/storage/`]);
        expect([outs.tags, tagsOf(id), outs.contentType]).toEqual([["remote"], ["remote"], undefined]);
    });

    it("a sourceUrl File whose tags PUT fails is recorded without them; the next up sets them and stores it, no replace", async () => {
        const { inputs } = await provider.check({}, { sourceUrl: `${originUrl}/late.txt`, tags: ["Late"] });
        h.emulator.injectFaults([{ method: "PUT", path: /\/tags\/$/, action: "status", status: 500, times: Infinity }]);
        const error = (await provider.create(inputs).catch((e: unknown) => e)) as ResourceInitError<FileOutputs>;
        expect(error.code).toBe("UPLOADCARE_PARTIAL_CREATE");
        const { id, properties: partial } = error;
        expect([partial.tags, partial.datetimeStored]).toEqual([[], null]);
        h.emulator.clearFaults();
        const olds = partial as unknown as Record<string, unknown>;
        expect(await provider.diff(id, olds, inputs)).toEqual({ changes: true });
        h.reset();
        const { outs } = await provider.update(id, olds, inputs);
        expect(h.calls()).toEqual([`PUT /files/${id}/tags/`, `PUT /files/${id}/storage/`]);
        expect([(outs as FileOutputs).tags, tagsOf(id)]).toEqual([["late"], ["late"]]);
    });

    it("a change of tags is one PUT /files/:uuid/tags/ in place: no upload, no replacement", async () => {
        const { id, inputs, outs } = await up({ source: text("x"), filename: "b.txt", tags: ["cat"] });
        h.reset();
        const news = { ...inputs, tags: ["cat", "Dog"] };
        const checked = (await provider.check(inputs, news)).inputs;
        expect(await provider.diff(id, outs, checked)).toEqual({ changes: true });
        const updated = (await provider.update(id, outs, checked)).outs as FileOutputs;
        const calls = h.calls();
        expect(calls.filter((c) => c.startsWith("PUT") || c.startsWith("POST"))).toEqual([`PUT /files/${id}/tags/`]);
        expect(calls).toEqual([`PUT /files/${id}/tags/`, `GET /files/${id}/`]);
        expect([updated.tags, tagsOf(id), updated.uuid]).toEqual([["cat", "dog"], ["cat", "dog"], id]);
    });

    it("tags differing only in case, blanks or order from the state are no change: nothing sent", async () => {
        const { id, outs } = await up({ source: text("x"), filename: "c.txt", tags: ["cat", "dog"] });
        h.reset();
        const checked = (await provider.check({}, { source: text("x"), filename: "c.txt", tags: ["DOG", " Cat", ""] }))
            .inputs;
        expect(await provider.diff(id, outs, checked)).toEqual({ changes: false });
        expect(h.calls()).toEqual([]);
    });

    it("a bad tag is refused by check naming the tag and the rule, and no request is sent", async () => {
        const news = { source: text("x"), filename: "d.txt", tags: ["ok", "fine", "Hello World"] };
        const { failures } = await provider.check({}, news);
        expect(failures).toEqual([
            {
                property: "tags[2]",
                reason: expect.stringMatching(/^"Hello World" may only contain .*rule: characters/),
            },
        ]);
        await expect(provider.create(news)).rejects.toThrow(/tags\[2\] "Hello World" may only contain/);
        expect(h.calls()).toEqual([]);
    });

    it("refresh sees tags changed outside Pulumi, and the next update sets the program's back with one PUT", async () => {
        const { id, inputs, outs } = await up({ source: text("x"), filename: "e.txt", tags: ["cat"] });
        const { publicKey, secretKey, url } = h.emulator;
        const client = createClient({ publicKey, secretKey, apiBaseUrl: url, uploadBaseUrl: url });
        await setFileTags(client, id, ["cat", "outside"]);
        h.reset();
        const read = (await provider.read(id, outs)).props as FileOutputs;
        expect(read.tags).toEqual(["cat", "outside"]);
        expect(h.calls()).toEqual([`GET /files/${id}/`]);
        expect(await provider.diff(id, read, inputs)).toEqual({ changes: true });
        h.reset();
        const updated = (await provider.update(id, read, inputs)).outs as FileOutputs;
        expect([updated.tags, tagsOf(id)]).toEqual([["cat"], ["cat"]]);
        expect(h.calls().filter((c) => c.startsWith("PUT"))).toEqual([`PUT /files/${id}/tags/`]);
    });

    it("getFiles' tag filter: the list read whole in pages of 1,000 and filtered, the tag compared normalised", async () => {
        const tagged = (await up({ source: text("t"), filename: "t.txt", tags: ["lookup-me"] })).id;
        await up({ source: text("u"), filename: "u.txt", tags: ["other"] });
        const lookups = createFileLookups({ env: {} });
        const options = {
            publicKey: h.emulator.publicKey,
            secretKey: h.emulator.secretKey,
            apiBaseUrl: h.emulator.url,
        };
        h.reset();
        const found: string[] = [];
        for await (const file of lookups.listFiles({ tag: " Lookup-Me " }, options)) found.push(file.uuid);
        expect(found).toEqual([tagged]);
        const lists = h.emulator.requests.filter((r) => r.path.startsWith("/files/?"));
        expect(lists.map((r) => new URLSearchParams(r.path.split("?")[1]).get("limit"))).toEqual(["1000"]);
        await expect(async () => {
            for await (const _ of lookups.listFiles({ tag: "no spaces allowed" }, options));
        }).rejects.toThrow(/tag must be one tag/);
    });
});

/**
 * A REST API whose file info carries no `tags` (the docs include them "when tags are enabled"): a proxy in front of
 * the emulator that drops the field from `GET /files/:uuid/` and store answers, everything else passed through.
 */
async function withoutTagsInInfo(target: string): Promise<{ url: string; close: () => void }> {
    const server = createServer(async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const headers = Object.fromEntries(
            Object.entries(req.headers).filter(([k]) => !["host", "connection", "content-length"].includes(k)),
        ) as Record<string, string>;
        const init: RequestInit = { method: req.method ?? "GET", headers };
        if (chunks.length > 0) init.body = Buffer.concat(chunks);
        const answer = await fetch(`${target}${req.url}`, init);
        let text = await answer.text();
        if (/^\/files\/[^/]+\/(storage\/)?$/.test(req.url ?? "") && answer.ok) {
            const { tags: _, ...info } = JSON.parse(text) as Record<string, unknown>;
            text = JSON.stringify(info);
        }
        res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
        res.end(text);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe("File tags when the file info leaves them out", () => {
    let h: Harness;
    let provider: FileProvider;
    let proxy: { url: string; close: () => void };

    beforeAll(async () => {
        h = await startHarness();
        proxy = await withoutTagsInInfo(h.emulator.url);
        provider = createFileProvider({ env: {}, sleep: async () => {}, random: () => 0.5 });
        await provider.configure({ config: emulatorConfig(h.emulator, { "uploadcare:apiBaseUrl": proxy.url }) });
    });
    afterAll(async () => {
        proxy.close();
        await h.close();
    });
    beforeEach(() => h.reset());

    const tagsPath = (id: string) => `GET /files/${id}/tags/`;

    it("create records the tags it sent; refresh asks GET /files/:uuid/tags/ for a file whose state has tags", async () => {
        const { inputs } = await provider.check({}, { source: text("x"), filename: "p.txt", tags: ["Cat"] });
        const { id, outs } = await provider.create(inputs);
        expect((outs as FileOutputs).tags).toEqual(["cat"]);
        const { publicKey, secretKey, url } = h.emulator;
        await setFileTags(createClient({ publicKey, secretKey, apiBaseUrl: url, uploadBaseUrl: url }), id, ["dog"]);
        h.reset();
        const read = (await provider.read(id, outs)).props as FileOutputs;
        expect(read.tags).toEqual(["dog"]);
        expect(h.calls()).toEqual([`GET /files/${id}/`, tagsPath(id)]);
    });

    it("a file whose state has no tags is read with one request, and an update keeps the tags the PUT answered", async () => {
        const { inputs } = await provider.check({}, { source: text("y"), filename: "q.txt" });
        const { id, outs } = await provider.create(inputs);
        h.reset();
        const read = (await provider.read(id, outs)).props as FileOutputs;
        expect([read.tags, h.calls()]).toEqual([[], [`GET /files/${id}/`]]);
        const news = (await provider.check(inputs, { ...inputs, tags: ["New"] })).inputs;
        const updated = (await provider.update(id, read, news)).outs as FileOutputs;
        expect(updated.tags).toEqual(["new"]);
    });
});
