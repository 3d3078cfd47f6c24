/**
 * The Project API side of a provider process: its own settings (`uploadcare:projectApiToken`,
 * `uploadcare:projectApiBaseUrl`), its own client, and its proof. The REST proof (`GET /project/`, ./projectProof.ts)
 * cannot vouch for a Project API answer: the token is an account's, not a project's. So a Project API 404 means
 * "gone" only after `GET /projects/` succeeds with the same token at the same base URL (once per process, base and
 * token): then the base is the Project API and the token is accepted, and a 404 for one project is that project's
 * absence. Asking whether a 404 means gone is still the lifecycle's (./lifecycle/projectApi.ts).
 */
import type * as pulumi from "@pulumi/pulumi";
import {
    createProjectApiClient,
    DEFAULT_PROJECT_API_BASE_URL,
    Limiter,
    listProjects,
    UploadcareAuthError,
    type UploadcareClient,
    UploadcareConfigError,
    UploadcareError,
    UploadcareNetworkError,
} from "../../client";
import type { RuntimeDeps } from "./runtime";
import { resolveSettings, SETTINGS, type SettingSources } from "./settings";

export interface ProjectApiRuntime {
    configure(config: SettingSources["config"] | pulumi.dynamic.Config): void;
    /** A client with the configured token; fails naming both ways to set it when there is none. */
    client(operation: string): Promise<UploadcareClient>;
    /** A client whose token and base URL are proven (`reached`) before a write. */
    writer(operation: string): Promise<UploadcareClient>;
    /** `GET /projects/` answered with this client's token and base (once per process, base and token). */
    reached(client: UploadcareClient, operation: string): Promise<void>;
    /** `check`'s settings test: the token is set and, unless `uploadcare:checkKeysAtPreview` is false, accepted. */
    preflight(operation: string): Promise<void>;
}

/** The error for a missing token, naming both ways to set it. */
export function missingProjectApiToken(operation: string): UploadcareConfigError {
    const spec = SETTINGS.projectApiToken;
    return new UploadcareConfigError(
        `The Uploadcare ${spec.description} is not set, and ${operation} needs it. Run ` +
            `\`pulumi config set --secret ${spec.key} <value>\` or set the ${spec.env} environment variable.`,
    );
}

export function createProjectApiRuntime(deps: RuntimeDeps = {}): ProjectApiRuntime {
    let stackConfig: SettingSources["config"] | undefined;
    let limiter: Limiter | undefined;
    const proofs = new Map<string, Promise<void>>();
    const sources = (): SettingSources => ({
        ...(stackConfig ? { config: stackConfig } : {}),
        env: deps.env ?? process.env,
    });

    async function client(operation: string): Promise<UploadcareClient> {
        const settings = resolveSettings(sources());
        if (!settings.projectApiToken) throw missingProjectApiToken(operation);
        limiter ??= deps.limiter ?? new Limiter(settings.maxConcurrency);
        return createProjectApiClient(
            { token: settings.projectApiToken, baseUrl: settings.projectApiBaseUrl },
            {
                ...deps,
                retry: { maxErrorRetries: settings.maxRetries, ...deps.retry },
                timeouts: { requestMs: settings.requestTimeoutMs, ...deps.timeouts },
                limiter,
            },
        );
    }

    async function reached(api: UploadcareClient, operation: string): Promise<void> {
        const key = `${api.config.projectApiBaseUrl} ${api.config.projectApiToken}`;
        let proof = proofs.get(key);
        if (!proof) {
            proof = listFirstPage(api);
            proofs.set(key, proof);
            // A failed proof is asked again next time: the network may have been down.
            proof.catch(() => proofs.delete(key));
        }
        try {
            await proof;
        } catch (error) {
            throw refused(api, operation, error);
        }
    }

    return {
        configure(config) {
            stackConfig = config;
        },
        client,
        reached,
        async writer(operation) {
            const api = await client(operation);
            await reached(api, operation);
            return api;
        },
        async preflight(operation) {
            const api = await client(operation);
            if (resolveSettings(sources()).checkKeysAtPreview) await reached(api, operation);
        },
    };
}

async function listFirstPage(api: UploadcareClient): Promise<void> {
    const pages = listProjects(api);
    await pages.next();
    await pages.return(undefined);
}

/** Why `GET /projects/` failed, as the setting to fix. */
function refused(api: UploadcareClient, operation: string, error: unknown): Error {
    const base = api.config.projectApiBaseUrl ?? DEFAULT_PROJECT_API_BASE_URL;
    const token = SETTINGS.projectApiToken;
    if (error instanceof UploadcareNetworkError) {
        error.message += `. ${SETTINGS.projectApiBaseUrl.key} (${base}) could not be reached before ${operation}: check it and the network; nothing was created or changed.`;
        return error;
    }
    if (!UploadcareError.isUploadcareError(error)) return error as Error;
    if (error instanceof UploadcareAuthError) {
        return new UploadcareConfigError(
            `Uploadcare's Project API refused the token before ${operation} (${error.message}). Fix ${token.key} ` +
                `(${token.env}); nothing was created or changed.`,
            { cause: error },
        );
    }
    return new UploadcareConfigError(
        `${SETTINGS.projectApiBaseUrl.key} (${base}) does not answer GET /projects/ like Uploadcare's Project API ` +
            `before ${operation} (${error.message}). Use ${DEFAULT_PROJECT_API_BASE_URL} or the emulator's URL ` +
            `(${SETTINGS.projectApiBaseUrl.env}); nothing was created or changed.`,
        { cause: error },
    );
}
