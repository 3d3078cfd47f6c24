/**
 * The resource types the native plugin serves, each over the same provider module the dynamic
 * provider uses. Adding a type is one entry here plus its schema.
 */
import type * as pulumi from "@pulumi/pulumi";
import { UploadcareNotFoundError } from "../client";
import { createFileProvider } from "../provider/file/provider";
import { createGroupProvider } from "../provider/group/provider";
import { SETTINGS_INPUTS } from "../provider/project/inputs";
import { createProjectProvider } from "../provider/project/provider";
import { createProjectSecretProvider } from "../provider/projectSecret/provider";
import { createProjectApiRuntime, type ProjectApiRuntime } from "../provider/runtime/projectApi";
import type { ProviderRuntime } from "../provider/runtime/runtime";
import { createSyncedFolderProvider } from "../provider/syncedFolder/provider";
import { createWebhookProvider } from "../provider/webhook/provider";
import { FILE_TOKEN } from "./schema/file";
import { GROUP_TOKEN } from "./schema/group";
import { PROJECT_SECRET_TOKEN, PROJECT_TOKEN } from "./schema/project";
import { SYNCED_FOLDER_TOKEN } from "./schema/syncedFolder";
import { WEBHOOK_TOKEN } from "./schema/webhook";
import { type ExpandedInputs, expandSyncedFolderInputs, withFilesOutput } from "./syncedFolder";
import type { PropertyMap } from "./values";

/** The dynamic-provider shape the shared modules implement (configure is the plugin's own). */
export type ResourceOps = Required<
    Pick<pulumi.dynamic.ResourceProvider, "check" | "diff" | "create" | "read" | "update" | "delete">
>;

export interface NativeResource {
    ops: ResourceOps;
    /**
     * Properties always stored as secrets (a webhook's signing secret), whatever the program marked:
     * in the outputs, and in the checked inputs when the type also takes them as input.
     */
    secretOutputs: readonly string[];
    /**
     * For `pulumi import` when `read` gives outputs only: the inputs the engine records (and prints as code).
     * The engine refuses an import whose Read answers no inputs.
     */
    importInputs?: (outputs: PropertyMap) => PropertyMap;
    /** For `pulumi import` when `read` answers an empty id: the error that names the missing resource. */
    missing?: (id: string) => Promise<Error>;
    /**
     * Outputs an in-place update never changes: an update's preview answers them from the old state, so what a
     * program chains from them (a File's `uuid` into a Group) stays known and is not shown as replaced.
     */
    stableOutputs: readonly string[];
    /**
     * Check's first step, for a type whose program inputs are not yet the module's (a SyncedFolder's folder is
     * hashed here, as the TypeScript class does in the program): the module's inputs, and failures naming fields.
     */
    expandInputs?: (news: PropertyMap, urn: string) => Promise<ExpandedInputs>;
    /** Map inputs whose preview names each changed entry rather than the whole map (a SyncedFolder's manifest). */
    entryDiffs?: readonly string[];
}

const pickDefined = (outputs: PropertyMap, keys: readonly string[]): PropertyMap =>
    Object.fromEntries(keys.filter((key) => outputs[key] !== undefined).map((key) => [key, outputs[key]]));

/** An imported file's inputs: its bytes are unknown, so only what describes them in place. */
function fileImportInputs(outputs: PropertyMap): PropertyMap {
    // The file's tags, so the generated code keeps them (an `up` without `tags` would clear them); none: no input.
    const tagged = Array.isArray(outputs.tags) && outputs.tags.length > 0;
    return pickDefined(outputs, ["sourceUrl", "filename", "store", "metadata", ...(tagged ? ["tags"] : [])]);
}

/** An imported webhook's inputs; the signing secret stays in the (secret) outputs, never in generated code. */
function webhookImportInputs(outputs: PropertyMap): PropertyMap {
    return pickDefined(outputs, ["targetUrl", "event", "isActive"]);
}

