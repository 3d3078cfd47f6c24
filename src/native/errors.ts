/**
 * Errors as gRPC statuses. Messages are those of the shared provider (UploadcareError messages are
 * already redacted); an error carrying `id` and `properties` (GroupInitError: the group exists but a
 * later step failed) becomes ErrorResourceInitFailed, so the engine records the resource instead of
 * orphaning it, exactly as the dynamic provider does.
 * Details: https://github.com/pulumi/pulumi/blob/master/proto/pulumi/provider.proto (ErrorResourceInitFailed)
 */
import type { ServiceError } from "@grpc/grpc-js";
import { anyPb, grpc, providerPb, statusPb } from "./proto";
import { type PropertyMap, toStruct } from "./values";

interface InitFailure {
    id: string;
    properties: PropertyMap;
    reasons?: string[];
}

function isInitFailure(error: unknown): error is Error & InitFailure {
    const e = error as Partial<InitFailure> | null;
    return typeof e?.id === "string" && e.id !== "" && typeof e.properties === "object" && e.properties !== null;
}

/** A gRPC error for `error`; `reveal` re-marks secrets in init-failure properties. */
export function toServiceError(
    error: unknown,
    reveal: (props: PropertyMap) => PropertyMap = (p) => p,
): Partial<ServiceError> {
    const message = error instanceof Error ? error.message : String(error);
    const metadata = new grpc.Metadata();
    if (isInitFailure(error)) {
        const detail = new providerPb.ErrorResourceInitFailed();
        detail.setId(error.id);
        detail.setProperties(toStruct(reveal(error.properties)));
        detail.setReasonsList(error.reasons ?? [message]);
        const packed = new anyPb.Any();
        packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
        const status = new statusPb.Status();
        status.setCode(grpc.status.UNKNOWN);
        status.setMessage(message);
        status.addDetails(packed);
        // The structured detail travels in the standard trailer gRPC defines for it.
        metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
    }
    return { code: grpc.status.UNKNOWN, details: message, message, metadata };
}
