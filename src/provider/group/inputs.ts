/**
 * Validation and normalisation of Group inputs, run in `check` (no network). What `check` returns is
 * what Pulumi stores and later diffs, so every accepted spelling is reduced to one canonical form:
 * lower-case UUIDs, braces and CDN hosts dropped, CDN operations ending in "/".
 */
import {
    describeValue as describe,
    groupIdProblem,
    isFileUuid,
    MAX_GROUP_FILES,
    normaliseGroupId,
    normaliseUuid,
    requireGroupId,
} from "../../client";
import { isUnknown } from "../runtime/checks";
import { type Checked, checkKnownKeys, parseOrThrow, startCheck } from "../runtime/lifecycle";
import { isUploadcareCdnHost, normaliseOperations } from "./cdnOperations";

export { GROUP_ID_EXAMPLE, groupIdProblem, MAX_GROUP_FILES, normaliseGroupId } from "../../client";

export { type CheckFailure, isUnknown, stripProvider, UNKNOWN } from "../runtime/checks";

/** Exactly one of `files` (create a group) or `groupId` (adopt an existing one). */
export type GroupInputs =
    | { files: string[]; storeFiles: boolean; groupId?: undefined }
    | {
          /** An existing group to take over instead of creating one (`pulumi import` cannot serve dynamic providers). */
          groupId: string;
          storeFiles: boolean;
          files?: undefined;
      };

const KNOWN_INPUTS = ["files", "groupId", "storeFiles"];

/** The id of a group in state, checked before it becomes a request path. */
export function requireStateGroupId(id: string): string {
    return requireGroupId(id, "group id");
}

/** Parses one `files` entry: a UUID, `<uuid>/-/op/args/…`, or a CDN URL of either. */
export function normaliseFileEntry(entry: string): { value: string } | { error: string } {
    let text = entry.trim();
    if (text === "") return { error: "is empty; give a file UUID such as 3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5" };
    if (/^https?:\/\//i.test(text)) {
        const path = cdnPath(entry, text);
        if ("error" in path) return path;
        text = path.value;
    }
    const slash = text.indexOf("/");
    const head = slash === -1 ? text : text.slice(0, slash);
    const rest = slash === -1 ? "" : text.slice(slash + 1);
    const uuid = normaliseUuid(head);
    if (!uuid) {
        return {
            error:
                `"${entry}" does not start with a file UUID (8-4-4-4-12 hex digits, e.g. ` +
                "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5); a group id (ending in ~N) is not a file",
        };
    }
    if (rest === "") return { value: uuid };
    const operations = normaliseOperations(rest);
    if ("error" in operations) return { error: `"${entry}": ${operations.error}` };
    return { value: `${uuid}/${operations.value}` };
}

