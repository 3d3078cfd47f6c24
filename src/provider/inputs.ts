/**
 * Validation and normalisation of Group inputs, run in `check` (no network). What `check` returns is
 * what Pulumi stores and later diffs, so every accepted spelling is reduced to one canonical form:
 * lower-case UUIDs, braces and CDN hosts dropped, CDN operations ending in "/".
 */

import { UploadcareInputError } from "../client/errors";

/** Pulumi's placeholder for values not known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const MAX_GROUP_FILES = 1000;

/** Exactly one of `files` (create a group) or `groupId` (adopt an existing one). */
export type GroupInputs =
    | { files: string[]; storeFiles: boolean; groupId?: undefined }
    | {
          /** An existing group to take over instead of creating one (`pulumi import` cannot serve dynamic providers). */
          groupId: string;
          storeFiles: boolean;
          files?: undefined;
      };

export interface CheckFailure {
    property: string;
    reason: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_ANY_CASE = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;
const OPERATION_NAME = /^[a-z][a-z0-9_]*$/;
const GROUP_ID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?~([1-9][0-9]*)$/;
const KNOWN_INPUTS = new Set(["files", "groupId", "storeFiles", "__provider"]);
export const GROUP_ID_EXAMPLE = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~3";

/** `<uuid>~<count>` in canonical form (lower case, no braces), or undefined when it is not a group id. */
export function normaliseGroupId(value: string): string | undefined {
    const match = GROUP_ID.exec(value.trim().toLowerCase());
    return match ? `${match[1]}~${Number(match[2])}` : undefined;
}

/** Why a value is not a group id, phrased to follow the field name. */
export function groupIdProblem(value: unknown): string {
    const text = typeof value === "string" ? value.trim() : "";
    const hint = UUID_ANY_CASE.test(text)
        ? ': this is a bare UUID; a group id ends in "~" and its file count, as getGroups() and the dashboard show it'
        : "";
    return `must be an Uploadcare group id such as ${GROUP_ID_EXAMPLE} (a UUID, "~", the file count), got ${describe(value)}${hint}`;
}

export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN;
}

/** Parses one `files` entry: a UUID, `<uuid>/-/op/args/…`, or a CDN URL of either. */
export function normaliseFileEntry(entry: string): { value: string } | { error: string } {
    let text = entry.trim();
    if (text === "") return { error: "is empty; give a file UUID such as 3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5" };
    if (/^https?:\/\//i.test(text)) {
        let url: URL;
        try {
            url = new URL(text);
        } catch {
            return { error: `"${entry}" is not a valid URL` };
        }
        if (url.search || url.hash) return { error: `"${entry}" has a query or fragment; give the CDN path only` };
        text = url.pathname.replace(/^\/+/, "");
    }
    const slash = text.indexOf("/");
    const head = slash === -1 ? text : text.slice(0, slash);
    const rest = slash === -1 ? "" : text.slice(slash + 1);
    const match = UUID_ANY_CASE.exec(head);
    if (!match?.[1]) {
        return {
            error:
                `"${entry}" does not start with a file UUID (8-4-4-4-12 hex digits, e.g. ` +
                "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5); a group id (ending in ~N) is not a file",
        };
    }
    const uuid = match[1].toLowerCase();
    if (rest === "") return { value: uuid };
    const operations = normaliseOperations(rest);
    if ("error" in operations) return { error: `"${entry}": ${operations.error}` };
    return { value: `${uuid}/${operations.value}` };
}

