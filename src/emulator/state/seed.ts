import { UploadcareEmulatorError } from "../errors";
import { deterministicUuid } from "./ids";

/** The demo keys an emulator uses unless told otherwise (Uploadcare's documented demo key pair). */
export const DEMO_PUBLIC_KEY = "demopublickey";
export const DEMO_SECRET_KEY = "demoprivatekey";

/**
 * Ids of seeded demo data, derived from the project's public key alone: every fresh emulator, the CLI's banner and
 * a second emulator reading the same state file agree on them without talking to each other.
 */

/** UUID of the `index`-th seeded demo file of a project. */
export function seededFileUuid(publicKey: string, index: number): string {
    return deterministicUuid(`${publicKey}:seed:${index}`);
}

/**
 * Files of the `index`-th seeded group, as indexes into the seeded files: files 2i and 2i+1, wrapping modulo the
 * number of seeded files, so any number of groups fits any (non-zero) number of files; one file makes groups of 1.
 */
export function seededGroupMemberIndexes(index: number, seedFiles: number): number[] {
    if (!Number.isInteger(seedFiles) || seedFiles < 1) {
        throw new UploadcareEmulatorError(`seeded groups need at least one seeded file, got seedFiles ${seedFiles}`);
    }
    if (seedFiles === 1) return [0];
    return [(2 * index) % seedFiles, (2 * index + 1) % seedFiles];
}

/** `<uuid>~<count>`, like a group made by an upload widget; the UUID comes from the public key and the index. */
export function seededGroupId(publicKey: string, index: number, seedFiles: number): string {
    const size = seededGroupMemberIndexes(index, seedFiles).length;
    return `${deterministicUuid(`${publicKey}:seed-group:${index}`)}~${size}`;
}

/** Throws a RangeError naming the option, so a bad count fails at start instead of seeding something odd. */
export function checkSeedGroups(seedGroups: number, seedFiles: number): void {
    if (!Number.isInteger(seedGroups) || seedGroups < 0) {
        throw new UploadcareEmulatorError(`seedGroups must be a non-negative integer, got ${seedGroups}`);
    }
    if (seedGroups > 0 && seedFiles < 1) {
        throw new UploadcareEmulatorError(
            `seedGroups (${seedGroups}) needs seeded files to group: set seedFiles to 1 or more`,
        );
    }
}