/** The path of a CDN URL on an Uploadcare CDN host, without the leading "/". */
function cdnPath(entry: string, text: string): { value: string } | { error: string } {
    let url: URL;
    try {
        url = new URL(text);
    } catch {
        return { error: `"${entry}" is not a valid URL` };
    }
    if (url.search || url.hash) return { error: `"${entry}" has a query or fragment; give the CDN path only` };
    if (!isUploadcareCdnHost(url.hostname)) {
        return {
            error: `"${entry}" is not on an Uploadcare CDN host (ucarecdn.com or <prefix>.ucarecd.net); give the file UUID instead`,
        };
    }
    // The raw path, not url.pathname: URL parsing would resolve "/../" before we could refuse it.
    return { value: text.replace(/^https?:\/\/[^/]*\/*/i, "") };
}

/** The UUID part of a normalised entry. */
export function fileUuid(entry: string): string {
    return entry.slice(0, 36);
}

const unknownKeyHint = (key: string) =>
    key === "adopt"
        ? '; to take over an existing group give groupId: "<uuid>~<count>" and leave out files'
        : '; a Group takes "files" or "groupId", and "storeFiles"';

function checkStoreFiles(news: Record<string, unknown>, { inputs, failures }: Checked): void {
    const storeFiles = news.storeFiles;
    if (storeFiles === undefined || storeFiles === null) inputs.storeFiles = true;
    else if (typeof storeFiles !== "boolean" && !isUnknown(storeFiles)) {
        failures.push({ property: "storeFiles", reason: `must be true or false, got ${describe(storeFiles)}` });
    }
}

function checkGroupId(news: Record<string, unknown>, { inputs, failures }: Checked): void {
    const groupId = news.groupId;
    if (news.files !== undefined && news.files !== null) {
        failures.push({
            property: "groupId",
            reason: "cannot be given with files: use files to create a new group, or groupId to adopt an existing one (its files come from Uploadcare)",
        });
    }
    if (isUnknown(groupId)) return;
    const id = typeof groupId === "string" ? normaliseGroupId(groupId) : undefined;
    if (id === undefined) failures.push({ property: "groupId", reason: groupIdProblem(groupId) });
    else inputs.groupId = id;
}

function filesListProblem(files: unknown): string | undefined {
    if (files === undefined || files === null) {
        return "is required: list 1 to 1000 file UUIDs to create a group, or give groupId to adopt an existing one";
    }
    if (!Array.isArray(files)) return `must be a list of file UUIDs, got ${describe(files)}`;
    if (files.length === 0) return "is empty: a group needs 1 to 1000 files";
    if (files.length > MAX_GROUP_FILES) {
        return `has ${files.length} entries; Uploadcare groups hold at most ${MAX_GROUP_FILES} files: split them into several groups`;
    }
    return undefined;
}

/**
 * Duplicate entries are allowed: Uploadcare's group docs set no uniqueness rule, and the same file with
 * different CDN operations (`<uuid>/-/resize/200x/`, `<uuid>/-/resize/800x/`) is a common group.
 */
function checkFiles(files: unknown, { inputs, failures }: Checked): void {
    if (isUnknown(files)) return;
    const problem = filesListProblem(files);
    if (problem !== undefined || !Array.isArray(files)) {
        failures.push({ property: "files", reason: problem ?? "must be a list" });
        return;
    }
    inputs.files = files.map((entry: unknown, index) => {
        if (isUnknown(entry)) return entry;
        const property = `files[${index}]`;
        if (typeof entry !== "string") {
            failures.push({ property, reason: `must be a string (a file UUID), got ${describe(entry)}` });
            return entry;
        }
        const result = normaliseFileEntry(entry);
        if ("value" in result) return result.value;
        failures.push({ property, reason: result.error });
        return entry;
    });
}

/** Everything `check` needs: the canonical inputs (when valid) and every failure, each naming its field. */
export function checkGroupInputs(news: Record<string, unknown>): Checked {
    const checked = startCheck(news);
    checkKnownKeys(checked, news, KNOWN_INPUTS, unknownKeyHint);
    checkStoreFiles(news, checked);
    const adopting = news.groupId !== undefined && news.groupId !== null;
    if (adopting) checkGroupId(news, checked);
    else delete checked.inputs.groupId;
    const hasFiles = news.files !== undefined && news.files !== null;
    if (adopting && !hasFiles) delete checked.inputs.files;
    else checkFiles(news.files, checked);
    return checked;
}

/** Re-validates stored inputs inside create/update, so a request is never built from bad data. */
export function parseGroupInputs(props: Record<string, unknown>): Promise<GroupInputs> {
    const build = ({ files, groupId, storeFiles }: Record<string, unknown>): GroupInputs | undefined => {
        const store = storeFiles !== false;
        if (typeof groupId === "string" && normaliseGroupId(groupId) === groupId) return { groupId, storeFiles: store };
        const valid = Array.isArray(files) && files.every((f) => typeof f === "string" && isFileUuid(fileUuid(f)));
        return valid ? { files: files as string[], storeFiles: store } : undefined;
    };
    return parseOrThrow("Group", props, checkGroupInputs, build, "files or groupId are not known yet");
}
