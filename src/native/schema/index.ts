/**
 * The package schema of the native provider `uploadcare`, served by GetSchema and written to
 * `schema.json` by `npm run plugin:pack`. Everything is derived from, or typed against, the TypeScript
 * definitions (settings, Group, File and Webhook inputs/outputs, lookup results), so the two cannot drift.
 * Format: https://www.pulumi.com/docs/iac/extending-pulumi/schema/
 */
import { type ResolvedSettings, SETTINGS, type SettingName } from "../../provider/runtime/settings";
import { FILE_TOKEN, fileFunctionSchemas, fileResourceSchema } from "./file";
import { GROUP_TOKEN, groupFunctionSchemas, groupResourceSchema, groupTypeSchemas } from "./group";
import {
    PROJECT_SECRET_TOKEN,
    PROJECT_TOKEN,
    projectFunctionSchemas,
    projectResourceSchema,
    projectSecretResourceSchema,
    projectTypeSchemas,
} from "./project";
import { SYNCED_FOLDER_TOKEN, syncedFolderResourceSchema, syncedFolderTypeSchemas } from "./syncedFolder";
import { bool, int, type PropertySpec, type SpecsOf, str } from "./types";
import { WEBHOOK_TOKEN, webhookResourceSchema } from "./webhook";

/** Each setting's schema type, checked against what `resolveSettings` returns for it. */
const SETTING_SPECS: SpecsOf<ResolvedSettings> = {
    publicKey: str(""),
    secretKey: str(""),
    apiBaseUrl: str(""),
    uploadBaseUrl: str(""),
    signUploads: str(""),
    projectApiToken: str(""),
    projectApiBaseUrl: str(""),
    maxConcurrency: int(""),
    maxRetries: int(""),
    requestTimeoutMs: int(""),
    checkKeysAtPreview: bool(""),
    emulator: str(""),
};

/** The provider's configuration: every setting, described as in SETTINGS, with its env fallback named. */
export function configProperties(): Record<SettingName, PropertySpec> {
    const entries = (Object.keys(SETTINGS) as SettingName[]).map((name) => {
        const setting = SETTINGS[name];
        const spec: PropertySpec = {
            ...SETTING_SPECS[name],
            description: `The ${setting.description}. Falls back to the ${setting.env} environment variable.`,
            ...(setting.secret ? { secret: true } : {}),
        };
        return [name, spec] as const;
    });
    return Object.fromEntries(entries) as Record<SettingName, PropertySpec>;
}

export interface PackageSchema {
    name: string;
    version: string;
    resources: Record<string, unknown>;
    functions: Record<string, unknown>;
    [key: string]: unknown;
}

export function packageSchema(version: string): PackageSchema {
    const config = configProperties();
    return {
        name: "uploadcare",
        displayName: "Uploadcare",
        version,
        description: "Manage Uploadcare files, file groups and webhooks (native provider plugin of pulumi-uploadcare).",
        keywords: ["pulumi", "uploadcare", "category/utility"],
        license: "MIT",
        repository: "https://github.com/pulumi-uploadcare/pulumi-uploadcare",
        config: { variables: config },
        provider: {
            description:
                "The Uploadcare provider. Each setting falls back to its UPLOADCARE_* environment variable inside the provider process, so values taken from the environment never reach the state.",
            inputProperties: config,
        },
        resources: {
            [GROUP_TOKEN]: groupResourceSchema,
            [FILE_TOKEN]: fileResourceSchema,
            [WEBHOOK_TOKEN]: webhookResourceSchema,
            [PROJECT_TOKEN]: projectResourceSchema,
            [PROJECT_SECRET_TOKEN]: projectSecretResourceSchema,
            [SYNCED_FOLDER_TOKEN]: syncedFolderResourceSchema,
        },
        functions: { ...groupFunctionSchemas, ...fileFunctionSchemas, ...projectFunctionSchemas },
        types: { ...groupTypeSchemas, ...projectTypeSchemas, ...syncedFolderTypeSchemas },
        language: {
            nodejs: {
                packageName: "pulumi-uploadcare-native",
                packageDescription: "Generated SDK of the native Uploadcare provider (not published).",
                respectSchemaVersion: true,
            },
            python: { packageName: "pulumi_uploadcare_native", respectSchemaVersion: true },
        },
    };
}
