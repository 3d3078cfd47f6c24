import { UploadcareError } from "../client";

/**
 * An error as the CLI should show it from a program: Pulumi prints an error carrying its RunError brand as the
 * message alone, not as "failed with an unhandled exception" with a stack trace (@pulumi/pulumi cmd/run/run.ts).
 * Our messages already name the input and the fix; the error stays an `UploadcareError`, so programs can still
 * catch it by class and `code`. Other errors are returned as they are.
 */
export function asRunError<E>(error: E): E {
    if (UploadcareError.isUploadcareError(error)) {
        Object.defineProperty(error, "__pulumiRunError", { value: true, enumerable: false });
    }
    return error;
}

/** The result of `work` (a promise, or a function making one), or its failure branded by `asRunError`. */
export function reported<T>(work: Promise<T> | (() => Promise<T>)): Promise<T> {
    const result = typeof work === "function" ? Promise.resolve().then(work) : work;
    return result.catch((error: unknown) => {
        throw asRunError(error);
    });
}
