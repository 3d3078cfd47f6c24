import {
    DEFAULT_API_BASE_URL,
    DEFAULT_PROJECT_API_BASE_URL,
    DEFAULT_REQUEST_TIMEOUT_MS,
    DEFAULT_UPLOAD_BASE_URL,
    UploadcareConfigError,
} from "../../client";

/**
 * Provider settings: stack config first (`uploadcare:<key>`), then the environment variable. They are
 * read at run time inside the provider process, never captured into the serialized provider, so keys can
 * be rotated between `up` and `destroy` and never land in `__provider`.
 */
export interface SettingSpec {
    key: string;
    env: string;
    /** Other variables read after `env`: the official Uploadcare CLI's names (https://uploadcare.com/docs/cli/configuration/). */
    envAliases?: readonly string[];
    secret: boolean;
    description: string;
}

export const SETTINGS = {
    publicKey: {
        key: "uploadcare:publicKey",
        env: "UPLOADCARE_PUBLIC_KEY",
        secret: false,
        description: "project public key",
    },
    secretKey: {
        key: "uploadcare:secretKey",
        env: "UPLOADCARE_SECRET_KEY",
        secret: true,
        description: "project secret key",
    },
    apiBaseUrl: {
        key: "uploadcare:apiBaseUrl",
        env: "UPLOADCARE_API_BASE_URL",
        envAliases: ["UPLOADCARE_REST_API_BASE"],
        secret: false,
        description: "REST API base URL",
    },
    uploadBaseUrl: {
        key: "uploadcare:uploadBaseUrl",
        env: "UPLOADCARE_UPLOAD_BASE_URL",
        envAliases: ["UPLOADCARE_UPLOAD_API_BASE"],
        secret: false,
        description: "Upload API base URL",
    },
    signUploads: {
        key: "uploadcare:signUploads",
        env: "UPLOADCARE_SIGN_UPLOADS",
        secret: false,
        description:
            'sign Upload API calls (projects with signed uploads on): true or "jwt" sends a short-lived token, "legacy" the signature and expire fields, false nothing',
    },
    maxConcurrency: {
        key: "uploadcare:maxConcurrency",
        env: "UPLOADCARE_MAX_CONCURRENCY",
        secret: false,
        description: "requests in flight at once",
    },
    maxRetries: {
        key: "uploadcare:maxRetries",
        env: "UPLOADCARE_MAX_RETRIES",
        secret: false,
        description: "retries after a 5xx or a network error",
    },
    requestTimeoutMs: {
        key: "uploadcare:requestTimeoutMs",
        env: "UPLOADCARE_REQUEST_TIMEOUT_MS",
        secret: false,
        description: "deadline in milliseconds for one request, its whole response included",
    },
    checkKeysAtPreview: {
        key: "uploadcare:checkKeysAtPreview",
        env: "UPLOADCARE_CHECK_KEYS_AT_PREVIEW",
        secret: false,
        description: "prove the keys with one GET /project/ when a preview finds a resource to create or change",
    },
    projectApiToken: {
        key: "uploadcare:projectApiToken",
        env: "UPLOADCARE_PROJECT_API_TOKEN",
        secret: true,
        description: "Project API token of the account (projects and their secret keys)",
    },
    projectApiBaseUrl: {
        key: "uploadcare:projectApiBaseUrl",
        env: "UPLOADCARE_PROJECT_API_BASE_URL",
        secret: false,
        description: `Project API base URL (default ${DEFAULT_PROJECT_API_BASE_URL}; it may carry a path)`,
    },
    emulator: {
        key: "uploadcare:emulator",
        env: "UPLOADCARE_EMULATOR",
        secret: false,
        description: '"auto": use an embedded local emulator when no public key is set',
    },
} as const satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTINGS;

/** Where values come from: `configure()`'s stack config, then the environment. */
export interface SettingSources {
    config?: { get(key: string): string | undefined };
    env?: NodeJS.ProcessEnv;
}

export interface ResolvedSettings {
    publicKey: string | undefined;
    secretKey: string | undefined;
    apiBaseUrl: string;
    uploadBaseUrl: string;
    /** "jwt" for `true`, "off" for `false`. */
    signUploads: "off" | "legacy" | "jwt";
    projectApiToken: string | undefined;
    projectApiBaseUrl: string;
    maxConcurrency: number;
    maxRetries: number;
    requestTimeoutMs: number;
    checkKeysAtPreview: boolean;
    emulator: "off" | "auto";
}

function lookup(sources: SettingSources, spec: SettingSpec): string | undefined {
    let value: string | undefined;
    try {
        value = sources.config?.get(spec.key);
    } catch {
        value = undefined;
    }
    const env = sources.env ?? process.env;
    // Stack config first, then our variable, then the Uploadcare CLI's name for the same setting.
    for (const name of [spec.env, ...(spec.envAliases ?? [])]) {
        if (value !== undefined && value.trim() !== "") break;
        value = env[name];
    }
    return value === undefined || value.trim() === "" ? undefined : value.trim();
}

const isAuto = (text: string | undefined) => text !== undefined && /^(auto|true)$/i.test(text);

function parseBoolean(value: string | undefined, spec: SettingSpec): boolean | undefined {
    if (value === undefined) return undefined;
    if (/^(true|1|yes)$/i.test(value)) return true;
    if (/^(false|0|no)$/i.test(value)) return false;
    throw new UploadcareConfigError(`${spec.key} / ${spec.env} must be true or false, got "${value}".`);
}

