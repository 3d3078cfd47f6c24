/**
 * Uploadcare identifiers, checked before they become part of a request path: a file UUID, and a group id
 * `<uuid>~<count>` where a group holds 1 to 1000 files (https://uploadcare.com/docs/file-groups/).
 * Anything else (`.`, `..`, `""`, slashes, encoded characters) never reaches a URL.
 */
import { UploadcareInputError } from "./errors";
import { shownText } from "./shown";

export const MAX_GROUP_FILES = 1000;
export const GROUP_ID_EXAMPLE = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~3";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_ANY_CASE = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;
const GROUP_ID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?~([1-9][0-9]{0,3})$/;

export function isFileUuid(value: unknown): value is string {
    return typeof value === "string" && UUID.test(value);
}

/** The lower-case UUID of `{UUID}`, `UUID` in any case, or undefined. */
export function normaliseUuid(value: string): string | undefined {
    return UUID_ANY_CASE.exec(value.trim())?.[1]?.toLowerCase();
}

/** `<uuid>~<count>` in canonical form (lower case, no braces, count 1–1000), or undefined. */
export function normaliseGroupId(value: string): string | undefined {
    const match = GROUP_ID.exec(value.trim().toLowerCase());
    const count = Number(match?.[2]);
    return match && count <= MAX_GROUP_FILES ? `${match[1]}~${count}` : undefined;
}

/** Why a value is not a group id, phrased to follow the field name. */
export function groupIdProblem(value: unknown): string {
    const text = typeof value === "string" ? value.trim() : "";
    const hint = UUID_ANY_CASE.test(text)
        ? ': this is a bare UUID; a group id ends in "~" and its file count, as getGroups() and the dashboard show it'
        : "";
    return `must be an Uploadcare group id such as ${GROUP_ID_EXAMPLE} (a UUID, "~", the file count from 1 to ${MAX_GROUP_FILES}), got ${describeValue(value)}${hint}`;
}

/** The canonical group id, or an `UploadcareInputError` naming `field` before any request is built. */
export function requireGroupId(value: unknown, field: string): string {
    const id = typeof value === "string" ? normaliseGroupId(value) : undefined;
    if (id === undefined) {
        const reason = groupIdProblem(value);
        throw new UploadcareInputError(`${field} ${reason}`, [{ property: field, reason }]);
    }
    return id;
}

/** The canonical file UUID, or an `UploadcareInputError` naming `field`. */
export function requireFileUuid(value: unknown, field: string): string {
    const uuid = typeof value === "string" ? normaliseUuid(value) : undefined;
    if (uuid === undefined) {
        const reason = `must be a file UUID such as 3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5, got ${describeValue(value)}`;
        throw new UploadcareInputError(`${field} ${reason}`, [{ property: field, reason }]);
    }
    return uuid;
}

/** A value as a message shows it: `the string "x"`, `a list`, `number 42`; long values cut (./shown.ts). */
export function describeValue(value: unknown): string {
    if (value === null) return "null";
    if (value === undefined) return "nothing";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "string") return `the string "${shownText(value)}"`;
    return `${typeof value} ${shownText(JSON.stringify(value) ?? String(value))}`;
}
