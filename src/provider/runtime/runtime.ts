/**
 * What every resource provider and lookup in a process shares: settings (stack config, then env), the
 * connection (including `uploadcare:emulator: auto`), one request limiter, the project proof and logging.
 */
import type * as pulumi from "@pulumi/pulumi";
import { type ClientDeps, createClient, Limiter, type UploadcareClient } from "../../client";
import { type EmulatorEndpoint, resolveConnection } from "./connection";
import { defaultProgress } from "./progress";
import { createProjectProof, type ProjectProof } from "./projectProof";
import {
    configuredRestApi,
    type ResolvedSettings,
    type RestApi,
    resolveSettings,
    type SettingSources,
} from "./settings";

export interface RuntimeDeps extends ClientDeps {
    /** Environment for settings fallback (default `process.env`). */
    env?: NodeJS.ProcessEnv;
    /** Starts (once) the local emulator used when `uploadcare:emulator` is "auto" and no key is set. */
    startEmbeddedEmulator?: () => Promise<EmulatorEndpoint>;
    /** Diagnostic lines (retries, recoveries). Never receives secrets. Default: stderr when UPLOADCARE_DEBUG is set. */
    log?: (line: string) => void;
    /**
     * Progress of a long operation, for the user (`logo.mp4: part 4/10`, `site: 1,200/10,000 uploaded`).
     * Default: ./progress.ts (shown in `pulumi up`'s output).
     */
    progress?: (line: string) => void;
    /**
     * `check` validates the settings a create or change will need, and proves the keys (../runtime/preflight.ts).
     * The dynamic provider's runtime sets it; the native plugin checks its config in CheckConfig instead.
     */
    checkSettingsInCheck?: boolean;
}

/** Per-call overrides of the settings (lookups with explicit credentials). */
export type SettingOverrides = Partial<Pick<ResolvedSettings, "publicKey" | "secretKey" | "apiBaseUrl">>;

export interface ProviderRuntime {
    /** `configure()`'s stack config; later calls read settings through it. */
    configure(config: SettingSources["config"] | pulumi.dynamic.Config): void;
    client(operation: string, needsSecret: boolean, overrides?: SettingOverrides): Promise<UploadcareClient>;
    /** A client for a write, after the keys and endpoint are proven (once per process). */
    writer(operation: string, needsSecret?: boolean, overrides?: SettingOverrides): Promise<UploadcareClient>;
    /** The REST API as configured (./settings.ts `configuredRestApi`), as the program sees it too. */
    restApi(): RestApi;
    readonly proof: ProjectProof;
    /** Whether `check` runs `preflight` (`RuntimeDeps.checkSettingsInCheck`). */
    readonly checksSettings: boolean;
    /**
     * Fails as the operation would on its settings: malformed values, a missing key, a bad URL; then proves the
     * keys (the cached `GET /project/`) unless `uploadcare:checkKeysAtPreview` is false. Nothing needs proving
     * for the embedded emulator (`uploadcare:emulator: auto` and no public key), which is not started here.
     */
    preflight(operation: string, needsSecret: boolean, overrides?: SettingOverrides): Promise<void>;
    readonly sleep: (ms: number) => Promise<void>;
    log(line: string): void;
    /** Progress for the user (`RuntimeDeps.progress`). Never receives secrets. */
    progress(line: string): void;
}

export function createRuntime(deps: RuntimeDeps = {}): ProviderRuntime {
    let stackConfig: SettingSources["config"] | undefined;
    let limiter: Limiter | undefined;
    const proof = createProjectProof();
    const log =
        deps.log ??
        ((line: string) => {
            if (process.env.UPLOADCARE_DEBUG) process.stderr.write(`pulumi-uploadcare: ${line}\n`);
        });

    // Read on every call: `configure` may come later, and keys can change between runs.
    const sources = (): SettingSources => ({
        ...(stackConfig ? { config: stackConfig } : {}),
        env: deps.env ?? process.env,
    });

    async function client(operation: string, needsSecret: boolean, overrides: SettingOverrides = {}) {
        const settings = resolveSettings(sources());
        const chosen = { ...settings, ...definedOnly(overrides) };
        limiter ??= deps.limiter ?? new Limiter(settings.maxConcurrency);
        const connection = await resolveConnection(chosen, operation, needsSecret, deps.startEmbeddedEmulator);
        return createClient(connection, {
            ...deps,
            retry: { maxErrorRetries: settings.maxRetries, ...deps.retry },
            timeouts: { requestMs: settings.requestTimeoutMs, ...deps.timeouts },
            limiter,
            onRetry: (event) => {
                log(`retrying ${event.method} ${event.path} in ${event.delayMs} ms (${event.reason})`);
                deps.onRetry?.(event);
            },
        });
    }

    return {
        configure(config) {
            stackConfig = config;
        },
        client,
        restApi: () => configuredRestApi(sources()),
        async writer(operation, needsSecret = true, overrides = {}) {
            const writable = await client(operation, needsSecret, overrides);
            await proof.proveKeys(writable, operation);
            return writable;
        },
        proof,
        checksSettings: deps.checkSettingsInCheck === true,
        async preflight(operation, needsSecret, overrides = {}) {
            const settings = resolveSettings(sources());
            // A resource's own `credentials` name a project: never the embedded emulator's.
            if (!definedOnly(overrides).publicKey && configuredRestApi(sources()).embeddedEmulator) return;
            const checked = await client(operation, needsSecret, overrides);
            if (settings.checkKeysAtPreview) await proof.proveKeys(checked, operation);
        },
        sleep: deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
        log,
        progress: deps.progress ?? defaultProgress(log),
    };
}

function definedOnly<T extends object>(value: T): Partial<T> {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== "")) as Partial<T>;
}

/** The project a resource in state belongs to; state written by 0.1.0 has none: the configured one. */
export function recordedProject(client: UploadcareClient, previous: { project?: string | undefined }): string {
    return previous.project ?? client.config.publicKey;
}