/** `signUploads`: a boolean (true is the current scheme, a token), or the scheme by name. */
function parseSigning(value: string | undefined): "off" | "legacy" | "jwt" {
    if (value !== undefined && /^(legacy|jwt|off)$/i.test(value))
        return value.toLowerCase() as "legacy" | "jwt" | "off";
    const spec = SETTINGS.signUploads;
    if (value !== undefined && !/^(true|1|yes|false|0|no)$/i.test(value)) {
        throw new UploadcareConfigError(
            `${spec.key} / ${spec.env} must be true, false, "jwt" or "legacy", got "${value}".`,
        );
    }
    return parseBoolean(value, spec) ? "jwt" : "off";
}

/** A whole-number setting within [min, max], or `fallback` when unset. */
function wholeNumber(sources: SettingSources, spec: SettingSpec, fallback: number, min: number, max: number): number {
    const text = lookup(sources, spec);
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
        throw new UploadcareConfigError(
            `${spec.key} / ${spec.env} must be a whole number from ${min} to ${max}, got "${text}".`,
        );
    }
    return value;
}

/**
 * Requests in flight at once when `uploadcare:maxConcurrency` is not set. Uploadcare documents no numeric rate
 * limit: both APIs answer 429 with `Retry-After` when a project sends too much (REST API v0.7.0 and Upload API
 * references, https://uploadcare.com/api-refs/rest-api/v0.7.0/ and https://uploadcare.com/api-refs/upload-api/;
 * their own SDKs retry on it, e.g. https://github.com/uploadcare/pyuploadcare/pull/213), and Uploadcare's JS upload
 * client sends at most 4 requests at once per upload (`maxConcurrentRequests: 4`,
 * https://github.com/uploadcare/uploadcare-js-api-clients/blob/master/packages/upload-client/src/defaultSettings.ts).
 * 16 matches the keep-alive pool (16 connections per origin, client/dispatcher.ts) and Pulumi's default
 * `--parallel` on a 4-core machine; more would only queue inside the pool. 429s are retried after `Retry-After`.
 * `npm run bench` measures it with 100 ms added to every response (bench/README.md, "Latency").
 */
export const DEFAULT_MAX_CONCURRENCY = 16;

/** Resolves every setting. Throws only for values that are present but malformed. */
export function resolveSettings(sources: SettingSources): ResolvedSettings {
    const maxConcurrency = wholeNumber(sources, SETTINGS.maxConcurrency, DEFAULT_MAX_CONCURRENCY, 1, 64);
    const maxRetries = wholeNumber(sources, SETTINGS.maxRetries, 4, 0, 20);
    // One second to one day: below, no upload could finish; above, a stuck request would outlast any CI job.
    const requestTimeoutMs = wholeNumber(
        sources,
        SETTINGS.requestTimeoutMs,
        DEFAULT_REQUEST_TIMEOUT_MS,
        1_000,
        86_400_000,
    );
    const emulatorText = lookup(sources, SETTINGS.emulator);
    if (emulatorText !== undefined && !/^(auto|off|false|true)$/i.test(emulatorText)) {
        throw new UploadcareConfigError(
            `${SETTINGS.emulator.key} / ${SETTINGS.emulator.env} must be "auto" or "off", got "${emulatorText}".`,
        );
    }
    return {
        publicKey: lookup(sources, SETTINGS.publicKey),
        secretKey: lookup(sources, SETTINGS.secretKey),
        apiBaseUrl: lookup(sources, SETTINGS.apiBaseUrl) ?? DEFAULT_API_BASE_URL,
        uploadBaseUrl: lookup(sources, SETTINGS.uploadBaseUrl) ?? DEFAULT_UPLOAD_BASE_URL,
        signUploads: parseSigning(lookup(sources, SETTINGS.signUploads)),
        projectApiToken: lookup(sources, SETTINGS.projectApiToken),
        projectApiBaseUrl: lookup(sources, SETTINGS.projectApiBaseUrl) ?? DEFAULT_PROJECT_API_BASE_URL,
        maxConcurrency,
        maxRetries,
        requestTimeoutMs,
        checkKeysAtPreview:
            parseBoolean(lookup(sources, SETTINGS.checkKeysAtPreview), SETTINGS.checkKeysAtPreview) ?? true,
        emulator: isAuto(emulatorText) ? "auto" : "off",
    };
}

export interface RestApi {
    apiBaseUrl: string;
    embeddedEmulator: boolean;
}

/**
 * The REST API as configured, and whether an embedded emulator takes its place (`uploadcare:emulator: auto` with
 * no public key). Reads only these settings and validates nothing, so the Group class can call it in the program
 * to rebuild its `url` output exactly as the provider would compare it.
 */
export function configuredRestApi(sources: SettingSources): RestApi {
    return {
        apiBaseUrl: lookup(sources, SETTINGS.apiBaseUrl) ?? DEFAULT_API_BASE_URL,
        embeddedEmulator:
            lookup(sources, SETTINGS.publicKey) === undefined && isAuto(lookup(sources, SETTINGS.emulator)),
    };
}

/** The error for a missing setting names both ways to set it. */
export function missingSetting(name: "publicKey" | "secretKey", operation: string): UploadcareConfigError {
    const spec = SETTINGS[name];
    const how = spec.secret
        ? `pulumi config set --secret ${spec.key} <value>`
        : `pulumi config set ${spec.key} <value>`;
    return new UploadcareConfigError(
        `Uploadcare ${spec.description} is not set, and ${operation} needs it. Run \`${how}\` or set the ${spec.env} environment variable.`,
    );
}
