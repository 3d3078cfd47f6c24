import type { ManagedProject, ProjectChanges, ProjectFeatures } from "../../client";
import type { ProjectInputs } from "./inputs";

/** The outputs a Project exposes: every setting as Uploadcare reports it. */
export interface ProjectOutputs {
    /** The project's public key (also the Pulumi id). */
    pubKey: string;
    name: string;
    autostore: boolean;
    /** Bytes; absent when the project has no limit. */
    filesizeLimit?: number;
    /** Pixels; absent when the project has no limit. */
    imageResolutionLimit?: number;
    signedUploads: boolean;
    mimeTypes: string[];
    mimeFilteringEnabled: boolean;
    malwareProtection: boolean;
    svgValidation: boolean;
    videoProcessing: boolean;
    gifToVideo: boolean;
    searchIndexAllowed: boolean;
    isBlocked: boolean;
    /** `https://<prefix>.ucarecd.net`: the project's own CDN host. */
    cdnBaseUrl: string;
}

/**
 * The per-project CDN base (https://uploadcare.com/docs/delivery/cdn/), computed with Uploadcare's own
 * `@uploadcare/cname-prefix`. The package is ESM-typed but ships a CommonJS build for Node, which `require` loads.
 */
export function cdnBaseUrlOf(pubKey: string): string {
    const { getPrefixedCdnBaseSync } = require("@uploadcare/cname-prefix") as {
        getPrefixedCdnBaseSync(publicKey: string, cdnBase: string): string;
    };
    return getPrefixedCdnBaseSync(pubKey, "https://ucarecd.net").replace(/\/$/, "");
}

const limit = (value: number | null | undefined) => (typeof value === "number" ? value : undefined);

/** Outputs from a project as the Project API answers it. */
export function outputsFrom(project: ManagedProject): ProjectOutputs {
    const f: ProjectFeatures = project.features ?? {};
    const filesizeLimit = limit(f.uploads?.filesize_limit);
    const imageResolutionLimit = limit(f.uploads?.image_resolution_limit);
    return {
        pubKey: project.pub_key,
        name: project.name,
        autostore: f.uploads?.autostore ?? true,
        ...(filesizeLimit !== undefined ? { filesizeLimit } : {}),
        ...(imageResolutionLimit !== undefined ? { imageResolutionLimit } : {}),
        signedUploads: f.uploads?.is_signed_upload_enabled ?? false,
        mimeTypes: f.mime_type_filtering?.mime_types ?? [],
        mimeFilteringEnabled: f.mime_type_filtering?.is_mime_filtering_enabled ?? false,
        malwareProtection: f.malware_protection?.is_enabled ?? false,
        svgValidation: f.svg_validation?.is_enabled ?? false,
        videoProcessing: f.video_processing?.is_enabled ?? false,
        gifToVideo: f.gif_to_video_conversion?.is_enabled ?? false,
        searchIndexAllowed: project.is_search_index_allowed ?? false,
        isBlocked: project.is_blocked ?? false,
        cdnBaseUrl: cdnBaseUrlOf(project.pub_key),
    };
}

/** The `features` for these inputs, only the settings given (and, with `only`, only those keys). */
export function featuresOf(inputs: ProjectInputs, only?: readonly string[]): ProjectFeatures {
    const want = (key: keyof ProjectInputs) => inputs[key] !== undefined && (!only || only.includes(key));
    const pick = <T extends object>(entries: [keyof ProjectInputs, string, unknown][]): T | undefined => {
        const chosen = entries.filter(([key]) => want(key)).map(([, field, value]) => [field, value]);
        return chosen.length > 0 ? (Object.fromEntries(chosen) as T) : undefined;
    };
    const uploads = pick<NonNullable<ProjectFeatures["uploads"]>>([
        ["autostore", "autostore", inputs.autostore],
        ["filesizeLimit", "filesize_limit", inputs.filesizeLimit],
        ["imageResolutionLimit", "image_resolution_limit", inputs.imageResolutionLimit],
        ["signedUploads", "is_signed_upload_enabled", inputs.signedUploads],
    ]);
    const mime = pick<NonNullable<ProjectFeatures["mime_type_filtering"]>>([
        ["mimeTypes", "mime_types", inputs.mimeTypes],
        ["mimeFilteringEnabled", "is_mime_filtering_enabled", inputs.mimeFilteringEnabled],
    ]);
    const flag = (key: keyof ProjectInputs) => (want(key) ? { is_enabled: inputs[key] as boolean } : undefined);
    const features: ProjectFeatures = {
        ...(uploads ? { uploads } : {}),
        ...(mime ? { mime_type_filtering: mime } : {}),
    };
    const flags = {
        malware_protection: flag("malwareProtection"),
        svg_validation: flag("svgValidation"),
        video_processing: flag("videoProcessing"),
        gif_to_video_conversion: flag("gifToVideo"),
    };
    for (const [field, value] of Object.entries(flags)) if (value) Object.assign(features, { [field]: value });
    return features;
}

/** The body of `POST /projects/{pub_key}/` changing exactly `changed`. */
export function changesOf(inputs: ProjectInputs, changed: readonly string[]): ProjectChanges {
    const features = featuresOf(inputs, changed);
    return {
        ...(changed.includes("name") && inputs.name !== undefined ? { name: inputs.name } : {}),
        ...(changed.includes("searchIndexAllowed") && inputs.searchIndexAllowed !== undefined
            ? { is_search_index_allowed: inputs.searchIndexAllowed }
            : {}),
        ...(Object.keys(features).length > 0 ? { features } : {}),
    };
}
