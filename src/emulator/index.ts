/**
 * A local Uploadcare emulator: REST API v0.7 (groups, files, project) and Upload API (base upload, groups) on one
 * port, plus fault injection, throttling and an admin API under `/__emulator/` for out-of-process control.
 */
export { isLoopbackAddress } from "./http/loopback";
export { startEmulator } from "./server";
export type {
    Emulator,
    EmulatorOptions,
    FaultRule,
    FileRecord,
    GroupMember,
    GroupRecord,
    RequestLogEntry,
    WebhookDelivery,
    WebhookRecord,
} from "./types";

import { DEMO_PUBLIC_KEY, seededFileUuid, seededGroupId } from "./state/seed";

export { DEMO_PUBLIC_KEY, DEMO_SECRET_KEY } from "./state/seed";

/**
 * UUIDs of the first `count` demo files an emulator seeds for `publicKey`: the same on every start, so
 * a program can name them without asking the emulator.
 */
export function seededFileUuids(count: number, publicKey: string = DEMO_PUBLIC_KEY): string[] {
    return Array.from({ length: count }, (_, i) => seededFileUuid(publicKey, i));
}

/**
 * Ids of the first `count` groups an emulator started with `seedGroups` and `seedFiles` seeds for `publicKey`
 * (`<uuid>~<size>`): the same on every fresh start. Throws a RangeError when `count` > 0 and `seedFiles` < 1.
 */
export function seededGroupIds(count: number, seedFiles: number, publicKey: string = DEMO_PUBLIC_KEY): string[] {
    return Array.from({ length: count }, (_, i) => seededGroupId(publicKey, i, seedFiles));
}
