import type { Reply } from "../http/reply";

/** REST API v0.7 answers (and must be asked for) with this media type. */
export const REST_CONTENT_TYPE = "application/vnd.uploadcare-v0.7+json";

export function restJson(status: number, value: unknown): Reply {
    return { status, headers: { "Content-Type": REST_CONTENT_TYPE }, body: JSON.stringify(value) };
}

export function restDetail(status: number, detail: string): Reply {
    return restJson(status, { detail });
}

/** DRF wording, singular for one second (the docs quote "Expected available in {wait} second."). */
export function throttledDetail(seconds: number): string {
    return `Request was throttled. Expected available in ${seconds} second${seconds === 1 ? "" : "s"}.`;
}
