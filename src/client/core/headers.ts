/** Request headers: the User-Agent, and for REST the Accept version, the Date and the signature. */

import type { ApiCall } from "./call";
import type { ClientConfig } from "./config";
import { UploadcareConfigError } from "./errors";
import { httpDate, signRequest } from "./sign";

const REST_ACCEPT = "application/vnd.uploadcare-v0.7+json";

export function headersFor(call: ApiCall, config: ClientConfig, userAgent: string, now: Date): Record<string, string> {
    const headers: Record<string, string> = { "user-agent": userAgent };
    if (call.contentType) headers["content-type"] = call.contentType;
    if (call.api === "upload") return headers;
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
