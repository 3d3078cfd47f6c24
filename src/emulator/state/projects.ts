/**
 * A project as the emulator keeps it: its keys, its settings (the Project API's `features`) and whether it was
 * soft-deleted. Projects from the options (the default one and `extraProjects`) are rebuilt from the options on every
 * start, their settings restored from the state file; projects made through the Project API live in the state file
 * whole, their secret keys included (as webhook signing secrets are).
 */
import { createHash } from "node:crypto";

export interface SecretKey {
    id: string;
    secret: string;
    created: string;
    /** Last REST request or signed upload that used it; kept in memory, saved with the next change. */
    lastUsedAt: string | null;
}

/** The Project API's `features`, in its own field names (https://github.com/uploadcare/uploadcare-go, projectapi). */
export interface ProjectFeatures {
    uploads: {
        filesize_limit: number | null;
        autostore: boolean;
        image_resolution_limit: number | null;
        is_signed_upload_enabled: boolean;
    };
    mime_type_filtering: { mime_types: string[]; is_mime_filtering_enabled: boolean };
    gif_to_video_conversion: { is_enabled: boolean };
    video_processing: { is_enabled: boolean };
    malware_protection: { is_enabled: boolean };
    svg_validation: { is_enabled: boolean };
    team_members: { team_size: number };
}

export interface Project {
    publicKey: string;
    name: string;
    /** Any of them signs REST requests and uploads; an options project's key comes first. */
    secrets: SecretKey[];
    features: ProjectFeatures;
    isBlocked: boolean;
    isSearchIndexAllowed: boolean;
    /** Made through the Project API (its keys are saved in the state file); false for the options' projects. */
    managed: boolean;
    /** Soft-deleted: every API answers as for an unknown project. */
    deletedAt: string | null;
}

/** What the state file keeps of a project: everything but an options project's key, which the options give. */
export type SavedProject = Omit<Project, "publicKey">;

/** The settings a new project starts with, as the dashboard's defaults: autostore on, no limits, nothing signed. */
export function defaultFeatures(signedUploads = false): ProjectFeatures {
    return {
        uploads: {
            filesize_limit: null,
            autostore: true,
            image_resolution_limit: null,
            is_signed_upload_enabled: signedUploads,
        },
        mime_type_filtering: { mime_types: [], is_mime_filtering_enabled: false },
        gif_to_video_conversion: { is_enabled: false },
        video_processing: { is_enabled: true },
        malware_protection: { is_enabled: false },
        svg_validation: { is_enabled: false },
        team_members: { team_size: 1 },
    };
}

/** The id of an options project's key: stable across restarts, and not the key. */
export function optionKeyId(publicKey: string): string {
    return createHash("sha256").update(`option-key:${publicKey}`).digest("hex").slice(0, 20);
}

/** A project from the options, with its one key. */
export function optionsProject(
    publicKey: string,
    secretKey: string,
    name: string,
    signedUploads: boolean,
    created: string,
): Project {
    return {
        publicKey,
        name,
        secrets: [{ id: optionKeyId(publicKey), secret: secretKey, created, lastUsedAt: null }],
        features: defaultFeatures(signedUploads),
        isBlocked: false,
        isSearchIndexAllowed: true,
        managed: false,
        deletedAt: null,
    };
}

/** What the state file gets: an options project without its key (the options give it on every start). */
export function savedProject(project: Project): SavedProject {
    const { publicKey, ...rest } = project;
    return project.managed ? rest : { ...rest, secrets: rest.secrets.filter((s) => s.id !== optionKeyId(publicKey)) };
}

/**
 * A saved project applied to memory: a managed one is taken whole; an options project keeps its options key and
 * takes the rest (settings, name, keys made through the API, deletion).
 */
export function restoredProject(publicKey: string, saved: SavedProject, current: Project | undefined): Project {
    if (!current || saved.managed) return { ...saved, publicKey };
    const optionKey = current.secrets.filter((s) => s.id === optionKeyId(publicKey));
    return { ...saved, publicKey, managed: false, secrets: [...optionKey, ...saved.secrets] };
}

/** The first of the project's keys that `matches`, marked as used at `now`; undefined when none does. */
export function usedSecret(project: Project, now: Date, matches: (secret: string) => boolean): SecretKey | undefined {
    const key = project.secrets.find((s) => matches(s.secret));
    if (key) key.lastUsedAt = now.toISOString();
    return key;
}

/** Whether `size` bytes are over the project's `filesize_limit` (none: never). */
export function overSizeLimit(project: Project, size: number): boolean {
    const limit = project.features.uploads.filesize_limit;
    return limit !== null && size > limit;
}
