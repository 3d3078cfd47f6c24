/**
 * `pulumi-uploadcare/client`: a small Uploadcare client with retries, request signing and checked response bodies.
 * Named exports only: what callers use (the providers, the lookups, the native plugin, and programs that talk to
 * Uploadcare directly). Everything else under core/, rest/ and upload/ is internal and may change.
 */

// The client: configuration, creation, and the types of what it sends and answers.
export type { ApiCall, ApiResponse, ClientDeps, RetryEvent, UploadcareClient } from "./core/call";
export {
    type ClientConfig,
    DEFAULT_API_BASE_URL,
    DEFAULT_PROJECT_API_BASE_URL,
    DEFAULT_UPLOAD_BASE_URL,
    isLoopbackHost,
    type SignUploads,
} from "./core/config";
// Errors: branch on `error.code`, or on the class.
export { UploadcareTimeoutError } from "./core/deadline";
export { DEFAULT_REQUEST_TIMEOUT_MS, type TransportTimeouts } from "./core/dispatcher";
export {
    type ApiErrorDetails,
    UploadcareApiError,
    UploadcareAuthError,
    UploadcareBadResponseError,
    UploadcareConfigError,
    UploadcareConflictError,
    UploadcareError,
    type UploadcareErrorCode,
    UploadcareFromUrlError,
    UploadcareGoneError,
    UploadcareGroupNotFoundError,
    UploadcareInputError,
    UploadcareNetworkError,
    UploadcareNotFoundError,
    UploadcareOutcomeUnknownError,
    UploadcareProjectUnprovenError,
    UploadcareStoreError,
    UploadcareThrottledError,
    UploadcareValidationError,
} from "./core/errors";
export { UPLOAD_TOKEN_TTL_SECONDS } from "./core/headers";
// Identifiers, checked before they become part of a path.
export {
    describeValue,
    GROUP_ID_EXAMPLE,
    groupIdProblem,
    isFileUuid,
    MAX_GROUP_FILES,
    normaliseGroupId,
    normaliseUuid,
    requireFileUuid,
    requireGroupId,
} from "./core/ids";
export { Limiter } from "./core/limiter";
export type { RetryPolicy } from "./core/retry";
// Response bodies as Uploadcare sends them, and reading one checked against its shape.
export type {
    FilePage,
    FromUrlStatus,
    GroupPage,
    ProjectInfo,
    RestFile,
    RestGroup,
    StoreResult,
    UploadFileInfo,
    UploadGroupInfo,
} from "./core/shapes";
export { isGroupPage } from "./core/shapes";
export { type UploadTokenClaims, uploadToken, uploadTokenScope } from "./core/sign";
export { createClient } from "./core/transport";
export { bodyAs } from "./core/validate";
// Project API (account-level bearer token): projects, their secret keys and usage.
export { createProjectApiClient, type ProjectApiConfig } from "./project/client";
export {
    createProject,
    deleteProject,
    getProjectByKey,
    listProjects,
    type NewProject,
    type ProjectChanges,
    updateProject,
} from "./project/projects";
export { createProjectSecret, deleteProjectSecret, listProjectSecrets } from "./project/secrets";
export type {
    ManagedProject,
    NewProjectSecret,
    ProjectApiPage,
    ProjectFeatures,
    ProjectSecretInfo,
    ProjectUsage,
    ProjectUsageDay,
} from "./project/shapes";
export { checkUsageRange, getProjectUsage, MAX_USAGE_DAYS } from "./project/usage";
// REST API v0.7: one function per endpoint.
export {
    deleteFile,
    deleteFiles,
    getFile,
    type ListFilesOptions,
    listFiles,
    MAX_FILE_PAGE_SIZE,
    STORE_BATCH_LIMIT,
    storeFile,
    storeFiles,
} from "./rest/files";
export { deleteGroup, findGroup, getGroup, type ListGroupsOptions, listGroups } from "./rest/groups";
export { deleteFileMetadata, getFileMetadata, setFileMetadata } from "./rest/metadata";
export { getProject } from "./rest/project";
export {
    getFileTags,
    MAX_TAG_LENGTH,
    MAX_TAGS,
    normaliseTags,
    patchFileTags,
    setFileTags,
    type TagCheck,
    type TagRule,
    type TagsChange,
} from "./rest/tags";
export {
    createWebhook,
    deleteWebhook,
    isDuplicateSubscription,
    listWebhooks,
    listWebhooksDated,
    MAX_SIGNING_SECRET_LENGTH,
    MAX_TARGET_URL_LENGTH,
    type RestWebhook,
    requireWebhookId,
    unsubscribeWebhook,
    updateWebhook,
    WEBHOOK_EVENTS,
    type WebhookEvent,
    type WebhookFields,
} from "./rest/webhooks";
// Upload API: files from bytes, from disk (direct or multipart) or from a URL, and groups.
export { getUploadedFileInfo, uploadDirect } from "./upload/base";
export { contentTypeFor, DEFAULT_CONTENT_TYPE, declaredContentType } from "./upload/contentType";
export type { StoreFlag, UploadOptions } from "./upload/form";
export {
    type FromUrlOptions,
    type FromUrlStarted,
    fromUrl,
    fromUrlStatus,
    waitForFromUrl,
} from "./upload/fromUrl";
export { createGroup, getUploadGroupInfo } from "./upload/group";
export { type MultipartOptions, uploadMultipart } from "./upload/multipart";
