import type { FileRecord, GroupRecord } from "../types";

/**
 * The legacy shared CDN, the default base of the CDN URLs in answers. Projects created since the per-project CDN
 * domains (`https://<prefix>.ucarecd.net/`, see cdn/serve.ts) get those instead; `EmulatorOptions.cdn` picks.
 */
export const CDN_BASE = "https://ucarecdn.com";

function imageInfo(f: FileRecord): Record<string, unknown> | null {
    if (!f.image) return null;
    return {
        color_mode: "RGB",
        orientation: null,
        format: f.image.format,
        sequence: false,
        height: f.image.height,
        width: f.image.width,
        geo_location: null,
        datetime_original: null,
        dpi: null,
    };
}

function contentInfo(f: FileRecord): Record<string, unknown> {
    const [type = "application", subtype = "octet-stream"] = f.mimeType.split("/");
    const info: Record<string, unknown> = { mime: { mime: f.mimeType, type, subtype } };
    const image = imageInfo(f);
    if (image) info.image = image;
    return info;
}

/** REST v0.7 `file` object (keys as in the recorded 2023 cassette). */
export function restFile(f: FileRecord, apiUrl: string, cdnBase = CDN_BASE): Record<string, unknown> {
    const removed = f.datetimeRemoved !== null;
    return {
        datetime_removed: f.datetimeRemoved,
        datetime_stored: f.datetimeStored,
        datetime_uploaded: f.datetimeUploaded,
        is_image: f.isImage,
        is_ready: true,
        mime_type: f.mimeType,
        // Recorded removed files carry `original_file_url: null`.
        original_file_url: removed ? null : `${cdnBase}/${f.uuid}/${safeFilename(f.originalFilename)}`,
        original_filename: f.originalFilename,
        size: f.size,
        url: `${apiUrl}/files/${f.uuid}/`,
        uuid: f.uuid,
        variations: null,
        content_info: contentInfo(f),
        metadata: { ...f.metadata },
        // Always present, `[]` for none: "A file with no tags returns `tags: []`" (https://uploadcare.com/docs/file-tags/).
        tags: [...(f.tags ?? [])],
    };
}

/** REST list item: no `files` (the spec's `group` schema). */
export function restGroup(g: GroupRecord, apiUrl: string, cdnBase = CDN_BASE): Record<string, unknown> {
    return {
        id: g.id,
        datetime_created: g.datetimeCreated,
        files_count: g.files.length,
        cdn_url: `${cdnBase}/${g.id}/`,
        url: `${apiUrl}/groups/${g.id}/`,
    };
}

/** REST `groupWithFiles`; `lookup` returns undefined for files that no longer exist at all (shown as null). */
export function restGroupWithFiles(
    g: GroupRecord,
    apiUrl: string,
    lookup: (uuid: string) => FileRecord | undefined,
    removedAsNull: boolean,
    cdnBase = CDN_BASE,
    effectsTrailingSlash = true,
): Record<string, unknown> {
    const files = g.files.map((m) => {
        const f = lookup(m.uuid);
        if (!f || (removedAsNull && f.datetimeRemoved !== null)) return null;
        const effects = effectsTrailingSlash ? m.defaultEffects : m.defaultEffects.replace(/\/$/, "");
        return { ...restFile(f, apiUrl, cdnBase), default_effects: effects };
    });
    return { ...restGroup(g, apiUrl, cdnBase), files };
}

/** Upload API file info (`GET /info/`, group members). */
export function uploadFile(f: FileRecord): Record<string, unknown> {
    return {
        uuid: f.uuid,
        file_id: f.uuid,
        size: f.size,
        total: f.size,
        done: f.size,
        original_filename: f.originalFilename,
        filename: safeFilename(f.originalFilename),
        mime_type: f.mimeType,
        is_image: f.isImage,
        is_stored: f.datetimeStored !== null,
        is_ready: true,
        image_info: imageInfo(f),
        video_info: null,
        content_info: contentInfo(f),
        metadata: { ...f.metadata },
    };
}

/**
 * Upload API `groupInfo`. The Upload API spec says members may be null once removed; the emulator shows removed
 * files as null here (inference: the Upload API only ever describes files that can still be fetched).
 */
export function uploadGroup(
    g: GroupRecord,
    apiUrl: string,
    lookup: (uuid: string) => FileRecord | undefined,
    cdnBase = CDN_BASE,
): Record<string, unknown> {
    const files = g.files.map((m) => {
        const f = lookup(m.uuid);
        if (!f || f.datetimeRemoved !== null) return null;
        return { ...uploadFile(f), default_effects: m.defaultEffects };
    });
    return {
        id: g.id,
        datetime_created: g.datetimeCreated,
        // Deprecated field, still sent; groups are never stored as a whole in v0.7.
        datetime_stored: null,
        files_count: g.files.length,
        cdn_url: `${cdnBase}/${g.id}/`,
        url: `${apiUrl}/groups/${g.id}/`,
        files,
    };
}

/** Uploadcare's `filename`: the original name with anything outside a safe set replaced. */
export function safeFilename(name: string): string {
    const cleaned = name.replace(/[^A-Za-z0-9._-]/g, "_");
    return cleaned === "" ? "file" : cleaned;
}
