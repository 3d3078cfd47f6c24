// biome-ignore-all lint/suspicious/noExplicitAny: gRPC replies are read through their generated getters, typed loosely here
import type * as grpcTypes from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, setFileTags } from "../../src/client";
import { type Emulator, startEmulator } from "../../src/emulator";
import { toServiceError } from "../../src/native/errors";
import { grpc, providerGrpc, providerPb } from "../../src/native/proto";
import { packageSchema } from "../../src/native/schema";
import { serveNativeProvider } from "../../src/native/server";
import { fromStruct, SECRET_SIG, SIG_KEY, secret, toStruct } from "../../src/native/values";
import { SETTINGS } from "../../src/provider/runtime/settings";

// The native plugin's gRPC service in-process, driven by a real gRPC client over 127.0.0.1, against the
// emulator: the same calls the engine makes (engine-level runs are in test/engine/native*.test.ts).

const URN = "urn:pulumi:dev::p::uploadcare:index:Group::g";
type Client = InstanceType<typeof providerGrpc.ResourceProviderClient>;

let emulator: Emulator;
let server: grpcTypes.Server;
let client: Client;

function call<Res>(method: string, request: unknown): Promise<Res> {
    return new Promise((resolve, reject) => {
        type Unary = (request: unknown, done: (error: Error | null, response: Res) => void) => void;
        const fn = (client as unknown as Record<string, Unary>)[method] as Unary;
        fn.call(client, request, (error, response) => (error ? reject(error) : resolve(response)));
    });
}

async function configure(args: Record<string, unknown>) {
    const req = new providerPb.ConfigureRequest();
    req.setArgs(toStruct(args));
    req.setAcceptsecrets(true);
    return call<InstanceType<typeof providerPb.ConfigureResponse>>("configure", req);
}

