import { UploadcareError } from "../client/errors";

/**
 * A misuse of the emulator itself: an invalid option, an unknown project, a mutation of a read-only emulator, a
 * state file that is not one. Its admin API answers these with 400 (they are the caller's to fix).
 */
export class UploadcareEmulatorError extends UploadcareError {
    constructor(message: string) {
        super("UPLOADCARE_EMULATOR", message);
    }
}
