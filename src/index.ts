export {
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
} from "./client";
export { UploadcareEmulatorError } from "./emulator/errors";
export type { FileOutputs } from "./provider/file/outputs";
export { createFileProvider, type FileProvider, type FileProviderDeps } from "./provider/file/provider";
export type { GroupOutputs } from "./provider/group/outputs";
export {
    createGroupProvider,
    GroupInitError,
    type GroupProvider,
    type GroupProviderDeps,
} from "./provider/group/provider";
export { groupProvider } from "./provider/implementation";
export {
    createFileLookups,
    createGroupLookups,
    createLookups,
    createProjectLookup,
    type FileLookups,
    type GroupLookups,
    type LookupDeps,
    type Lookups,
    type ProjectCollaborator,
    type ProjectDetails,
} from "./provider/lookups";
export { ResourceInitError } from "./provider/runtime/initError";
export { SETTINGS } from "./provider/runtime/settings";
export type { WebhookOutputs } from "./provider/webhook/outputs";
export {
    createWebhookProvider,
    type WebhookProvider,
    type WebhookProviderDeps,
} from "./provider/webhook/provider";
export { File, type FileArgs, type FileFromSourceArgs, type FileFromUrlArgs } from "./resources/file";
export { Group, type GroupArgs } from "./resources/group";
export {
    type FileDetails,
    type GetFileArgs,
    type GetFileOutputArgs,
    type GetFileResult,
    type GetFilesArgs,
    type GetFilesOutputArgs,
    type GetFilesResult,
    type GetGroupArgs,
    type GetGroupOutputArgs,
    type GetGroupResult,
    type GetGroupsArgs,
    type GetGroupsOutputArgs,
    type GetGroupsResult,
    type GetProjectsResult,
    type GetProjectUsageArgs,
    type GetProjectUsageOutputArgs,
    type GetProjectUsageResult,
    type GroupDetails,
    type GroupSummary,
    getFile,
    getFileOutput,
    getFiles,
    getFilesOutput,
    getGroup,
    getGroupOutput,
    getGroups,
    getGroupsOutput,
    getProject,
    getProjectOutput,
    getProjects,
    getProjectsOutput,
    getProjectUsage,
    getProjectUsageOutput,
    type LookupCredentialInputs,
    type LookupCredentials,
    type LookupOptions,
    type LookupOutputOptions,
    listFiles,
    listGroups,
    type ManagedProjectDetails,
    type ProjectUsageDetails,
} from "./resources/lookups";
export { Project, type ProjectArgs } from "./resources/project";
export { ProjectSecret, type ProjectSecretArgs } from "./resources/projectSecret";
export { type SyncedFile, SyncedFolder, type SyncedFolderArgs } from "./resources/syncedFolder";
export { Webhook, type WebhookArgs, type WebhookEvent } from "./resources/webhook";
