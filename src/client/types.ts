/** Response shapes, as documented for REST API v0.7 and the Upload API (snake_case, as sent). */

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
