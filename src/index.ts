export * from "./client";
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
