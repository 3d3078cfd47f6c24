/**
 * The ResourceProvider gRPC service of the native plugin `uploadcare`, on the SDK's published stubs.
 * `@pulumi/pulumi`'s own `provider.main` drops provider configuration (CheckConfig/DiffConfig answer
 * UNIMPLEMENTED, pulumi/pulumi#10915), detailed diffs and read inputs, hence a service of our own.
 * Protocol: https://github.com/pulumi/pulumi/blob/master/proto/pulumi/provider.proto
 */
import type * as grpcTypes from "@grpc/grpc-js";
import type * as provider_pb from "@pulumi/pulumi/proto/provider_pb";
import { UploadcareInputError } from "../client";
import type { EmulatorEndpoint } from "../provider/runtime/connection";
import { withResourceUrn } from "../provider/runtime/engineLog";
import { createProjectApiRuntime } from "../provider/runtime/projectApi";
import { createRuntime, type RuntimeDeps } from "../provider/runtime/runtime";
import { type ConfigView, changedSettings, checkConfig, configFromRequest } from "./config";
import { toServiceError } from "./errors";
import * as handlers from "./handlers";
import { invoke } from "./invokes";
import { emptyPb, grpc, pluginPb, providerGrpc, providerPb } from "./proto";
import { createResources, type NativeResource } from "./resources";
import { packageSchema } from "./schema";
import { fromStruct, markSecrets, toStruct, unwrapSecrets } from "./values";

export interface NativeProviderOptions extends RuntimeDeps {
    version: string;
    startEmbeddedEmulator?: () => Promise<EmulatorEndpoint>;
}

type Handler<Req, Res> = (req: Req) => Promise<Res>;

/** A unary gRPC method from an async function; every failure becomes a gRPC status. */
function unary<Req, Res>(fn: Handler<Req, Res>) {
    return (call: grpcTypes.ServerUnaryCall<Req, Res>, callback: grpcTypes.sendUnaryData<Res>) => {
        fn(call.request).then(
            (response) => callback(null, response),
            (error: unknown) => callback(toServiceError(error)),
        );
    };
}

/** The service implementation; RPCs it leaves out (Construct, Call, …) answer UNIMPLEMENTED. */
// Longer than 60 lines: one short entry per gRPC method, a table that reads best in one place.
export function createNativeProvider(options: NativeProviderOptions) {
    const env = options.env ?? process.env;
    const runtime = createRuntime(options);
    // The Project API side (Project, ProjectSecret, their functions): its own token, configured with the rest.
    const projectApi = createProjectApiRuntime(options);
    const resources = createResources(runtime, projectApi);
    let config: ConfigView | undefined;
    const schema = JSON.stringify(packageSchema(options.version));

    const resourceOf = (urnOrType: string): NativeResource => {
        // A URN ends in `…::<type>::<name>`; the type token is the part before the last `::`.
        const parts = urnOrType.split("::");
        const token = parts.length >= 2 ? (parts[parts.length - 2] ?? "") : urnOrType;
        const type = token.split("$").pop() ?? token;
        const found = resources.get(type);
        if (!found) throw new UploadcareInputError(`The uploadcare provider has no resource type ${type}.`);
        return found;
    };
    const typed =
        <Req extends { getUrn(): string }, Res>(op: (r: NativeResource, req: Req) => Promise<Res>) =>
        (req: Req) =>
            // The URN goes with the operation, so its progress lines land on its row (../provider/runtime/engineLog.ts).
            withResourceUrn(req.getUrn(), () => Promise.resolve().then(() => op(resourceOf(req.getUrn()), req)));

    return {
        getPluginInfo: unary(async () => new pluginPb.PluginInfo().setVersion(options.version)),
        getSchema: unary(async () => new providerPb.GetSchemaResponse().setSchema(schema)),
        checkConfig: unary(async (req: provider_pb.CheckRequest) => {
            const news = fromStruct(req.getNews());
            const response = new providerPb.CheckResponse();
            // The inputs go back as given: secret values stay wrapped, so the state keeps them encrypted.
            response.setInputs(toStruct(news));
            for (const failure of checkConfig(news, env)) {
                response.addFailures(
                    new providerPb.CheckFailure().setProperty(failure.property).setReason(failure.reason),
                );
            }
            return response;
        }),
        diffConfig: unary(async (req: provider_pb.DiffRequest) => {
            const changed = changedSettings(fromStruct(req.getOldInputs() ?? req.getOlds()), fromStruct(req.getNews()));
            const response = new providerPb.DiffResponse();
            response.setChanges(
                changed.length > 0
                    ? providerPb.DiffResponse.DiffChanges.DIFF_SOME
                    : providerPb.DiffResponse.DiffChanges.DIFF_NONE,
            );
            // Never a replace: replacing the provider would replace (delete) every group it manages.
            response.setDiffsList(changed);
            return response;
        }),
        configure: unary(async (req: provider_pb.ConfigureRequest) => {
            const variables = new Map(req.getVariablesMap().getEntryList());
            config = configFromRequest(req.hasArgs() ? fromStruct(req.getArgs()) : undefined, variables);
            runtime.configure(config);
            projectApi.configure(config);
            const response = new providerPb.ConfigureResponse();
            response.setAcceptsecrets(true);
            // Create and Update answer previews without a request (handlers.ts), keeping stable outputs known.
            response.setSupportspreview(true);
            response.setAcceptresources(false);
            response.setAcceptoutputs(false);
            return response;
        }),
        invoke: unary(async (req: provider_pb.InvokeRequest) => {
            const args = unwrapSecrets(fromStruct(req.getArgs()));
            const ctx = { runtime, projectApi, config: () => config, env, ...pick(options) };
            const result = await invoke(ctx, req.getTok(), args.plain);
            return new providerPb.InvokeResponse().setReturn(toStruct(markSecrets(result, args.secretKeys)));
        }),
        check: unary(typed(handlers.check)),
        diff: unary(typed(handlers.diff)),
        create: unary(typed(handlers.create)),
        read: unary(typed(handlers.read)),
        update: unary(typed(handlers.update)),
        delete: unary(
            typed(async (r, req: provider_pb.DeleteRequest) => {
                await handlers.remove(r, req);
                return new emptyPb.Empty();
            }),
        ),
        cancel: unary(async () => new emptyPb.Empty()),
    };
}

function pick(options: NativeProviderOptions) {
    return options.startEmbeddedEmulator ? { startEmbeddedEmulator: options.startEmbeddedEmulator } : {};
}

/** Serves the provider on 127.0.0.1 and resolves with the port (the engine reads it from stdout). */
export async function serveNativeProvider(
    options: NativeProviderOptions,
): Promise<{ port: number; server: grpcTypes.Server }> {
    const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
    server.addService(
        providerGrpc.ResourceProviderService,
        createNativeProvider(options) as grpcTypes.UntypedServiceImplementation,
    );
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
            error ? reject(error) : resolve(bound),
        ),
    );
    return { port, server };
}
