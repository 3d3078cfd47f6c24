/**
 * Shapes of the bodies the provider reads. A 2xx whose body is not the documented JSON (an HTML captive
 * portal, a proxy's page, `{}`) becomes an `UploadcareBadResponseError`, never a `TypeError` or outputs
 * without an id. Only the fields the provider uses are checked; extra fields are Uploadcare's to add.
 */
import { UploadcareBadResponseError } from "./errors";
import type { ApiCall, ApiResponse, UploadcareClient } from "./transport";
import type {
    FilePage,
    FromUrlStatus,
    GroupPage,
    ProjectInfo,
    RestFile,
    RestGroup,
    StoreResult,
    UploadFileInfo,
    UploadGroupInfo,
} from "./types";

type Shape<T> = (value: unknown) => value is T;

export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

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

const EXCERPT_CHARS = 120;

/** A short, single-line start of a body for an error message (redacted by the error itself). */
export function excerpt(text: string): string {
    const line = text.replace(/\s+/g, " ").trim();
    return line.length > EXCERPT_CHARS ? `${line.slice(0, EXCERPT_CHARS)}…` : line;
}

/**
 * The body of a successful answer as `what`, or an `UploadcareBadResponseError` naming the method, path,
 * status, content type and the start of the body.
 */
export function bodyAs<T>(client: UploadcareClient, call: ApiCall, res: ApiResponse, what: string, shape: Shape<T>): T {
    const type = headerText(res.headers["content-type"]);
    if (/json/i.test(type) && shape(res.json)) return res.json;
    throw badResponse(client, call, res.status, `expected ${what} as JSON, got ${describeBody(type, res.text)}`);
}

export function badResponse(
    client: UploadcareClient,
    call: ApiCall,
    status: number,
    reason: string,
): UploadcareBadResponseError {
    const base = call.api === "rest" ? client.config.apiBaseUrl : client.config.uploadBaseUrl;
    const setting = call.api === "rest" ? "uploadcare:apiBaseUrl" : "uploadcare:uploadBaseUrl";
    return new UploadcareBadResponseError(
        {
            method: call.method,
            path: call.path,
            origin: new URL(base).origin,
            status,
            detail: `${reason}. This is not an answer of Uploadcare's API`,
            hint: `Check ${setting} (${base}) for project ${client.config.publicKey}, and any proxy between you and Uploadcare`,
        },
        client.config.secretKey ? [client.config.secretKey] : [],
    );
}

function describeBody(type: string, text: string): string {
    const kind = type ? `"${type.split(";")[0]}"` : "no content type";
    return text ? `${kind} starting "${excerpt(text)}"` : `${kind} with an empty body`;
}

function headerText(value: string | string[] | undefined): string {
    return (Array.isArray(value) ? value[0] : value) ?? "";
}
