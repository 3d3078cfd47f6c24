// biome-ignore-all lint/suspicious/noExplicitAny: gRPC replies are read through their generated getters, typed loosely here
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../../src/emulator";
import { grpc, providerGrpc, providerPb } from "../../../src/native/proto";
import { packageSchema } from "../../../src/native/schema";
import { serveNativeProvider } from "../../../src/native/server";
import { expandSyncedFolderInputs, syncedFiles, syncKeyOfUrn } from "../../../src/native/syncedFolder";
import { fromStruct, secret, toStruct } from "../../../src/native/values";
import { UNKNOWN } from "../../../src/provider/runtime/checks";
import { syncKeyFor } from "../../../src/provider/syncedFolder/manifest";

// uploadcare:index:SyncedFolder in the native plugin, in-process over a real gRPC client on 127.0.0.1 against the
// emulator: Check hashes the folder (a YAML program cannot), the outputs carry `files`. The engine-level run (a
// YAML program) is test/engine/nativeSyncedFolder.test.ts.

const TOKEN = "uploadcare:index:SyncedFolder";
const URN = `urn:pulumi:dev::p::${TOKEN}::site`;
type Client = InstanceType<typeof providerGrpc.ResourceProviderClient>;

let emulator: Emulator;
let server: grpcTypes.Server;
let client: Client;
let folder: string;

function call<Res>(method: string, request: unknown): Promise<Res> {
    return new Promise((resolve, reject) => {
        type Unary = (request: unknown, done: (error: Error | null, response: Res) => void) => void;
        const fn = (client as unknown as Record<string, Unary>)[method] as Unary;
        fn.call(client, request, (error, response) => (error ? reject(error) : resolve(response)));
    });
}

function write(rel: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(folder, rel)), { recursive: true });
    fs.writeFileSync(path.join(folder, rel), text);
}

async function check(news: Record<string, unknown>, olds: Record<string, unknown> = {}) {
    const req = new providerPb.CheckRequest();
    req.setUrn(URN);
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    const res = await call<any>("check", req);
    const failures = (res.getFailuresList() as any[]).map((f) => f.getReason() as string);
    return { inputs: fromStruct(res.getInputs()), failures };
}

function request<T extends { setUrn(urn: string): unknown; setId(id: string): unknown }>(
    Class: new () => T,
    id: string,
): T {
    const req = new Class();
    req.setUrn(URN);
    req.setId(id);
    return req;
}

