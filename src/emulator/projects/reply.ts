/**
 * Project API answers: JSON, and errors as `{"message": …, "code": …}` (the shape uploadcare-go reads,
 * https://github.com/uploadcare/uploadcare-go, `ucare/error.go`). The codes `invalid_token`, `not_found_error` and
 * `forbidden` appear there; the others are the emulator's.
 */
import { jsonReply, type Reply } from "../http/reply";

export function projectError(status: number, message: string, code: string): Reply {
    return jsonReply(status, { message, code });
}

export const NOT_FOUND = () => projectError(404, "Project not found.", "not_found_error");

export function validationError(message: string): Reply {
    return projectError(400, message, "validation_error");
}
