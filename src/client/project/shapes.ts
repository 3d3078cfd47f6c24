/**
 * Project API bodies (https://github.com/uploadcare/uploadcare-go, `projectapi/projectapi.go`; there is no published
 * reference): projects with their `features`, secret keys, usage, and the page envelope of every list.
 */
import { isRecord } from "../core/validate";

/** `features` of a project. Numbers are bytes (`filesize_limit`) and pixels (`image_resolution_limit`). */
export interface ProjectFeatures {
    uploads?: {
        filesize_limit?: number | null;
        autostore?: boolean;
        image_resolution_limit?: number | null;
        is_signed_upload_enabled?: boolean;
    };
    mime_type_filtering?: { mime_types?: string[]; is_mime_filtering_enabled?: boolean };
    gif_to_video_conversion?: { is_enabled?: boolean };
    video_processing?: { is_enabled?: boolean };
    malware_protection?: { is_enabled?: boolean };
    svg_validation?: { is_enabled?: boolean };
    /** Read-only. */
    team_members?: { team_size?: number };
}

/** A project as the Project API answers it. */
export interface ManagedProject {
    pub_key: string;
    name: string;
    is_blocked?: boolean;
    is_search_index_allowed?: boolean;
    /** Read-only. */
    is_shared_project?: boolean;
    features?: ProjectFeatures;
}

/** A secret key as listed: never its value, only a 4-character hint. */
export interface ProjectSecretInfo {
    id: string;
    hint: string;
    last_used_at: string | null;
}

/** A new secret key: the only answer that ever carries its value. */
export interface NewProjectSecret {
    id: string;
    secret: string;
}

export interface ProjectUsageDay {
    date: string;
    traffic: number;
    storage: number;
    operations: number;
}

export interface ProjectUsage {
    units: Record<string, string>;
    data: ProjectUsageDay[];
}

/** `{next, previous, total, per_page, results}`: `next` is an absolute URL or null. */
export interface ProjectApiPage<T> {
    next: string | null;
    previous?: string | null;
    total?: number;
    per_page?: number;
    results: T[];
}

export function isManagedProject(value: unknown): value is ManagedProject {
    return (
        isRecord(value) &&
        typeof value.pub_key === "string" &&
        value.pub_key !== "" &&
        typeof value.name === "string" &&
        (value.features === undefined || isRecord(value.features))
    );
}

export function isProjectSecretInfo(value: unknown): value is ProjectSecretInfo {
    return (
        isRecord(value) &&
        typeof value.id === "string" &&
        typeof value.hint === "string" &&
        (value.last_used_at === null || value.last_used_at === undefined || typeof value.last_used_at === "string")
    );
}

export function isNewProjectSecret(value: unknown): value is NewProjectSecret {
    return isRecord(value) && typeof value.id === "string" && typeof value.secret === "string" && value.secret !== "";
}

export function isProjectUsage(value: unknown): value is ProjectUsage {
    return (
        isRecord(value) &&
        isRecord(value.units) &&
        Array.isArray(value.data) &&
        value.data.every((day) => isRecord(day) && typeof day.date === "string")
    );
}

/** A type guard for a page whose every result passes `item`. */
export function pageOf<T>(item: (value: unknown) => value is T) {
    return (value: unknown): value is ProjectApiPage<T> =>
        isRecord(value) &&
        (value.next === null || value.next === undefined || typeof value.next === "string") &&
        Array.isArray(value.results) &&
        value.results.every(item);
}
