/**
 * The emulator's own error base, so it depends on nothing in the client. It carries the same registered brand
 * (`Symbol.for("pulumi-uploadcare.error")`) and a `code` like the package's other errors, so
 * `UploadcareError.isUploadcareError()` and `error.code` work on it as on any error of the package.
 */
const brand = Symbol.for("pulumi-uploadcare.error");

export type EmulatorErrorCode = "UPLOADCARE_EMULATOR";

export class EmulatorError extends Error {
    readonly code: EmulatorErrorCode;
    readonly [brand] = true;

    constructor(code: EmulatorErrorCode, message: string, options?: { cause?: unknown }) {
        super(message, options);
        this.name = new.target.name;
        this.code = code;
    }
}

/**
 * A misuse of the emulator itself: an invalid option, an unknown project, a mutation of a read-only emulator, a
 * state file that is not one. Its admin API answers these with 400 (they are the caller's to fix).
 */
export class UploadcareEmulatorError extends EmulatorError {
    constructor(message: string) {
        super("UPLOADCARE_EMULATOR", message);
    }
}
