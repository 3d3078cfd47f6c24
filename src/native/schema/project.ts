/**
 * The schemas of `uploadcare:index:Project`, `uploadcare:index:ProjectSecret` and the Project API functions, typed
 * against the providers' inputs and outputs and the lookups' results (see ./types.ts for how drift fails `tsc`).
 * A ProjectSecret's value is a secret output.
 */

import type { ProjectUsageDay } from "../../client";
import type { GetProjectUsageArgs, ManagedProjectDetails, ProjectUsageDetails } from "../../provider/lookups";
import type { ProjectInputs } from "../../provider/project/inputs";
import type { ProjectOutputs } from "../../provider/project/outputs";
import type { ProjectSecretInputs } from "../../provider/projectSecret/inputs";
import type { ProjectSecretOutputs } from "../../provider/projectSecret/outputs";
import { bool, int, type ObjectSpec, replacing, requiredKeys, type SpecsOf, str, strings } from "./types";

export const PROJECT_TOKEN = "uploadcare:index:Project";
export const PROJECT_SECRET_TOKEN = "uploadcare:index:ProjectSecret";

const inPlace = "Left out: not managed (whatever the project has stays). Changes in place.";

const projectInputs: SpecsOf<ProjectInputs> = {
    pubKey: replacing(
        str(
            "Adopt an existing project (its public key) instead of creating one; the settings given are then applied to it. Naming another project replaces the resource: that one is adopted, then this one deleted.",
        ),
    ),
    name: str("The project's name. Required unless `pubKey` is given. Changes in place."),
    autostore: bool(`Whether uploads are stored for good by default. ${inPlace}`),
    filesizeLimit: int(`The largest upload, in bytes (0 or more). ${inPlace}`),
    imageResolutionLimit: int(`The largest image, in pixels (0 or more). ${inPlace}`),
    signedUploads: bool(`Whether uploads must be signed. ${inPlace}`),
    mimeTypes: strings(`The MIME types of the filter (\`type/subtype\`, or \`image/*\`). ${inPlace}`),
    mimeFilteringEnabled: bool(`Whether uploads outside \`mimeTypes\` are refused. ${inPlace}`),
    malwareProtection: bool(`Whether uploads are scanned for malware. ${inPlace}`),
    svgValidation: bool(`Whether uploaded SVG files are checked for scripts. ${inPlace}`),
    videoProcessing: bool(`Whether video processing is on. ${inPlace}`),
    gifToVideo: bool(`Whether GIFs may be converted to video. ${inPlace}`),
    searchIndexAllowed: bool(`Whether search engines may index the project's files. ${inPlace}`),
};

const projectOutputs: SpecsOf<ProjectOutputs> = {
    pubKey: str("The project's public key (also the resource id)."),
    name: str("The project's name."),
    autostore: bool("Whether uploads are stored by default."),
    filesizeLimit: int("The file size limit in bytes; absent when there is none."),
    imageResolutionLimit: int("The image resolution limit in pixels; absent when there is none."),
    signedUploads: bool("Whether uploads must be signed."),
    mimeTypes: strings("The MIME types of the filter."),
    mimeFilteringEnabled: bool("Whether the MIME type filter is on."),
    malwareProtection: bool("Whether malware protection is on."),
    svgValidation: bool("Whether SVG validation is on."),
    videoProcessing: bool("Whether video processing is on."),
    gifToVideo: bool("Whether GIF-to-video conversion is on."),
    searchIndexAllowed: bool("Whether search engines may index the project's files."),
    isBlocked: bool("Whether Uploadcare has blocked the project."),
    cdnBaseUrl: str("The project's own CDN base, `https://<prefix>.ucarecd.net`."),
};

const LIMITS = ["filesizeLimit", "imageResolutionLimit"];

export const projectResourceSchema = {
    description:
        "An Uploadcare project, managed with the account's Project API token (`projectApiToken`). The id is the public key. Every setting changes in place; nothing replaces a project except `pulumi up --replace` or naming another project in `pubKey`. Destroying it is Uploadcare's soft delete. Import with `pulumi import uploadcare:index:Project <name> <public key>`.",
    inputProperties: projectInputs,
    properties: projectOutputs,
    required: requiredKeys(projectOutputs, LIMITS),
};

const projectSecretInputs: SpecsOf<ProjectSecretInputs> = {
    project: replacing(
        str(
            "The public key of the project to make a secret key for. Changing it replaces the key: the new one is created first, then the old one deleted.",
        ),
    ),
};

const projectSecretOutputs: SpecsOf<ProjectSecretOutputs> = {
    project: str("The public key of the project."),
    secretId: str("The key's id (also the resource id)."),
    hint: str("The key's last 4 characters, as Uploadcare lists it."),
    secret: { ...str("The secret key; Uploadcare shows it only when it is created. Always a secret."), secret: true },
};

export const projectSecretResourceSchema = {
    description:
        "A secret key of an Uploadcare project, made with the account's Project API token. The value is kept in the state as a secret. Rotate it with `pulumi up --replace`: the new key is created before the old one is deleted. Refresh drops a key deleted outside the stack. Uploadcare refuses to delete a project's last key while signed uploads are on. It cannot be imported: Uploadcare never shows an existing key's value.",
    inputProperties: projectSecretInputs,
    properties: projectSecretOutputs,
    required: requiredKeys(projectSecretOutputs, []),
};

const usageArgs: SpecsOf<GetProjectUsageArgs> = {
    pubKey: str("The project's public key."),
    from: str("The first day, `YYYY-MM-DD`."),
    to: str("The last day, `YYYY-MM-DD`, at most 90 days after `from`."),
};

const usageDay: SpecsOf<ProjectUsageDay> = {
    date: str("The day, `YYYY-MM-DD`."),
    traffic: int("CDN traffic that day."),
    storage: int("Storage that day."),
    operations: int("Operations that day."),
};

const usage: SpecsOf<ProjectUsageDetails> = {
    ...usageArgs,
    units: { type: "object", additionalProperties: { type: "string" }, description: "The unit of each measure." },
    days: {
        type: "array",
        items: { $ref: "#/types/uploadcare:index:ProjectUsageDay" },
        description: "One entry per day.",
    },
};

const managed: SpecsOf<ManagedProjectDetails> = projectOutputs;

const all = (properties: ObjectSpec["properties"], optional: string[] = []): ObjectSpec => ({
    properties,
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
});

export const projectFunctionSchemas = {
    "uploadcare:index:getProjects": {
        description:
            "Every project of the account (`GET /projects/`, all pages), with the Project API token; needs no project keys.",
        outputs: all({
            projects: {
                type: "array",
                items: { $ref: "#/types/uploadcare:index:ManagedProject" },
                description: "The projects, with their settings as a Project reports them.",
            },
        }),
    },
    "uploadcare:index:getProjectUsage": {
        description:
            "A project's daily traffic, storage and operations (`GET /projects/{pub_key}/usage/`), with the Project API token. The range is checked first: real dates, in order, at most 90 days apart.",
        inputs: all(usageArgs),
        outputs: all(usage),
    },
};

export const projectTypeSchemas = {
    "uploadcare:index:ManagedProject": { type: "object", ...all(managed, LIMITS) },
    "uploadcare:index:ProjectUsageDay": { type: "object", ...all(usageDay) },
};