/** `-/resize/800x/-/format/webp` → `-/resize/800x/-/format/webp/`, or the reason it is malformed. */
function normaliseOperations(rest: string): { value: string } | { error: string } {
    if (/[\s?#\\]/.test(rest)) return { error: "CDN operations must not contain spaces, ?, # or \\" };
    const segments = rest.replace(/\/$/, "").split("/");
    if (segments[0] !== "-") {
        return {
            error: 'CDN operations must follow the UUID as "/-/<operation>/<arguments>/", e.g. "/-/resize/800x/"',
        };
    }
    for (let i = 0; i < segments.length; i++) {
        const segment = segments[i] ?? "";
        if (segment === "") return { error: 'CDN operations contain an empty segment ("//")' };
        if (segment === "-") {
            const name = segments[i + 1];
            if (name === undefined || !OPERATION_NAME.test(name)) {
                return {
                    error: `"-/" must be followed by an operation name such as resize or format, got "${name ?? ""}"`,
                };
            }
        }
    }
    return { value: `${segments.join("/")}/` };
}

/** The UUID part of a normalised entry. */
export function fileUuid(entry: string): string {
    return entry.slice(0, 36);
}

/** Everything `check` needs: the canonical inputs (when valid) and every failure, each naming its field. */
export function checkGroupInputs(news: Record<string, unknown>): {
    inputs: Record<string, unknown>;
    failures: CheckFailure[];
} {
    const failures: CheckFailure[] = [];
    const inputs: Record<string, unknown> = { ...news };

    for (const key of Object.keys(news)) {
        if (KNOWN_INPUTS.has(key)) continue;
        const hint =
            key === "adopt"
                ? '; to take over an existing group give groupId: "<uuid>~<count>" and leave out files'
                : '; a Group takes "files" or "groupId", and "storeFiles"';
        failures.push({ property: key, reason: `unknown input "${key}"${hint}` });
    }

    const storeFiles = news.storeFiles;
    if (storeFiles === undefined || storeFiles === null) inputs.storeFiles = true;
    else if (typeof storeFiles !== "boolean" && !isUnknown(storeFiles)) {
        failures.push({ property: "storeFiles", reason: `must be true or false, got ${describe(storeFiles)}` });
    }

    const groupId = news.groupId;
    const hasFiles = news.files !== undefined && news.files !== null;
    if (groupId === undefined || groupId === null) delete inputs.groupId;
    else {
        if (hasFiles) {
            failures.push({
                property: "groupId",
                reason: "and files were both given: use files to create a new group, or groupId to adopt an existing one (its files come from Uploadcare)",
            });
        }
        if (!isUnknown(groupId)) {
            const id = typeof groupId === "string" ? normaliseGroupId(groupId) : undefined;
            if (id === undefined) failures.push({ property: "groupId", reason: groupIdProblem(groupId) });
            else inputs.groupId = id;
        }
        if (!hasFiles) {
            delete inputs.files;
            return { inputs, failures };
        }
    }

    const files = news.files;
    if (isUnknown(files)) return { inputs, failures };
    if (files === undefined || files === null) {
        failures.push({
            property: "files",
            reason: "is required: list 1 to 1000 file UUIDs to create a group, or give groupId to adopt an existing one",
        });
    } else if (!Array.isArray(files)) {
        failures.push({ property: "files", reason: `must be a list of file UUIDs, got ${describe(files)}` });
    } else if (files.length === 0) {
        failures.push({ property: "files", reason: "is empty: a group needs 1 to 1000 files" });
    } else if (files.length > MAX_GROUP_FILES) {
        failures.push({
            property: "files",
            reason: `has ${files.length} entries; Uploadcare groups hold at most ${MAX_GROUP_FILES} files: split them into several groups`,
        });
    } else {
        inputs.files = files.map((entry: unknown, index) => {
            if (isUnknown(entry)) return entry;
            if (typeof entry !== "string") {
                failures.push({
                    property: `files[${index}]`,
                    reason: `must be a string (a file UUID), got ${describe(entry)}`,
                });
                return entry;
            }
            const result = normaliseFileEntry(entry);
            if ("error" in result) {
                failures.push({ property: `files[${index}]`, reason: result.error });
                return entry;
            }
            return result.value;
        });
    }
    return { inputs, failures };
}

/** Re-validates stored inputs inside create/update, so a request is never built from bad data. */
export function parseGroupInputs(props: Record<string, unknown>): GroupInputs {
    const { inputs, failures } = checkGroupInputs(stripProvider(props));
    const { files, groupId } = inputs;
    const storeFiles = inputs.storeFiles !== false;
    if (failures.length === 0 && typeof groupId === "string" && normaliseGroupId(groupId) === groupId) {
        return { groupId, storeFiles };
    }
    if (
        failures.length === 0 &&
        Array.isArray(files) &&
        files.every((f) => typeof f === "string" && UUID.test(fileUuid(f)))
    ) {
        return { files: files as string[], storeFiles };
    }
    const reasons = failures.map((f) => `${f.property} ${f.reason}`).join("; ");
    throw new UploadcareInputError(
        `Invalid Group inputs: ${reasons || "files or groupId are not known yet"}`,
        failures,
    );
}

export function stripProvider(props: Record<string, unknown>): Record<string, unknown> {
    const { __provider: _ignored, ...rest } = props;
    return rest;
}

function describe(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "string") return `the string "${value}"`;
    return `${typeof value} ${JSON.stringify(value)}`;
}
