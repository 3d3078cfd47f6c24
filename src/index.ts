export * from "./client";
export { groupProvider } from "./provider/implementation";
export { createGroupProvider, type GroupProvider, type GroupProviderDeps, GroupInitError } from "./provider/groupProvider";
export type { GroupOutputs } from "./provider/outputs";
export { SETTINGS } from "./provider/settings";
export { Group, type GroupArgs } from "./resources/group";
