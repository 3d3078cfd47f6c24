import { jsonReply, type Reply, textReply } from "../http/reply";
import { READ_ONLY_MESSAGE, READ_ONLY_STATUS } from "../state/readOnly";

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
    AccessTokenExpiredError: [401, "Expired token."],
    AccessTokenInvalidError: [401, "Invalid token. Reason: %s"],
    // Out of scope: "401 or 403 with an error_code" is all the docs say; the code and message are the emulator's.
    AccessTokenScopeError: [403, "Token scope does not allow %s."],
    FileSizeLimitExceededError: [400, "File size exceeds project limit."],
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
    FileMetadataKeyDuplicatedError: [400, "File's metadata key `%s` has a duplicate."],
    FileMetadataKeyEmptyError: [400, "File's metadata key can not be empty."],
    FileMetadataKeyForbiddenError: [
        400,
        "File's metadata key `%s` contains symbols not allowed by the metadata key format.",
    ],
    FileMetadataKeyLengthTooBigError: [400, "Length of file metadata key `%s` can not be more than %s symbols."],
    FileMetadataKeysNumberTooBigError: [400, "A file can not have more than %s metadata keys."],
    FileMetadataValueEmptyError: [400, "Value of the file metadata key `%s` can not be empty."],
    FileMetadataValueLengthTooBigError: [
        400,
        "Value of file metadata's key `%s` can not be more than %s symbols in length.",
    ],
    RequestParamRequiredError: [400, "%s is required."],
    MultipartFileAlreadyUploadedError: [400, "File is already uploaded."],
    MultipartFileIdRequiredError: [400, "uuid is required."],
    MultipartFileNotFoundError: [404, "File is not found."],
    MultipartFileSizeTooSmallError: [
        400,
        "File size can not be less than %s bytes. Please use direct upload instead of multipart.",
    ],
    MultipartSizeInvalidError: [400, "size should be integer."],
    MultipartPartSizeInvalidError: [400, "Multipart Upload Part Size should be an integer."],
    MultipartPartSizeTooBigError: [400, "Multipart Upload Part Size can not be more than %s bytes."],
    MultipartPartSizeTooSmallError: [400, "Multipart Upload Part Size can not be less than %s bytes."],
    MultipartUploadSizeTooSmallError: [400, "File size mismatch. Not all parts uploaded?"],
    UUIDInvalidError: [400, "uuid is invalid."],
    SourceURLRequiredError: [400, "source_url is required."],
    TokenRequiredError: [400, "token is required."],
    URLParsingFailedError: [400, "Failed to parse URL."],
    URLSchemeInvalidError: [400, "Invalid URL scheme."],
    URLHostRequiredError: [400, "No URL host supplied."],
    URLHostPrivateIPForbiddenError: [400, "Only public IPs are allowed."],
    HostnameNotFoundError: [400, "Host does not exist."],
    DownloadFileHTTPClientError: [500, "HTTP client error: %s."],
    DownloadFileHTTPServerError: [500, "HTTP server error: %s."],
    DownloadFileHTTPNetworkError: [500, "HTTP network error: %s."],
    UploadAPIError: [500, "Internal error."],
    // The code of the documented tag errors ("Too many tags: 51 (max 50)."); the message is the rule broken.
    UploadViewsError: [400, "%s"],
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
    return formatted(format, UPLOAD_ERRORS[code][0], uploadErrorText(code, ...args), code);
}

/** The documented message of `code` with its `%s` filled in. */
export function uploadErrorText(code: UploadErrorCode, ...args: string[]): string {
    let content: string = UPLOAD_ERRORS[code][1];
    for (const arg of args) content = content.replace("%s", arg);
    return content;
}

/** For injected status faults: a status without a documented code of its own. */
export function uploadStatusError(format: UploadErrorFormat, status: number): Reply {
    if (status === 429) return uploadError(format, "RequestThrottledError");
    if (status >= 500) return formatted(format, status, "Internal error.", "UploadAPIError");
    return formatted(format, status, "Request processing failed.", "BaseViewsError");
}

/**
 * A read-only emulator refusing an upload or a new group (see state/readOnly.ts). `UploadAPIError` is the documented
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

/** How this request wants its errors: `jsonerrors=1` in the query, and the status the emulator answers them with. */
export function errorFormat(query: URLSearchParams, deps: { jsonErrorsStatus: "real" | 200 }): UploadErrorFormat {
    return { json: query.get("jsonerrors") === "1", jsonStatus: deps.jsonErrorsStatus };
}