beforeAll(async () => {
    emulator = await startEmulator({ quiet: true });
    const served = await serveNativeProvider({ version: "9.9.9", env: {} });
    server = served.server;
    client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${served.port}`, grpc.credentials.createInsecure());
    const configure = new providerPb.ConfigureRequest();
    configure.setArgs(
        toStruct({
            publicKey: emulator.publicKey,
            secretKey: secret(emulator.secretKey),
            apiBaseUrl: emulator.url,
            uploadBaseUrl: emulator.url,
            maxRetries: 0,
        }),
    );
    configure.setAcceptsecrets(true);
    await call("configure", configure);
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "native-synced-"));
    write("index.html", "<h1>hi</h1>");
    write("css/site.css", "body{}");
    write(".env", "SECRET=1");
    write("node_modules/x.js", "x");
});

afterAll(async () => {
    client?.close();
    server?.forceShutdown();
    await emulator?.close();
    fs.rmSync(folder, { recursive: true, force: true });
});

describe("SyncedFolder schema", () => {
    it("takes path (required), include, exclude, metadata, tags, store, group; files is a map of SyncedFile", () => {
        const schema = packageSchema("0") as Record<string, any>;
        const resource = schema.resources[TOKEN];
        expect(Object.keys(resource.inputProperties).sort()).toEqual(
            ["exclude", "group", "include", "metadata", "path", "store", "tags"].sort(),
        );
        expect(resource.requiredInputs).toEqual(["path"]);
        expect(resource.properties.files.additionalProperties.$ref).toBe("#/types/uploadcare:index:SyncedFile");
        expect(Object.keys(schema.types["uploadcare:index:SyncedFile"].properties).sort()).toEqual(
            ["cdnUrl", "contentType", "size", "uuid"].sort(),
        );
        for (const output of ["files", "count", "totalBytes", "groupId", "groupCdnUrl"]) {
            expect(resource.properties[output], output).toBeDefined();
        }
        expect(resource.required).not.toContain("groupId");
    });
});

describe("SyncedFolder Check", () => {
    it("hashes the folder with include/exclude into the manifest, keys it by the URN, drops the globs", async () => {
        const { inputs, failures } = await check({ path: folder, exclude: ["node_modules/**"], tags: ["Site"] });
        expect(failures).toEqual([]);
        expect(Object.keys(inputs.manifest as object)).toEqual(["css/site.css", "index.html"]);
        expect(inputs).toMatchObject({ path: folder, store: true, group: false, tags: ["site"], metadata: {} });
        expect(inputs.syncKey).toBe(syncKeyFor("p", "dev", "site"));
        expect(inputs).not.toHaveProperty("include");
        expect(inputs).not.toHaveProperty("exclude");
    });

    it("resolves a relative path against the working directory, and a dot file only when include names it", async () => {
        const parent = path.dirname(folder);
        const expanded = await expandSyncedFolderInputs(
            { path: path.basename(folder), include: [".env"] },
            URN,
            parent,
        );
        expect(expanded).toMatchObject({ failures: [], inputs: { path: folder } });
        expect(Object.keys(expanded.inputs.manifest as object)).toEqual([".env"]);
    });

    it("fails naming the field: no path, a missing folder, include selecting nothing, a reserved metadata key", async () => {
        expect((await check({})).failures).toEqual([
            expect.stringMatching(/^path: must be the folder to sync, got nothing$/),
        ]);
        const missing = await check({ path: path.join(folder, "nope") });
        expect(missing.failures).toEqual([expect.stringMatching(/^path: .*nope does not exist/)]);
        const nothing = await check({ path: folder, include: ["**/*.png"], metadata: { "pulumi-x": "1" } });
        expect(nothing.failures).toEqual([
            expect.stringMatching(/^include: no file of .* is selected by include\/exclude/),
            expect.stringMatching(/^metadata\.pulumi-x: keys starting with "pulumi-"/),
        ]);
        const globs = await check({ path: folder, exclude: "node_modules" });
        expect(globs.failures).toEqual([expect.stringMatching(/^exclude: must be a list of non-empty glob patterns/)]);
    });

    it("leaves the manifest unknown while the path is (a preview before the folder is known)", async () => {
        const { inputs, failures } = await check({ path: UNKNOWN });
        expect(failures).toEqual([]);
        expect(inputs.manifest).toBe(UNKNOWN);
    });

    it("derives the class's key from any URN: a parent's type, a name with ::", () => {
        expect(syncKeyOfUrn(`urn:pulumi:prod::web::a:b:C$${TOKEN}::x::y`)).toBe(syncKeyFor("web", "prod", "x::y"));
        expect(syncKeyOfUrn(URN)).not.toBe(syncKeyOfUrn(URN.replace("dev", "prod")));
    });
});

describe("SyncedFolder over gRPC", () => {
    it("create answers files (cdnUrl, size, content type by extension); diff names manifest; read and delete", async () => {
        const { inputs } = await check({ path: folder, exclude: ["node_modules/**"] });
        const create = new providerPb.CreateRequest();
        create.setUrn(URN);
        create.setProperties(toStruct(inputs));
        const created = await call<any>("create", create);
        const outs = fromStruct(created.getProperties());
        const files = outs.files as Record<string, any>;
        expect(Object.keys(files)).toEqual(["css/site.css", "index.html"]);
        expect(files["css/site.css"]).toMatchObject({ size: 6, contentType: "text/css" });
        expect(files["index.html"].cdnUrl).toBe(`${outs.cdnBase}${files["index.html"].uuid}/`);
        expect(files["index.html"].contentType).toMatch(/^text\/html/);
        expect(outs).toMatchObject({ count: 2, totalBytes: 17 });

        write("css/site.css", "body{color:red}");
        write('img/a "b".svg', "<svg/>");
        const changed = await check({ path: folder, exclude: ["node_modules/**"] }, inputs);
        const diff = new providerPb.DiffRequest();
        diff.setUrn(URN);
        diff.setId(created.getId());
        diff.setOlds(toStruct(outs));
        diff.setOldInputs(toStruct(inputs));
        diff.setNews(toStruct(changed.inputs));
        const diffed = await call<any>("diff", diff);
        expect(diffed.getChanges()).toBe(providerPb.DiffResponse.DiffChanges.DIFF_SOME);
        // Entry by entry: a preview prints the changed paths, not every path of the folder.
        const Kind = providerPb.PropertyDiff.Kind;
        const map = diffed.getDetaileddiffMap();
        const kinds = Object.fromEntries(
            (diffed.getDiffsList() as string[]).map((key) => [key, map.get(key).getKind()]),
        );
        expect(kinds).toEqual({ 'manifest["css/site.css"]': Kind.UPDATE, 'manifest["img/a \\"b\\".svg"]': Kind.ADD });

        const read = request(providerPb.ReadRequest, created.getId());
        read.setProperties(toStruct(outs));
        const refreshed = fromStruct((await call<any>("read", read)).getProperties());
        expect(refreshed.files).toEqual(files);
        // `pulumi import <name> <syncKey>`: the files carrying the key, found by their metadata.
        const imported = await call<any>("read", request(providerPb.ReadRequest, created.getId()));
        const importedFiles = fromStruct(imported.getProperties()).files as Record<string, any>;
        // Not the cdnUrl: a read without state has no cdnBase yet (reported to the provider module's owner).
        const uuidAndSize = (all: Record<string, any>) =>
            Object.fromEntries(
                Object.entries(all).map(([rel, file]) => [rel, [file.uuid, file.size, file.contentType]]),
            );
        expect(uuidAndSize(importedFiles)).toEqual(uuidAndSize(files));
        expect(Object.keys(fromStruct(imported.getInputs()).manifest as object)).toEqual(Object.keys(files));

        const remove = new providerPb.DeleteRequest();
        remove.setUrn(URN);
        remove.setId(created.getId());
        remove.setProperties(toStruct(outs));
        await call("delete", remove);
        expect(syncedFiles(outs.entries, outs.cdnBase)).toEqual(files);
        const uuids = Object.values(files).map((file) => file.uuid);
        const live = emulator.files().filter((file) => uuids.includes(file.uuid) && !file.datetimeRemoved);
        expect(live).toEqual([]);
    });

    it("group: true answers groupId and groupCdnUrl with files; destroy deletes the group too", async () => {
        const { inputs } = await check({ path: folder, include: ["css/**", "index.html"], group: true });
        const create = new providerPb.CreateRequest();
        create.setUrn(URN);
        create.setProperties(toStruct(inputs));
        const outs = fromStruct((await call<any>("create", create)).getProperties());
        expect(Object.keys(outs.files as object)).toEqual(["css/site.css", "index.html"]);
        expect(outs.groupId).toMatch(/~2$/);
        expect(outs.groupCdnUrl).toContain(outs.groupId as string);
        expect(emulator.groups().map((group) => group.id)).toContain(outs.groupId);
        const remove = request(providerPb.DeleteRequest, String(outs.syncKey));
        remove.setProperties(toStruct(outs));
        await call("delete", remove);
        expect(emulator.groups().map((group) => group.id)).not.toContain(outs.groupId);
    });
});
