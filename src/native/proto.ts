/**
 * The gRPC runtime and the ResourceProvider stubs, loaded from the `@pulumi/pulumi` the package already
 * peers with (https://github.com/pulumi/pulumi/tree/master/sdk/nodejs/proto). `@grpc/grpc-js` and
 * `google-protobuf` are resolved from there too, so our messages are the very classes the stubs'
 * serializers check with `instanceof`, whatever npm hoisted where.
 */
import { createRequire } from "node:module";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as anyTypes from "google-protobuf/google/protobuf/any_pb";
import type * as emptyTypes from "google-protobuf/google/protobuf/empty_pb";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";

const fromSdk = createRequire(require.resolve("@pulumi/pulumi/package.json"));

export const grpc = fromSdk("@grpc/grpc-js") as typeof grpcTypes;
export const structPb = fromSdk("google-protobuf/google/protobuf/struct_pb") as typeof structTypes;
export const emptyPb = fromSdk("google-protobuf/google/protobuf/empty_pb") as typeof emptyTypes;
export const anyPb = fromSdk("google-protobuf/google/protobuf/any_pb") as typeof anyTypes;
export const statusPb = fromSdk("./proto/status_pb") as typeof import("@pulumi/pulumi/proto/status_pb");
export const providerPb = fromSdk("./proto/provider_pb") as typeof import("@pulumi/pulumi/proto/provider_pb");
export const pluginPb = fromSdk("./proto/plugin_pb") as typeof import("@pulumi/pulumi/proto/plugin_pb");
export const providerGrpc = fromSdk(
    "./proto/provider_grpc_pb",
) as typeof import("@pulumi/pulumi/proto/provider_grpc_pb");

export type Struct = structTypes.Struct;
