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
export {
    createGroupProvider,
    GroupInitError,
    type GroupProvider,
    type GroupProviderDeps,
} from "./provider/groupProvider";
export { groupProvider } from "./provider/implementation";
export type { GroupOutputs } from "./provider/outputs";
export { SETTINGS } from "./provider/settings";
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
