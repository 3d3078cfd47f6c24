/**
 * Response bodies, as documented for REST API v0.7 and the Upload API (snake_case, as sent), each with the guard
 * that checks it. Only the fields the provider uses are checked; extra fields are Uploadcare's to add.
 */
import { isRecord, type Shape } from "./validate";

export interface RestFile {
    uuid: string;
    datetime_removed: string | null;
    datetime_stored: string | null;
    datetime_uploaded?: string;
    original_file_url?: string | null;
    original_filename?: string;
    size?: number;
    mime_type?: string;
    is_image?: boolean;
    is_ready?: boolean;
    url?: string;
    metadata?: Record<string, string>;
    /** `mime`, and `image` / `video` for media (https://uploadcare.com/api-refs/rest-api/v0.7.0/). */
    content_info?: Record<string, unknown> | null;
    variations?: Record<string, string> | null;
    /** File tags in storage order (https://uploadcare.com/docs/file-tags/); `[]` for none. */
    tags?: string[];
    /** Only inside group info: the CDN operations given when the group was created. */
    default_effects?: string;
}

export interface RestGroup {
    id: string;
    datetime_created: string;
    files_count: number;
    cdn_url: string;
    url: string;
    /** Only in group info. Removed files appear as `null` or as objects with `datetime_removed` set. */
    files?: (RestFile | null)[] | null;
}

export interface GroupPage {
    next: string | null;
    previous: string | null;
    total: number;
    per_page: number;
    results: RestGroup[];
}

export interface UploadFileInfo {
    uuid: string;
    is_stored: boolean;
    is_ready?: boolean;
    default_effects?: string;
    file_id?: string;
    size?: number;
    original_filename?: string;
    filename?: string;
    mime_type?: string;
    is_image?: boolean;
    metadata?: Record<string, string>;
}

export interface FilePage {
    next: string | null;
    previous: string | null;
    total: number;
    per_page: number;
    results: RestFile[];
}

/** `GET /from_url/status/` (https://uploadcare.com/api-refs/upload-api/). */
export type FromUrlStatus =
    | { status: "unknown" | "waiting" }
    | { status: "progress"; done?: number; total?: number | "unknown" }
    | { status: "error"; error: string; error_code?: string }
    | ({ status: "success" } & UploadFileInfo);

export interface UploadGroupInfo {
    id: string;
    datetime_created: string;
    files_count: number;
    cdn_url: string;
    url: string;
    files: (UploadFileInfo | null)[];
}

export interface StoreResult {
    status: string;
    /** UUID → reason, for files Uploadcare could not store. */
    problems: Record<string, string>;
    result: RestFile[];
}

export interface ProjectInfo {
    name: string;
    pub_key: string;
    autostore_enabled?: boolean;
    /** `null` on some projects (REST API spec: nullable). */
    collaborators?: { email?: string; name?: string }[] | null;
}

// Guards: what `bodyAs` checks a body against before anything reads it.

const isString = (value: unknown): value is string => typeof value === "string" && value !== "";
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

function hasGroupFields(value: unknown): value is RestGroup {
    return (
        isRecord(value) &&
        isString(value.id) &&
        isCount(value.files_count) &&
        isString(value.cdn_url) &&
        typeof value.url === "string" &&
        isString(value.datetime_created)
    );
}

const isMember = (file: unknown) => file === null || (isRecord(file) && isString(file.uuid));

export const isRestGroup: Shape<RestGroup> = (value): value is RestGroup =>
    hasGroupFields(value) && (value.files == null || (Array.isArray(value.files) && value.files.every(isMember)));

export const isGroupPage: Shape<GroupPage> = (value): value is GroupPage =>
    isRecord(value) &&
    Array.isArray(value.results) &&
    value.results.every(hasGroupFields) &&
    (value.next === null || value.next === undefined || typeof value.next === "string");

export const isUploadGroupInfo: Shape<UploadGroupInfo> = (value): value is UploadGroupInfo =>
    hasGroupFields(value) && Array.isArray(value.files) && value.files.every(isMember);

export const isStoreResult: Shape<StoreResult> = (value): value is StoreResult =>
    isRecord(value) &&
    (value.result !== undefined || value.status !== undefined) &&
    (value.result === undefined || Array.isArray(value.result)) &&
    (value.problems === undefined || isRecord(value.problems));

export const isProjectInfo: Shape<ProjectInfo> = (value): value is ProjectInfo =>
    isRecord(value) && isString(value.pub_key) && typeof value.name === "string";

/** String values only: what Uploadcare keeps as metadata. */
export const isFileMetadata: Shape<Record<string, string>> = (value): value is Record<string, string> =>
    isRecord(value) && Object.values(value).every((v) => typeof v === "string");

export const isRestFile: Shape<RestFile> = (value): value is RestFile =>
    isRecord(value) && isString(value.uuid) && (value.metadata == null || isFileMetadata(value.metadata));

export const isFilePage: Shape<FilePage> = (value): value is FilePage =>
    isRecord(value) &&
    Array.isArray(value.results) &&
    value.results.every(isRestFile) &&
    (value.next === null || value.next === undefined || typeof value.next === "string");

export const isUploadFileInfo: Shape<UploadFileInfo> = (value): value is UploadFileInfo =>
    isRecord(value) && isString(value.uuid) && typeof value.is_stored === "boolean";

const FROM_URL_STATUSES = new Set(["unknown", "waiting", "progress", "error", "success"]);

export const isFromUrlStatus: Shape<FromUrlStatus> = (value): value is FromUrlStatus =>
    isRecord(value) &&
    typeof value.status === "string" &&
    FROM_URL_STATUSES.has(value.status) &&
    (value.status !== "error" || typeof value.error === "string") &&
    (value.status !== "success" || isUploadFileInfo(value));
