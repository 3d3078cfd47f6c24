/**
 * What every Upload API route checks first: the public key ("The Upload API checks the public key before it looks at
 * anything else in the request") and, for projects with signed uploads, a token or `signature` + `expire`
 * (https://uploadcare.com/docs/api/upload/authentication/).
 */
import type { ParsedForm } from "../http/form";
import type { Reply } from "../http/reply";
import { type Project, usedSecret } from "../state/projects";
import { type UploadErrorFormat, uploadError } from "./errors";
import { uploadSignatureMatches } from "./signature";
import { bearerOf, checkUploadToken } from "./token";
import type { UploadDeps, UploadRequest } from "./types";

/** Form fields first, then the query string (clients put `jsonerrors`, sometimes `pub_key`, in the query). */
export function fieldOf(form: ParsedForm, query: URLSearchParams, name: string): string | undefined {
    return form.fields.find(([k]) => k === name)?.[1] ?? query.get(name) ?? undefined;
}

function readForm(req: UploadRequest, fmt: UploadErrorFormat): ParsedForm | Reply {
    return req.form ?? uploadError(fmt, "PostRequestParserFailedError");
}

/** "The Upload API checks the public key before it looks at anything else in the request." */
export function projectFor(
    deps: UploadDeps,
    fmt: UploadErrorFormat,
    field: string,
    value: string | undefined,
): Project | Reply {
    if (!value) return uploadError(fmt, "ProjectPublicKeyRequiredError", field);
    return deps.state.project(value) ?? uploadError(fmt, "ProjectPublicKeyInvalidError", field);
}

/**
 * Signed uploads, for projects that have them on: a token in `Authorization: Bearer` (./token.ts), or the legacy
 * `signature` = hex HMAC-SHA256(secret, expire) with `expire` = unix seconds in the future. "If a request carries
 * both a signature and an Authorization header, the signature is checked and the header is ignored."
 */
function checkSignature(
    req: UploadRequest,
    deps: UploadDeps,
    fmt: UploadErrorFormat,
    project: Project,
    form: ParsedForm,
): Reply | undefined {
    if (!project.features.uploads.is_signed_upload_enabled) return undefined;
    const signature = fieldOf(form, req.query, "signature");
    const bearer = bearerOf(req.headers?.authorization);
    if (!signature && bearer !== undefined) return checkUploadToken(bearer, project, req.path, deps.now(), fmt);
    const expire = fieldOf(form, req.query, "expire");
    if (!signature) return uploadError(fmt, "SignatureRequiredError");
    if (!expire) return uploadError(fmt, "SignatureExpirationRequiredError");
    if (!/^\d+$/.test(expire)) return uploadError(fmt, "SignatureExpirationInvalidError");
    if (Number(expire) * 1000 < deps.now().getTime()) return uploadError(fmt, "SignatureExpirationError");
    const matches = (secret: string) => uploadSignatureMatches(secret, expire, signature);
    return usedSecret(project, deps.now(), matches) ? undefined : uploadError(fmt, "SignatureInvalidError");
}

export const isReply = (v: unknown): v is Reply => typeof v === "object" && v !== null && "status" in v && "body" in v;

/** The form of an upload, once its public key (in `keyField`) and, for signed uploads, its signature pass. */
export function authorizedForm(
    req: UploadRequest,
    deps: UploadDeps,
    fmt: UploadErrorFormat,
    keyField: string,
): { form: ParsedForm; project: Project } | Reply {
    const form = readForm(req, fmt);
    if (isReply(form)) return form;
    const project = projectFor(deps, fmt, keyField, fieldOf(form, req.query, keyField));
    if (isReply(project)) return project;
    return checkSignature(req, deps, fmt, project, form) ?? { form, project };
}
