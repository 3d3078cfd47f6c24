/**
 * Messages to the Pulumi engine's `pulumirpc.Engine/Log` (the engine's address is the argument every provider
 * plugin is started with: https://pulumi-developer-docs.readthedocs.io/latest/docs/architecture/plugins.html), and
 * the URN of the resource an operation works on, so a message lands on that resource's row of `pulumi up`.
 *
 * What the CLI shows (v3.274, `pulumi up --yes --non-interactive`, with or without `--skip-preview`; see
 * docs/architecture.md, "Progress"): a plugin's stdout and stderr, and `pulumi.log.info` in the dynamic provider
 * (which has no engine connection there and prints to stdout), land on the Stack's row and stay in "Diagnostics";
 * Engine.Log with a URN lands on that resource's row; with `ephemeral` it is shown as the row's status while the
 * step runs and is not kept in "Diagnostics". So progress goes as ephemeral INFO with the URN when one is known.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";

type EngineGrpc = typeof import("@pulumi/pulumi/proto/engine_grpc_pb");
type EnginePb = typeof import("@pulumi/pulumi/proto/engine_pb");
type ProviderPb = typeof import("@pulumi/pulumi/proto/provider_pb");

// The SDK's own copies: the request classes the dynamic provider host uses, and the grpc it was built with.
const fromSdk = () => createRequire(require.resolve("@pulumi/pulumi/package.json"));

const urns = new AsyncLocalStorage<string>();
/** Marks a request getter already wrapped (the module may be loaded twice: ESM and CommonJS copies). */
const CAPTURED = "__pulumiUploadcareUrn_";

/** Runs `fn` as part of the operation on `urn`: progress sent inside it names that resource. */
export function withResourceUrn<T>(urn: string, fn: () => T): T {
    return urn ? urns.run(urn, fn) : fn();
}

/** The URN of the resource whose operation is running, if known. */
export function currentUrn(): string | undefined {
    return urns.getStore();
}

/** Sends one line to the engine; never throws, never waits. */
export type EngineSend = (line: string, urn: string | undefined) => void;

/**
 * An Engine.Log client, connected on first use. Lines go one after another (the SDK's `log` serializes them the
 * same way), as ephemeral INFO. A line the engine does not take goes to `fallback` instead.
 */
export function engineLog(address: string, fallback: (line: string) => void): EngineSend {
    let engine: { client: InstanceType<EngineGrpc["EngineClient"]>; grpc: typeof grpcTypes; pb: EnginePb } | undefined;
    let last = Promise.resolve();
    const connect = () => {
        const sdk = fromSdk();
        const grpc = sdk("@grpc/grpc-js") as typeof grpcTypes;
        const { EngineClient } = sdk("./proto/engine_grpc_pb") as EngineGrpc;
        const client = new EngineClient(address, grpc.credentials.createInsecure());
        return { client, grpc, pb: sdk("./proto/engine_pb") as EnginePb };
    };
    return (line, urn) => {
        engine ??= connect();
        const { client, grpc, pb } = engine;
        const request = new pb.LogRequest();
        request
            .setSeverity(pb.LogSeverity.INFO)
            .setMessage(line)
            .setUrn(urn ?? "")
            .setEphemeral(true);
        const sent = () =>
            new Promise<void>((resolve) => {
                client.log(request, new grpc.Metadata(), { deadline: Date.now() + 5_000 }, (error) => {
                    if (error) fallback(line);
                    resolve();
                });
            });
        last = last.then(sent);
    };
}

/**
 * The engine's address when this process is Pulumi's dynamic provider host (`@pulumi/pulumi/cmd/dynamic-provider`,
 * started as `pulumi-resource-pulumi-nodejs <engine address>`); undefined anywhere else (a program, a test).
 */
export function dynamicProviderEngineAddress(): string | undefined {
    const main = require.main?.filename ?? "";
    if (!main.endsWith(path.join("cmd", "dynamic-provider", "index.js"))) return undefined;
    const address = process.argv[2];
    return address && /^[\w.-]+:\d+$|^\[[\da-fA-F:]+\]:\d+$/.test(address) ? address : undefined;
}

/**
 * The dynamic provider host reads each request's URN but passes our provider only the properties
 * (`provider.create(props)`). It takes them from the request with `getProperties()` (`getOlds()`/`getNews()` for an
 * update) right before calling us, in the same async function: wrapping those getters to enter the URN into
 * `urns` makes every `await` that follows, our provider included, see it. Nothing is added to the state. When the
 * SDK reads requests otherwise, progress is simply sent without a URN (to the Stack's row).
 */
export function captureRequestUrns(): void {
    const pb = fromSdk()("./proto/provider_pb") as ProviderPb;
    const getters: [{ prototype: object }, string][] = [
        [pb.CreateRequest, "getProperties"],
        [pb.UpdateRequest, "getOlds"],
        [pb.UpdateRequest, "getNews"],
        [pb.DeleteRequest, "getProperties"],
        [pb.ReadRequest, "getProperties"],
    ];
    for (const [type, name] of getters) {
        const proto = type.prototype as Record<string, unknown>;
        const original = proto[name];
        if (typeof original !== "function" || Object.hasOwn(proto, `${CAPTURED}${name}`)) continue;
        proto[`${CAPTURED}${name}`] = true;
        proto[name] = function (this: { getUrn?: () => string }, ...args: unknown[]) {
            const urn = typeof this.getUrn === "function" ? this.getUrn() : "";
            if (urn) urns.enterWith(urn);
            return original.apply(this, args);
        };
    }
}
