/**
 * What every Upload API route checks first: the public key ("The Upload API checks the public key before it looks at
 * anything else in the request") and, for projects with signed uploads, `signature` + `expire`
 * (https://uploadcare.com/docs/security/secure-uploads/).
 */
import type { ParsedForm } from "../http/form";
import type { Reply } from "../http/reply";
import type { Project } from "../state/state";
import { type UploadErrorFormat, uploadError } from "./errors";
import { uploadSignatureMatches } from "./signature";
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

/** Signed uploads: `signature` = hex HMAC-SHA256(secret, expire), `expire` = unix seconds in the future. */
function checkSignature(
    deps: UploadDeps,
    fmt: UploadErrorFormat,
    project: Project,
    signature: string | undefined,
    expire: string | undefined,
): Reply | undefined {
    if (!deps.signedUploads) return undefined;
    if (!signature) return uploadError(fmt, "SignatureRequiredError");
    if (!expire) return uploadError(fmt, "SignatureExpirationRequiredError");
    if (!/^\d+$/.test(expire)) return uploadError(fmt, "SignatureExpirationInvalidError");
    if (Number(expire) * 1000 < deps.now().getTime()) return uploadError(fmt, "SignatureExpirationError");
    if (!uploadSignatureMatches(project.secretKey, expire, signature)) return uploadError(fmt, "SignatureInvalidError");
    return undefined;
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
    const signature = fieldOf(form, req.query, "signature");
    const denied = checkSignature(deps, fmt, project, signature, fieldOf(form, req.query, "expire"));
    return denied ?? { form, project };
}
