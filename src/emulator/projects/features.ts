/**
 * A project as the Project API shows it, and the checks and merge of what a create or update sends: only known
 * fields of the right type; `features` sections are merged field by field, so an update changes only what it names.
 */
import type { Project, ProjectFeatures } from "../state/projects";

type Kind = "bool" | "size" | "strings";

/** The writable fields of every section (`team_members` is read-only). */
const WRITABLE: Record<string, Record<string, Kind>> = {
    uploads: {
        filesize_limit: "size",
        autostore: "bool",
        image_resolution_limit: "size",
        is_signed_upload_enabled: "bool",
    },
    mime_type_filtering: { mime_types: "strings", is_mime_filtering_enabled: "bool" },
    gif_to_video_conversion: { is_enabled: "bool" },
    video_processing: { is_enabled: "bool" },
    malware_protection: { is_enabled: "bool" },
    svg_validation: { is_enabled: "bool" },
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function fits(kind: Kind, value: unknown): boolean {
    if (kind === "bool") return typeof value === "boolean";
    if (kind === "size") return value === null || (Number.isSafeInteger(value) && (value as number) > 0);
    return (
        Array.isArray(value) && value.every((item) => typeof item === "string" && /^[\w.+-]+\/[\w.+*-]+$/.test(item))
    );
}

const EXPECTED: Record<Kind, string> = {
    bool: "true or false",
    size: "a positive whole number or null",
    strings: 'a list of MIME types such as "image/*"',
};

/** `features` merged over `current`, or the reason it cannot be. */
export function mergedFeatures(current: ProjectFeatures, changes: unknown): ProjectFeatures | string {
    if (!isRecord(changes)) return "features must be an object.";
    const next = structuredClone(current) as unknown as Record<string, Record<string, unknown>>;
    for (const [section, fields] of Object.entries(changes)) {
        const kinds = WRITABLE[section];
        if (!kinds) return `features.${section} is not a writable section.`;
        if (!isRecord(fields)) return `features.${section} must be an object.`;
        for (const [name, value] of Object.entries(fields)) {
            const kind = kinds[name];
            if (!kind) return `features.${section}.${name} is not a writable field.`;
            if (!fits(kind, value)) return `features.${section}.${name} must be ${EXPECTED[kind]}.`;
            (next[section] as Record<string, unknown>)[name] = value;
        }
    }
    return next as unknown as ProjectFeatures;
}

/** The project object of every answer. */
export function projectJson(project: Project): Record<string, unknown> {
    return {
        pub_key: project.publicKey,
        name: project.name,
        is_blocked: project.isBlocked,
        is_search_index_allowed: project.isSearchIndexAllowed,
        is_shared_project: false,
        features: project.features,
    };
}

/** `name`: a non-empty string of at most 255 characters, or the reason it is not. */
export function nameProblem(name: unknown): string | undefined {
    if (typeof name !== "string" || name.trim() === "") return "name is required and must be a non-empty string.";
    return name.length > 255 ? "name must be at most 255 characters." : undefined;
}
