/**
 * A local Uploadcare emulator: REST API v0.7 (groups, files, project) and Upload API (base upload, groups) on one
 * port, plus fault injection, throttling and an admin API under `/__emulator/` for out-of-process control.
 */
export { isLoopbackAddress } from "./admin";
export { startEmulator } from "./server";
export type {
    Emulator,
    EmulatorOptions,
    FaultRule,
    FileRecord,
    GroupMember,
    GroupRecord,
    RequestLogEntry,
} from "./types";
