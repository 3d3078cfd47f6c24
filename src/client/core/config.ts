import { UploadcareConfigError } from "./errors";

export const DEFAULT_API_BASE_URL = "https://api.uploadcare.com";
export const DEFAULT_UPLOAD_BASE_URL = "https://upload.uploadcare.com";
/**
 * The Project API has no published reference, and its two official users disagree on the base. uploadcare-go, the
 * only code that sends these requests (the CLI calls it), requests `https://api.uploadcare.com/projects/…` and
 * asserts that URL in its tests (https://github.com/uploadcare/uploadcare-go, `ucare/projectapi.go` and
 * `ucare/projectapi_test.go`), while the CLI's documented setting defaults to
 * `https://api.uploadcare.com/apps/api/project-api/v1/` without reading it
 * (https://uploadcare.com/docs/cli/reference/project/). The requests that are actually sent win. Every endpoint
 * path (`/projects/…`) is relative to this base, so `uploadcare:projectApiBaseUrl` may carry a path such as
 * `/apps/api/project-api/v1/` if that turns out to be the real one.
 */
export const DEFAULT_PROJECT_API_BASE_URL = "https://api.uploadcare.com/";

/**
 * `signUploads`: `true` or `jwt` is the current scheme, a token; `legacy` sends `signature` + `expire`; `false` or
 * `off` signs nothing.
 */
export type SignUploads = boolean | "off" | "legacy" | "jwt";

/** The scheme uploads are signed with, if any. */
export function uploadSigning(config: Pick<ClientConfig, "signUploads">): "jwt" | "legacy" | undefined {
    const value = config.signUploads;
    if (value === true || value === "jwt") return "jwt";
    return value === "legacy" ? "legacy" : undefined;
}

/** Everything the client needs to talk to one Uploadcare project. */
export interface ClientConfig {
    publicKey: string;
    /** Needed for every REST call and for signed uploads; never logged. */
    secretKey?: string;
    apiBaseUrl: string;
    uploadBaseUrl: string;
    /**
     * `signed` (default): HMAC-SHA1 request signatures. `simple`: `Uploadcare.Simple pub:secret`, which
     * sends the secret itself and is therefore refused over plain http.
     */
    authScheme?: "signed" | "simple";
    /**
     * Sign Upload API calls (projects with signed uploads enabled): `true` or `jwt` sends a short-lived JWT as
     * `Authorization: Bearer`; `legacy` sends the `signature` and `expire` fields
     * (https://uploadcare.com/docs/api/upload/authentication/).
     */
    signUploads?: SignUploads;
    /** The Project API's base URL (default `DEFAULT_PROJECT_API_BASE_URL`); it may carry a path. */
    projectApiBaseUrl?: string;
    /** The account-level bearer token of the Project API; never logged. */
    projectApiToken?: string;
}

type BaseUrlSetting = "apiBaseUrl" | "uploadBaseUrl" | "projectApiBaseUrl";

const EXAMPLES: Record<BaseUrlSetting, string> = {
    apiBaseUrl: DEFAULT_API_BASE_URL,
    uploadBaseUrl: DEFAULT_UPLOAD_BASE_URL,
    projectApiBaseUrl: DEFAULT_PROJECT_API_BASE_URL,
};

/** The base URL a call of `api` goes to, and the setting that names it. */
export function baseUrlOf(config: ClientConfig, api: "rest" | "upload" | "project"): { url: string; setting: string } {
    if (api === "rest") return { url: config.apiBaseUrl, setting: "uploadcare:apiBaseUrl" };
    if (api === "upload") return { url: config.uploadBaseUrl, setting: "uploadcare:uploadBaseUrl" };
    return { url: config.projectApiBaseUrl ?? DEFAULT_PROJECT_API_BASE_URL, setting: "uploadcare:projectApiBaseUrl" };
}

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]", "::1"]);

export function isLoopbackHost(hostname: string): boolean {
    return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** A base URL as messages may show it: no userinfo, no query or fragment (they may hold credentials). */
export function safeUrlText(value: string): string {
    try {
        const url = new URL(value);
        url.username = "";
        url.password = "";
        url.search = "";
        url.hash = "";
        return url.toString();
    } catch {
        return value.replace(/\/\/[^/]*@/, "//").replace(/[?#].*$/s, "");
    }
}

/**
 * Parses a base URL and refuses what would leak credentials: anything but http(s), and plain http to a
 * host that is not loopback (the local emulator is the only reason to use http).
 */
export function parseBaseUrl(value: string, setting: BaseUrlSetting): URL {
    const example = EXAMPLES[setting];
    const shown = safeUrlText(value);
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        throw new UploadcareConfigError(`${setting} is not a valid URL: "${shown}". Use e.g. ${example}.`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
        throw new UploadcareConfigError(
            `${setting} must be an https:// URL such as ${example}, got "${url.protocol}".`,
        );
    }
    if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
        throw new UploadcareConfigError(
            `${setting} uses plain http to ${url.hostname}, which would expose requests to the network. ` +
                "Use https://, or http:// only for a loopback emulator (127.0.0.1, localhost).",
        );
    }
    if (url.username || url.password) {
        throw new UploadcareConfigError(
            `${setting} must not carry a user name or password: "${shown}". Use e.g. ${example}.`,
        );
    }
    if (url.search || url.hash) {
        throw new UploadcareConfigError(
            `${setting} must not have a query or fragment: "${shown}". Use e.g. ${example}.`,
        );
    }
    return url;
}

/** Checks a whole config before any request is sent. */
export function validateClientConfig(config: ClientConfig): void {
    parseBaseUrl(config.apiBaseUrl, "apiBaseUrl");
    parseBaseUrl(config.uploadBaseUrl, "uploadBaseUrl");
    if (config.projectApiBaseUrl !== undefined) parseBaseUrl(config.projectApiBaseUrl, "projectApiBaseUrl");
    if (config.authScheme === "simple" && new URL(config.apiBaseUrl).protocol === "http:") {
        throw new UploadcareConfigError(
            'authScheme "simple" sends the secret key in clear text and is refused over http; use the default "signed".',
        );
    }
    if (uploadSigning(config) && !config.secretKey) {
        throw new UploadcareConfigError(
            "signUploads needs the secret key: set uploadcare:secretKey or UPLOADCARE_SECRET_KEY.",
        );
    }
}

/** Joins a base URL (which may carry a path prefix) with an API path such as `/groups/`. */
export function joinUrl(base: string, pathAndQuery: string): URL {
    const url = new URL(base);
    const prefix = url.pathname.replace(/\/+$/, "");
    const [path = "", query] = pathAndQuery.split("?", 2) as [string, string | undefined];
    url.pathname = prefix + path;
    url.search = query ? `?${query}` : "";
    return url;
}
