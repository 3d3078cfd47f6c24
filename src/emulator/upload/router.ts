/**
 * The Upload API router (https://uploadcare.com/api-refs/upload-api/): which handler answers which path and method,
 * and the answers that come before any handler (an unknown route, a wrong method, a read-only emulator).
 */
import type { Reply } from "../http/reply";
import { baseUpload, fileInfo } from "./base";
import { errorFormat, type UploadErrorFormat, uploadError, uploadReadOnlyError } from "./errors";
import { fromUrlStart, fromUrlStatus } from "./fromUrl";
import { createGroupRoute, groupInfo } from "./groups";
import { multipartComplete, multipartStart } from "./multipart";
import type { UploadDeps, UploadHandler, UploadRequest } from "./types";

/** Every POST route creates something; the GET routes only read. */
const ROUTES: Record<string, { method: "GET" | "POST"; handler: UploadHandler }> = {
    "/base/": { method: "POST", handler: baseUpload },
    "/group/": { method: "POST", handler: createGroupRoute },
    "/group/info/": { method: "GET", handler: groupInfo },
    "/info/": { method: "GET", handler: fileInfo },
    "/multipart/start/": { method: "POST", handler: multipartStart },
    "/multipart/complete/": { method: "POST", handler: multipartComplete },
    "/from_url/": { method: "POST", handler: fromUrlStart },
    "/from_url/status/": { method: "GET", handler: fromUrlStatus },
};

export function isUploadPath(path: string): boolean {
    return path in ROUTES;
}

export function handleUpload(req: UploadRequest, deps: UploadDeps): Reply | Promise<Reply> {
    const fmt = errorFormat(req.query, deps);
    const route = ROUTES[req.path];
    const refused = uploadPreflight(req.method, req.path, fmt, deps);
    if (refused || !route) return refused ?? uploadError(fmt, "MethodNotAllowedError", req.method, req.path);
    return route.handler(req, deps, fmt);
}

/** The answers that come before the form is read: the route, the method, and a read-only emulator's refusal. */
export function uploadPreflight(
    method: string,
    path: string,
    fmt: UploadErrorFormat,
    deps: Pick<UploadDeps, "readOnly">,
): Reply | undefined {
    const route = ROUTES[path];
    if (!route) return uploadError(fmt, "MethodNotAllowedError", method, path);
    if (method.toUpperCase() !== route.method) {
        return uploadError(fmt, "MethodNotAllowedError", method.toUpperCase(), path);
    }
    // Whatever the form says, this emulator cannot keep the result.
    if (deps.readOnly && route.method === "POST") return uploadReadOnlyError(fmt);
    return undefined;
}

/** For a body too large to read: what `uploadPreflight` answers, else 413. */
export function uploadTooLarge(method: string, path: string, query: URLSearchParams, deps: UploadDeps): Reply {
    const fmt = errorFormat(query, deps);
    return uploadPreflight(method, path, fmt, deps) ?? uploadError(fmt, "RequestTooLargeError");
}

/** The upload route proper (`POST /base/`), whose body has its own, larger limit and takes an upload slot. */
export function isFileUpload(method: string, path: string): boolean {
    return path === "/base/" && method.toUpperCase() === "POST";
}