beforeAll(async () => {
    emulator = await startEmulator({ quiet: true });
    const served = await serveNativeProvider({ version: "9.9.9", env: {} });
    server = served.server;
    client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${served.port}`, grpc.credentials.createInsecure());
    await configure({
        publicKey: emulator.publicKey,
        secretKey: secret(emulator.secretKey),
        apiBaseUrl: emulator.url,
        uploadBaseUrl: emulator.url,
        maxRetries: 0,
    });
});

afterAll(async () => {
    client?.close();
    server?.forceShutdown();
    await emulator?.close();
});

describe("native schema", () => {
    it("lists every setting as config, the secret key as a secret, and Group, File (asset source) and Webhook (secret signing secret)", () => {
        const schema = packageSchema("1.2.3") as Record<string, any>;
        expect(Object.keys(schema.config.variables).sort()).toEqual(Object.keys(SETTINGS).sort());
        expect(schema.provider.inputProperties.secretKey.secret).toBe(true);
        expect(schema.provider.inputProperties.maxRetries.type).toBe("integer");
        expect(schema.resources["uploadcare:index:Group"].required).toContain("cdnUrl");
        expect(Object.keys(schema.resources).sort()).toEqual([
            "uploadcare:index:File",
            "uploadcare:index:Group",
            "uploadcare:index:Project",
            "uploadcare:index:ProjectSecret",
            "uploadcare:index:SyncedFolder",
            "uploadcare:index:Webhook",
        ]);
        expect(schema.resources["uploadcare:index:ProjectSecret"].properties.secret.secret).toBe(true);
        const file = schema.resources["uploadcare:index:File"];
        expect(file.inputProperties.source.$ref).toBe("pulumi.json#/Asset");
        expect(file.inputProperties.metadata.additionalProperties).toEqual({ type: "string" });
        const webhook = schema.resources["uploadcare:index:Webhook"];
        expect([webhook.inputProperties.signingSecret.secret, webhook.properties.signingSecret.secret]).toEqual([
            true,
            true,
        ]);
        expect(Object.keys(schema.functions).sort()).toEqual([
            "uploadcare:index:getFile",
            "uploadcare:index:getGroup",
            "uploadcare:index:getGroups",
            "uploadcare:index:getProject",
            "uploadcare:index:getProjectUsage",
            "uploadcare:index:getProjects",
        ]);
    });
});

describe("native provider over gRPC", () => {
    it("serves its version and the schema", async () => {
        const info = await call<any>(
            "getPluginInfo",
            new (require("google-protobuf/google/protobuf/empty_pb").Empty)(),
        );
        expect(info.getVersion()).toBe("9.9.9");
        const schema = await call<any>("getSchema", new providerPb.GetSchemaRequest());
        expect(JSON.parse(schema.getSchema()).version).toBe("9.9.9");
    });

    it("CheckConfig keeps secrets wrapped and reports bad settings; DiffConfig names the changed keys", async () => {
        const check = new providerPb.CheckRequest();
        check.setNews(toStruct({ secretKey: secret("s"), maxRetries: "lots", colour: "blue" }));
        const checked = await call<any>("checkConfig", check);
        expect(fromStruct(checked.getInputs()).secretKey).toEqual({ [SIG_KEY]: SECRET_SIG, value: "s" });
        const failures = checked.getFailuresList().map((f: any) => f.getProperty());
        expect(failures).toEqual(["colour", "maxRetries"]);
        const diff = new providerPb.DiffRequest();
        diff.setOldInputs(toStruct({ publicKey: "a", secretKey: secret("x") }));
        diff.setNews(toStruct({ publicKey: "a", secretKey: secret("y") }));
        const diffed = await call<any>("diffConfig", diff);
        expect(diffed.getDiffsList()).toEqual(["secretKey"]);
        expect(diffed.getReplacesList()).toEqual([]);
    });

    it("runs a group through check, create, diff, read, update and delete; secret inputs stay secret", async () => {
        const files = emulator.createFiles(2, { stored: true });
        const check = new providerPb.CheckRequest();
        check.setUrn(URN);
        check.setNews(toStruct({ files: secret(files.map((f) => f.toUpperCase())) }));
        const checked = fromStruct((await call<any>("check", check)).getInputs());
        expect(checked).toEqual({ files: secret(files), storeFiles: true });

        const create = new providerPb.CreateRequest();
        create.setUrn(URN);
        create.setProperties(toStruct(checked));
        const created = await call<any>("create", create);
        const id: string = created.getId();
        const outs = fromStruct(created.getProperties());
        expect(outs.files).toEqual(secret(files));
        const schema = packageSchema("0") as Record<string, any>;
        expect(Object.keys(schema.resources["uploadcare:index:Group"].properties)).toEqual(
            expect.arrayContaining(Object.keys(outs)),
        );

        const diff = new providerPb.DiffRequest();
        diff.setUrn(URN);
        diff.setId(id);
        diff.setOlds(toStruct(outs));
        diff.setOldInputs(toStruct(checked));
        diff.setNews(toStruct({ files: [files[0]], storeFiles: true }));
        const diffed = await call<any>("diff", diff);
        expect(diffed.getReplacesList()).toEqual(["files"]);
        expect(diffed.getDetaileddiffMap().get("files").getKind()).toBe(providerPb.PropertyDiff.Kind.UPDATE_REPLACE);

        const read = new providerPb.ReadRequest();
        read.setUrn(URN);
        read.setId(id);
        const imported = await call<any>("read", read);
        expect(imported.getId()).toBe(id);
        expect(fromStruct(imported.getInputs())).toEqual({ files, storeFiles: true });

        const update = new providerPb.UpdateRequest();
        update.setUrn(URN);
        update.setId(id);
        update.setOlds(toStruct(outs));
        update.setNews(toStruct({ files, storeFiles: false }));
        const updated = fromStruct((await call<any>("update", update)).getProperties());
        expect(updated.storeFiles).toBe(false);

        const remove = new providerPb.DeleteRequest();
        remove.setUrn(URN);
        remove.setId(id);
        remove.setProperties(toStruct(outs));
        await call("delete", remove);
        expect(emulator.groups()).toEqual([]);
    });

    it("import of a missing group fails with the not-found error; an unknown type is refused", async () => {
        const read = new providerPb.ReadRequest();
        read.setUrn(URN);
        read.setId("00000000-0000-4000-8000-000000000000~1");
        await expect(call("read", read)).rejects.toThrow(/00000000-0000-4000-8000-000000000000~1/);
        read.setUrn("urn:pulumi:dev::p::uploadcare:index:Bucket::b");
        await expect(call("read", read)).rejects.toThrow(/no resource type uploadcare:index:Bucket/);
    });

    it("answers the functions with the configured project", async () => {
        const invoke = (tok: string, args: Record<string, unknown>) => {
            const req = new providerPb.InvokeRequest();
            req.setTok(tok);
            req.setArgs(toStruct(args));
            return call<any>("invoke", req).then((r) => fromStruct(r.getReturn()));
        };
        const project = await invoke("uploadcare:index:getProject", {});
        expect(project.publicKey).toBe(emulator.publicKey);
        // The same fields as the TypeScript getProject(), collaborators included.
        expect(Object.keys(project).sort()).toEqual(["autostoreEnabled", "collaborators", "name", "publicKey"]);
        const files = emulator.createFiles(1, { stored: true });
        const form = new FormData();
        form.set("pub_key", emulator.publicKey);
        form.set("files[0]", files[0] ?? "");
        const { id } = (await (await fetch(`${emulator.url}/group/`, { method: "POST", body: form })).json()) as {
            id: string;
        };
        const group = await invoke("uploadcare:index:getGroup", { id });
        expect([group.files, group.id, group.groupId]).toEqual([files, id, id]);
        const file = await invoke("uploadcare:index:getFile", { uuid: files[0] });
        expect([file.id, file.uuid, file.datetimeRemoved]).toEqual([files[0], files[0], null]);
        await expect(invoke("uploadcare:index:getGroup", { id: files[0] })).rejects.toThrow(
            /UNKNOWN: id must be an Uploadcare group id/,
        );
        const listed = (await invoke("uploadcare:index:getGroups", { limit: 5 })).groups as { id: string }[];
        expect(listed.map((g) => g.id)).toContain(id);
        await expect(invoke("uploadcare:index:getBucket", {})).rejects.toThrow(/Unknown function/);
    });
});

type Setters = Record<string, (value: unknown) => void>;

/** A request of the given class for a resource of type `token`: string fields as given, objects as Structs. */
function request<T>(Class: new () => T, token: string, fields: Record<string, unknown> = {}): T {
    const out = new Class() as T & Setters;
    out.setUrn?.(`urn:pulumi:dev::p::${token}::r`);
    for (const [key, value] of Object.entries(fields)) {
        const setter = out[`set${key[0]?.toUpperCase()}${key.slice(1)}`];
        setter?.call(out, typeof value === "string" ? value : toStruct(value as Record<string, unknown>));
    }
    return out;
}

describe("native File and Webhook over gRPC", () => {
    const FILE = "uploadcare:index:File";
    const HOOK = "uploadcare:index:Webhook";
    // How the engine sends a `fn::stringAsset` (and how the File provider reads it).
    const stringAsset = (text: string) => ({ [SIG_KEY]: "c44067f5952c0a294b673a41bacd8c17", hash: "h", text });

    it("a File from an asset in the wire form: check hashes it, create uploads it, import answers inputs", async () => {
        const news = { source: stringAsset("hi"), filename: "hi.txt" };
        const checked = fromStruct(
            (await call<any>("check", request(providerPb.CheckRequest, FILE, { news }))).getInputs(),
        );
        expect(checked).toMatchObject({ source: news.source, size: 2, store: true, metadata: {} });
        const created = await call<any>("create", request(providerPb.CreateRequest, FILE, { properties: checked }));
        const uuid: string = created.getId();
        expect((await emulator.fileBytes(uuid))?.toString()).toBe("hi");

        const imported = await call<any>("read", request(providerPb.ReadRequest, FILE, { id: uuid }));
        expect(fromStruct(imported.getProperties())).toMatchObject({ uuid, filename: "hi.txt", store: true });
        expect(fromStruct(imported.getInputs())).toEqual({ filename: "hi.txt", store: true, metadata: {} });

        // Tags set on the file are part of the imported inputs, so the generated code keeps them.
        const client = createClient({
            publicKey: emulator.publicKey,
            secretKey: emulator.secretKey,
            apiBaseUrl: emulator.url,
            uploadBaseUrl: emulator.url,
        });
        await setFileTags(client, uuid, ["brand", "logo"]);
        const tagged = await call<any>("read", request(providerPb.ReadRequest, FILE, { id: uuid }));
        expect(fromStruct(tagged.getInputs())).toMatchObject({ tags: ["brand", "logo"] });

        await call("delete", request(providerPb.DeleteRequest, FILE, { id: uuid, properties: {} }));
        const missing = call("read", request(providerPb.ReadRequest, FILE, { id: uuid }));
        await expect(missing).rejects.toThrow(`Cannot import file ${uuid}`);
        // Refresh (state given) keeps the dynamic provider's meaning: an empty id drops it from the state.
        const refresh = request(providerPb.ReadRequest, FILE, { id: uuid, properties: { uuid, filename: "hi.txt" } });
        expect((await call<any>("read", refresh)).getId()).toBe("");
    });

    it("a Webhook's signing secret is secret in checked inputs and outputs, given plain; import leaves it out of inputs", async () => {
        const news = { targetUrl: "https://example.com/hook", event: "file.uploaded", signingSecret: "s3cret" };
        const checked = fromStruct(
            (await call<any>("check", request(providerPb.CheckRequest, HOOK, { news }))).getInputs(),
        );
        expect(checked.signingSecret).toEqual(secret("s3cret"));
        const created = await call<any>("create", request(providerPb.CreateRequest, HOOK, { properties: checked }));
        const id: string = created.getId();
        expect(fromStruct(created.getProperties()).signingSecret).toEqual(secret("s3cret"));

        const imported = await call<any>("read", request(providerPb.ReadRequest, HOOK, { id }));
        expect(fromStruct(imported.getProperties()).signingSecret).toEqual(secret("s3cret"));
        expect(fromStruct(imported.getInputs())).toEqual({ ...news, signingSecret: undefined, isActive: true });
        await call(
            "delete",
            request(providerPb.DeleteRequest, HOOK, { id, properties: fromStruct(created.getProperties()) }),
        );
        expect(emulator.webhooks()).toEqual([]);
        await expect(call("read", request(providerPb.ReadRequest, HOOK, { id }))).rejects.toThrow(`no webhook ${id}`);
    });
});

describe("native errors", () => {
    it("an init failure carries the resource id in the gRPC status details", () => {
        const error = Object.assign(new Error("storing failed"), { id: "g~1", properties: { files: [] } });
        const status = toServiceError(error);
        expect(status.message).toBe("storing failed");
        expect(status.metadata?.get("grpc-status-details-bin")).toHaveLength(1);
        expect(toServiceError("plain").metadata?.get("grpc-status-details-bin")).toEqual([]);
    });
});
