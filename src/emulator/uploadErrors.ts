import { READ_ONLY_MESSAGE, READ_ONLY_STATUS } from "./readOnly";
import { jsonReply, type Reply, textReply } from "./reply";

/**
 * Upload API error codes used by the emulator, with their documented status and message
 * (https://uploadcare.com/api-refs/upload-api/, "Errors").
 */
export const UPLOAD_ERRORS = {
    ProjectPublicKeyRequiredError: [403, "%s is required."],
    ProjectPublicKeyInvalidError: [403, "%s is invalid."],
    SignatureRequiredError: [400, "`signature` is required."],
    SignatureExpirationRequiredError: [400, "`expire` is required."],
    SignatureExpirationInvalidError: [400, "`expire` must be a UNIX timestamp."],
    SignatureExpirationError: [403, "Expired signature."],
    SignatureInvalidError: [403, "Invalid signature."],
    GroupFileURLParsingFailedError: [400, "This is not valid file url: %s."],
    GroupFilesInvalidError: [400, "No files[N] parameters found."],
    GroupFilesNotFoundError: [400, "Some files not found."],
    GroupIdRequiredError: [400, "group_id is required."],
    GroupNotFoundError: [404, "group_id is invalid."],
    FilesNumberLimitExceededError: [400, "There are too many files."],
    FilesRequiredError: [400, "Request does not contain files."],
    FileIdRequiredError: [400, "file_id is required."],
    FileNotFoundError: [404, "File is not found."],
    MethodNotAllowedError: [405, "HTTP method %s is not allowed for %s"],
    PostRequestParserFailedError: [400, "HTTP POST request parsing failed."],
    RequestThrottledError: [429, "Request was throttled."],
    UploadAPIError: [500, "Internal error."],
    // No code is documented for a body over the size limit; the name and message are the emulator's.
    RequestTooLargeError: [413, "Request body is too large."],
} as const satisfies Record<string, readonly [number, string]>;

export type UploadErrorCode = keyof typeof UPLOAD_ERRORS;

export interface UploadErrorFormat {
    /** `jsonerrors=1` was sent. */
    json: boolean;
    /** HTTP status used with JSON errors: the real one, or 200 (the docs do not say which). */
    jsonStatus: "real" | 200;
}

/** Plain text with the real status by default; `{"error":{content,status_code,error_code}}` with jsonerrors=1. */
export function uploadError(format: UploadErrorFormat, code: UploadErrorCode, ...args: string[]): Reply {
    const [status, template] = UPLOAD_ERRORS[code];
    let content: string = template;
    for (const arg of args) content = content.replace("%s", arg);
    return formatted(format, status, content, code);
}

/** For injected status faults: a status without a documented code of its own. */
export function uploadStatusError(format: UploadErrorFormat, status: number): Reply {
    if (status === 429) return uploadError(format, "RequestThrottledError");
    if (status >= 500) return formatted(format, status, "Internal error.", "UploadAPIError");
    return formatted(format, status, "Request processing failed.", "BaseViewsError");
}

/**
 * A read-only emulator refusing an upload or a new group (see readOnly.ts). `UploadAPIError` is the documented
 * code for server-side failures; the content says why.
 */
export function uploadReadOnlyError(format: UploadErrorFormat): Reply {
    return formatted(format, READ_ONLY_STATUS, READ_ONLY_MESSAGE, "UploadAPIError");
}

function formatted(format: UploadErrorFormat, status: number, content: string, code: string): Reply {
    if (!format.json) return textReply(status, content);
    return jsonReply(format.jsonStatus === 200 ? 200 : status, {
        error: { content, status_code: status, error_code: code },
    });
}
