/**
 * Request headers: the User-Agent; for REST the Accept version, the Date and the signature; for the Project API its
 * bearer token; for Upload API uploads of a project with signed uploads, a JWT.
 */

import type { ApiCall } from "./call";
import { type ClientConfig, uploadSigning } from "./config";
import { UploadcareConfigError } from "./errors";
import { httpDate, signRequest, uploadToken, uploadTokenScope } from "./sign";

const REST_ACCEPT = "application/vnd.uploadcare-v0.7+json";

/**
 * How long an upload token lives: a token is minted for each request as it is sent, so it needs to outlive that one
 * request only; 10 minutes is the default request deadline (Uploadcare allows up to 24 hours).
 */
export const UPLOAD_TOKEN_TTL_SECONDS = 600;

/**
 * `iat` is back-dated by this much: Uploadcare refuses a token issued in its future
 * (https://uploadcare.com/docs/api/upload/authentication/), and this machine's clock may run a little ahead.
 */
export const UPLOAD_TOKEN_CLOCK_ALLOWANCE_SECONDS = 60;

/**
 * The Project API sends no Accept or version header and a content type only with a body, as uploadcare-go does
 * (https://github.com/uploadcare/uploadcare-go, `ucare/projectapi.go`).
 */
function projectApiHeaders(call: ApiCall, config: ClientConfig, headers: Record<string, string>) {
    if (!config.projectApiToken) {
        throw new UploadcareConfigError(
            `${call.method} ${call.path.split("?")[0]} is a Project API call and needs the account's bearer token: ` +
                "set uploadcare:projectApiToken (as a secret) or UPLOADCARE_PROJECT_API_TOKEN.",
        );
    }
    headers.authorization = `Bearer ${config.projectApiToken}`;
    return headers;
}

/**
 * A JWT for an upload POST of a project with signed uploads (`signUploads` true or "jwt"), scoped to the endpoint.
 * Never for a part PUT to its presigned URL (`url`): that goes to storage, not to Uploadcare.
 */
function uploadAuthorization(call: ApiCall, config: ClientConfig, now: Date): string | undefined {
    if (uploadSigning(config) !== "jwt" || !config.secretKey || call.method !== "POST" || call.url !== undefined)
        return undefined;
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const scope = uploadTokenScope(call.path);
    const claims = {
        iat: nowSeconds - UPLOAD_TOKEN_CLOCK_ALLOWANCE_SECONDS,
        exp: nowSeconds + UPLOAD_TOKEN_TTL_SECONDS,
        ...(scope ? { scope } : {}),
    };
    return `Bearer ${uploadToken(config.secretKey, claims)}`;
}

export function headersFor(call: ApiCall, config: ClientConfig, userAgent: string, now: Date): Record<string, string> {
    const headers: Record<string, string> = { "user-agent": userAgent };
    if (call.contentType) headers["content-type"] = call.contentType;
    if (call.api === "project") return projectApiHeaders(call, config, headers);
    if (call.api === "upload") {
        const authorization = uploadAuthorization(call, config, now);
        if (authorization) headers.authorization = authorization;
        return headers;
    }
    if (!config.secretKey) {
        throw new UploadcareConfigError(
            `${call.method} ${call.path.split("?")[0]} is a REST API call and needs the secret key: set uploadcare:secretKey or UPLOADCARE_SECRET_KEY.`,
        );
    }
    // REST: the content type is part of what is signed, so it is sent even on empty bodies, as every
    // official client does (https://uploadcare.com/docs/api/rest/authentication/).
    const contentType = call.contentType ?? "application/json";
    const date = httpDate(now);
    headers.accept = REST_ACCEPT;
    headers["content-type"] = contentType;
    headers.date = date;
    if (config.authScheme === "simple") {
        headers.authorization = `Uploadcare.Simple ${config.publicKey}:${config.secretKey}`;
    } else {
        if (typeof call.body === "function") {
            throw new UploadcareConfigError(
                `${call.method} ${call.path}: REST bodies are signed, so they cannot be streams`,
            );
        }
        const signature = signRequest(
            { method: call.method, body: call.body ?? "", contentType, date, uri: call.path },
            config.secretKey,
        );
        headers.authorization = `Uploadcare ${config.publicKey}:${signature}`;
    }
    return headers;
}
