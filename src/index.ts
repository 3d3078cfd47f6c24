export {
    UploadcareApiError,
    UploadcareAuthError,
    UploadcareConfigError,
    UploadcareError,
    type UploadcareErrorCode,
    UploadcareGroupNotFoundError,
    UploadcareInputError,
    UploadcareNetworkError,
    UploadcareNotFoundError,
    UploadcareThrottledError,
    UploadcareValidationError,
} from "./client/errors";
export type { GroupOutputs } from "./provider/group/outputs";
export {
    createGroupProvider,
    GroupInitError,
    type GroupProvider,
    type GroupProviderDeps,
} from "./provider/group/provider";
export { groupProvider } from "./provider/implementation";
export { SETTINGS } from "./provider/runtime/settings";
export type { WebhookOutputs } from "./provider/webhook/outputs";
export {
    createWebhookProvider,
    type WebhookProvider,
    type WebhookProviderDeps,
} from "./provider/webhook/provider";
export { Group, type GroupArgs } from "./resources/group";
export { createGroupLookups, type GroupLookupDeps, type GroupLookups } from "./resources/groupLookups";
export {
    type GetGroupsArgs,
    type GroupDetails,
    type GroupSummary,
    getGroup,
    getGroupOutput,
    getGroups,
    getGroupsOutput,
    type LookupOptions,
} from "./resources/lookups";
export {
    createProjectLookup,
    getProject,
    getProjectOutput,
    type ProjectCollaborator,
    type ProjectDetails,
    type ProjectLookupOptions,
} from "./resources/project";
export { Webhook, type WebhookArgs, type WebhookEvent } from "./resources/webhook";
