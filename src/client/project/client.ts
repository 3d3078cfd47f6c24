/**
 * A client of the Project API alone: the account's bearer token and the base URL, with the transport every other
 * call uses (retries, 429 with Retry-After, the limiter, redaction, deadlines).
 */
import type { ClientDeps, UploadcareClient } from "../core/call";
import { DEFAULT_API_BASE_URL, DEFAULT_PROJECT_API_BASE_URL, DEFAULT_UPLOAD_BASE_URL } from "../core/config";
import { createClient } from "../core/transport";

export interface ProjectApiConfig {
    /** The account's Project API token (`uploadcare:projectApiToken`); never logged. */
    token: string;
    /** Default `DEFAULT_PROJECT_API_BASE_URL`; may carry a path. */
    baseUrl?: string;
}

/** A client for the Project API functions only: it has no project keys, so REST and upload calls fail. */
export function createProjectApiClient(config: ProjectApiConfig, deps: ClientDeps = {}): UploadcareClient {
    return createClient(
        {
            publicKey: "",
            apiBaseUrl: DEFAULT_API_BASE_URL,
            uploadBaseUrl: DEFAULT_UPLOAD_BASE_URL,
            projectApiBaseUrl: config.baseUrl ?? DEFAULT_PROJECT_API_BASE_URL,
            projectApiToken: config.token,
        },
        deps,
    );
}