/** An imported project's inputs: its name and every setting as Uploadcare reports it (the id is the public key). */
function projectImportInputs(outputs: PropertyMap): PropertyMap {
    return pickDefined(outputs, SETTINGS_INPUTS);
}

/** The project read answered "gone" (a proven 404: unknown or soft-deleted): name it. */
async function missingProject(projectApi: ProjectApiRuntime, id: string): Promise<Error> {
    const { config } = await projectApi.client("importing a project");
    return new UploadcareNotFoundError({
        method: "GET",
        path: `/projects/${id}/`,
        origin: new URL(config.projectApiBaseUrl ?? "https://api.uploadcare.com/").origin,
        status: 404,
        detail: `Cannot import project ${id}: the token's account has no such project (or it was deleted). getProjects lists the account's projects.`,
    });
}

/** The file read answered "gone" (a 404 or a removed file, with the project proven): name it. */
async function missingFile(runtime: ProviderRuntime, id: string): Promise<Error> {
    const { config } = await runtime.client("importing a file", true);
    return new UploadcareNotFoundError({
        method: "GET",
        path: `/files/${id}/`,
        origin: new URL(config.apiBaseUrl).origin,
        status: 404,
        detail: `Cannot import file ${id}: project ${config.publicKey} has no such file. It was deleted or belongs to another project (check the keys).`,
    });
}

/** Every type by its token, sharing the process's runtime (one config, limiter and project proof). */
export function createResources(
    runtime: ProviderRuntime,
    projectApi: ProjectApiRuntime = createProjectApiRuntime(),
): Map<string, NativeResource> {
    const projectDeps = { runtime, projectApi };
    return new Map<string, NativeResource>([
        [
            GROUP_TOKEN,
            {
                ops: createGroupProvider({ runtime }),
                secretOutputs: [],
                // An update changes only `storeFiles`, an input.
                stableOutputs: ["cdnUrl", "datetimeCreated", "files", "filesCount", "url", "removedFiles", "project"],
            },
        ],
        [
            FILE_TOKEN,
            {
                ops: createFileProvider({ runtime }),
                secretOutputs: [],
                // `metadata` and `store` come from the new inputs; storing may change datetimeStored and isReady.
                stableOutputs: [
                    "uuid",
                    "cdnUrl",
                    "size",
                    "mimeType",
                    "originalFilename",
                    "isImage",
                    "datetimeUploaded",
                    "contentSha256",
                    "contentType",
                    "project",
                ],
                importInputs: fileImportInputs,
                missing: (id) => missingFile(runtime, id),
            },
        ],
        [
            WEBHOOK_TOKEN,
            {
                ops: createWebhookProvider({ runtime }),
                secretOutputs: ["signingSecret"],
                // The settings come from the new inputs; `updated` changes.
                stableOutputs: ["webhookId", "created", "version", "project"],
                importInputs: webhookImportInputs,
            },
        ],
        [
            PROJECT_TOKEN,
            {
                ops: createProjectProvider(projectDeps),
                secretOutputs: [],
                // The settings come from the new inputs.
                stableOutputs: ["pubKey", "cdnBaseUrl", "isBlocked"],
                importInputs: projectImportInputs,
                missing: (id) => missingProject(projectApi, id),
            },
        ],
        [
            PROJECT_SECRET_TOKEN,
            {
                ops: createProjectSecretProvider(projectDeps),
                secretOutputs: ["secret"],
                // Never updated in place: every change replaces.
                stableOutputs: ["project", "secretId", "hint", "secret"],
            },
        ],
        [
            SYNCED_FOLDER_TOKEN,
            {
                ops: withFilesOutput(createSyncedFolderProvider({ runtime })),
                secretOutputs: [],
                // Every sync rewrites entries, totals and syncedAt; the key and the project stay.
                stableOutputs: ["syncKey", "project", "cdnBase"],
                expandInputs: (news, urn) => expandSyncedFolderInputs(news, urn),
                entryDiffs: ["manifest"],
            },
        ],
    ]);
}
