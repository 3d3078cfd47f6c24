/**
 * The emulator's own check of Upload API tokens, written from the docs
 * (https://uploadcare.com/docs/api/upload/authentication/) and never from the client's minting code: a JWT in
 * `Authorization: Bearer`, HS256 keyed with the raw SHA-256 digest of any of the project's secret keys; `iat`
 * required and not in the future, `exp` (when present) in the future and at most 24 hours after `iat`; only the
 * documented claims; `uc.restrictions.scope` items matching the endpoint exactly, or as a whole-segment prefix when
 * they end in `/*`.
 */
import { createHash, createHmac } from "node:crypto";
import { sameText } from "../http/constantTime";
import type { Reply } from "../http/reply";
import { type Project, usedSecret } from "../state/projects";
import { type UploadErrorFormat, uploadError } from "./errors";

/** "Tokens … live for up to 24 hours" (https://uploadcare.com/docs/changelog/2026/9/8/). */
const MAX_LIFETIME_SECONDS = 86_400;
/** Clock skew allowed on `iat` (the emulator's choice: the docs' sentence on it is cut off). */
const ISSUED_SKEW_SECONDS = 60;
const CLAIMS = new Set(["iat", "exp", "iss", "sub", "jti", "uc"]);

type Claims = Record<string, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The token of an `Authorization: Bearer <jwt>` header; undefined when there is no bearer header. */
export function bearerOf(header: string | string[] | undefined): string | undefined {
    const value = Array.isArray(header) ? header[0] : header;
    const match = value === undefined ? null : /^Bearer(?:\s+(.*))?$/i.exec(value.trim());
    return match ? (match[1] ?? "").trim() : undefined;
}

function decodePart(part: string | undefined): unknown {
    try {
        return JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
    } catch {
        return undefined;
    }
}

/** Why a scope list is malformed (1–16 items of at most 64 characters, each `/…`, with `*` only as `/*`). */
function scopeProblem(scope: unknown): string | undefined {
    if (!Array.isArray(scope) || scope.length < 1 || scope.length > 16) return "scope must list 1 to 16 endpoints";
    const bad = scope.find(
        (item) =>
            typeof item !== "string" ||
            item.length > 64 ||
            !item.startsWith("/") ||
            (item.includes("*") && !/^\/(?:[^*]*\/)?\*$/.test(item)),
    );
    return bad === undefined ? undefined : `invalid scope item ${JSON.stringify(bad)}`;
}

/** Why the `uc` claim is malformed, if it is. */
function ucProblem(uc: unknown): string | undefined {
    if (uc === undefined) return undefined;
    if (!isRecord(uc) || !isRecord(uc.restrictions) || Object.keys(uc).length !== 1) return "malformed uc claim";
    const { scope, limits, ...unknown } = uc.restrictions;
    if (Object.keys(unknown).length > 0) return `unknown restriction ${Object.keys(unknown)[0]}`;
    if (scope !== undefined) {
        const problem = scopeProblem(scope);
        if (problem) return problem;
    }
    if (limits === undefined) return undefined;
    const operations = isRecord(limits) ? limits.operations : undefined;
    if (!Number.isInteger(operations) || Number(operations) < 1 || Number(operations) > 100_000) {
        return "limits.operations must be a whole number from 1 to 100000";
    }
    return undefined;
}

/** Whether `path` is allowed by `scope`: an exact item, or an item ending in `/*` that is a whole-segment prefix. */
export function scopeAllows(scope: readonly string[], path: string): boolean {
    return scope.some((item) => item === path || (item.endsWith("/*") && path.startsWith(item.slice(0, -1))));
}

/** The claims of a token signed with one of the project's keys; undefined when none of them signed it. */
function verifiedClaims(token: string, project: Project, now: Date): Claims | string {
    const parts = token.split(".");
    if (parts.length !== 3) return "malformed token";
    const header = decodePart(parts[0]);
    if (!isRecord(header) || header.alg !== "HS256") return "unsupported algorithm";
    const claims = decodePart(parts[1]);
    if (!isRecord(claims)) return "malformed payload";
    const signed = `${parts[0]}.${parts[1]}`;
    const signatureOf = (secret: string) =>
        createHmac("sha256", createHash("sha256").update(secret).digest()).update(signed).digest("base64url");
    if (!usedSecret(project, now, (secret) => sameText(parts[2] ?? "", signatureOf(secret)))) return "bad signature";
    return claims;
}

/** What the claims mean at `now` for `path`: undefined when they allow it, else the documented error. */
function claimsProblem(claims: Claims, path: string, now: Date, fmt: UploadErrorFormat): Reply | undefined {
    const invalid = (reason: string) => uploadError(fmt, "AccessTokenInvalidError", reason);
    const unknown = Object.keys(claims).find((name) => !CLAIMS.has(name));
    if (unknown) return invalid(`unknown claim ${unknown}`);
    const { iat, exp } = claims;
    const seconds = now.getTime() / 1000;
    if (typeof iat !== "number" || !Number.isFinite(iat)) return invalid("iat is required");
    if (iat > seconds + ISSUED_SKEW_SECONDS) return invalid("iat is in the future");
    if (exp !== undefined && (typeof exp !== "number" || exp - iat > MAX_LIFETIME_SECONDS)) {
        return invalid("exp must be a number at most 24 hours after iat");
    }
    const problem = ucProblem(claims.uc);
    if (problem) return invalid(problem);
    if (typeof exp === "number" && exp <= seconds) return uploadError(fmt, "AccessTokenExpiredError");
    const scope = isRecord(claims.uc) && isRecord(claims.uc.restrictions) ? claims.uc.restrictions.scope : undefined;
    if (Array.isArray(scope) && !scopeAllows(scope as string[], path)) {
        return uploadError(fmt, "AccessTokenScopeError", path);
    }
    return undefined;
}

/** Checks a bearer token for an upload to `path` of `project`: undefined when it may go on, else the error. */
export function checkUploadToken(
    token: string,
    project: Project,
    path: string,
    now: Date,
    fmt: UploadErrorFormat,
): Reply | undefined {
    const claims = verifiedClaims(token, project, now);
    if (typeof claims === "string") return uploadError(fmt, "AccessTokenInvalidError", claims);
    return claimsProblem(claims, path, now, fmt);
}
