import { UploadcareError } from "../../client";

/**
 * The resource exists but a later step of its creation failed. Pulumi's dynamic provider records `id` and
 * `properties` from this error (an initialization failure), so the resource is in state and nothing is orphaned;
 * the next `up` finishes the job.
 */
export class ResourceInitError<Outputs extends object = Record<string, unknown>> extends UploadcareError {
    constructor(
        readonly id: string,
        readonly properties: Outputs,
        what: string,
        cause: unknown,
    ) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        super("UPLOADCARE_PARTIAL_CREATE", `${what} ${id} was created, but ${reason}`, { cause });
    }
    get reasons(): string[] {
        return [this.message];
    }
}
