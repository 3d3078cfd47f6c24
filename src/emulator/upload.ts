import type { BlobStore } from "./blobs";
import type { ParsedForm } from "./form";
import type { FromUrlJobs } from "./fromUrl";
import { fromUrlStart, fromUrlStatus } from "./fromUrl";
import { UUID_RE } from "./ids";
import type { MultipartUploads } from "./multipart";
import { multipartComplete, multipartStart } from "./multipart";
import { jsonReply, type Reply } from "./reply";
import { uploadFile, uploadGroup } from "./serialize";
import type { State } from "./state";
import type { GroupMember } from "./types";
import { authorizedForm, isReply, projectFor } from "./uploadAuth";
import { baseUpload } from "./uploadBase";
import { type UploadErrorFormat, uploadError, uploadReadOnlyError } from "./uploadErrors";

/** "File groups can contain up to 1000 files." */
export const MAX_GROUP_FILES = 1000;

export interface UploadRequest {
    method: string;
    path: string;
    query: URLSearchParams;
    /** The body as a form; undefined when it is not one (an unsupported type, a broken multipart body). */
    form: ParsedForm | undefined;
}

export interface UploadDeps {
    state: State;
    apiUrl: string;
    now: () => Date;
    signedUploads: boolean;
    jsonErrorsStatus: "real" | 200;
    /** `readOnlyState`: uploads and new groups are refused with 503, see readOnly.ts. */
    readOnly: boolean;
    /** Where uploaded bytes live. */
    blobs: BlobStore;
    /** The CDN base (no trailing slash) of a project's URLs. */
    cdnBase: (publicKey: string) => string;
    /** Multipart uploads started and not completed yet. */
    multipart: MultipartUploads;
    /** `from_url` uploads and their status. */
    fromUrl: FromUrlJobs;
}

type Handler = (req: UploadRequest, deps: UploadDeps, fmt: UploadErrorFormat) => Reply | Promise<Reply>;

/** Every POST route creates something; the GET routes only read. */
const ROUTES: Record<string, { method: "GET" | "POST"; handler: Handler }> = {
    "/base/": { method: "POST", handler: baseUpload },
    "/group/": { method: "POST", handler: createGroup },
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

export function errorFormat(query: URLSearchParams, deps: Pick<UploadDeps, "jsonErrorsStatus">): UploadErrorFormat {
    return { json: query.get("jsonerrors") === "1", jsonStatus: deps.jsonErrorsStatus };
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

/** Collects `files[N]` (ordered by N) and `files[]` (in arrival order); both styles are in use by official clients. */
export function groupFileValues(form: ParsedForm): string[] {
    const indexed: [number, string][] = [];
    const repeated: string[] = [];
    for (const [name, value] of form.fields) {
        if (name === "files[]") repeated.push(value);
        const m = /^files\[(\d+)\]$/.exec(name);
        if (m) indexed.push([Number(m[1]), value]);
    }
    indexed.sort((a, b) => a[0] - b[0]);
    return [...indexed.map(([, v]) => v), ...repeated];
}

/** CDN hosts accepted in file URLs: the shared CDN and per-project CNAMEs. Other hosts are parsing errors. */
const CDN_HOST_RE = /^(?:[a-z0-9-]+\.)*(?:ucarecdn\.com|ucarecd\.net)$/i;
const EFFECTS_RE = /^[\w\-.,:;%~()@!*+=/]*$/;

/**
 * A group member: a UUID, a UUID with CDN operations (`<uuid>/-/resize/800x/`) or a CDN URL (whose trailing
 * filename, if any, is dropped). Operations become `default_effects` without the leading `-/`.
 */
export function parseFileRef(value: string): GroupMember | undefined {
    let path = value.trim();
    let isUrl = false;
    if (/^https?:\/\//i.test(path)) {
        let url: URL;
        try {
            url = new URL(path);
        } catch {
            return undefined;
        }
        if (!CDN_HOST_RE.test(url.hostname)) return undefined;
        path = url.pathname.slice(1);
        isUrl = true;
    }
    const m = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(\/.*)?$/.exec(path);
    if (!m?.[1]) return undefined;
    let tail = m[2] ?? "";
    if (isUrl && !tail.endsWith("/")) tail = tail.slice(0, tail.lastIndexOf("/") + 1);
    const uuid = m[1].toLowerCase();
    if (tail === "" || tail === "/") return { uuid, defaultEffects: "" };
    if (!tail.startsWith("/-/") || tail.includes("//") || !EFFECTS_RE.test(tail)) return undefined;
    const effects = tail.slice(3);
    return { uuid, defaultEffects: effects.endsWith("/") ? effects : `${effects}/` };
}

/** `POST /group/`. Creating a group stores nothing (v0.7 removed group storage). */
function createGroup(req: UploadRequest, deps: UploadDeps, fmt: UploadErrorFormat): Reply {
    const authorized = authorizedForm(req, deps, fmt, "pub_key");
    if (isReply(authorized)) return authorized;
    const { form, project } = authorized;
    const values = groupFileValues(form);
    if (values.length === 0) return uploadError(fmt, "GroupFilesInvalidError");
    // More than the documented maximum: no group-specific code exists; the generic file-count error is the pick.
    if (values.length > MAX_GROUP_FILES) return uploadError(fmt, "FilesNumberLimitExceededError");
    const members: GroupMember[] = [];
    for (const value of values) {
        const member = parseFileRef(value);
        if (!member) return uploadError(fmt, "GroupFileURLParsingFailedError", value);
        members.push(member);
    }
    const lookup = (uuid: string) => deps.state.file(project.publicKey, uuid);
    const exists = (uuid: string) => {
        const file = lookup(uuid);
        return file !== undefined && file.datetimeRemoved === null;
    };
    // Unknown, removed and other-project files are all "not found": the lookup is scoped to the project.
    if (!members.every((m) => exists(m.uuid))) {
        return uploadError(fmt, "GroupFilesNotFoundError");
    }
    const group = deps.state.createGroup(project.publicKey, members);
    return jsonReply(200, uploadGroup(group, deps.apiUrl, lookup, deps.cdnBase(project.publicKey)));
}

/** `GET /group/info/?pub_key=&group_id=`; groups of other projects and deleted groups are "invalid". */
function groupInfo(req: UploadRequest, deps: UploadDeps, fmt: UploadErrorFormat): Reply {
    const project = projectFor(deps, fmt, "pub_key", req.query.get("pub_key") ?? undefined);
    if (isReply(project)) return project;
    const id = req.query.get("group_id");
    if (!id) return uploadError(fmt, "GroupIdRequiredError");
    const group = deps.state.group(project.publicKey, id);
    if (!group) return uploadError(fmt, "GroupNotFoundError");
    return jsonReply(
        200,
        uploadGroup(
            group,
            deps.apiUrl,
            (uuid) => deps.state.file(project.publicKey, uuid),
            deps.cdnBase(project.publicKey),
        ),
    );
}

/** `GET /info/?pub_key=&file_id=`: Upload API file info (removed files are not found). */
function fileInfo(req: UploadRequest, deps: UploadDeps, fmt: UploadErrorFormat): Reply {
    const project = projectFor(deps, fmt, "pub_key", req.query.get("pub_key") ?? undefined);
    if (isReply(project)) return project;
    const id = req.query.get("file_id");
    if (!id) return uploadError(fmt, "FileIdRequiredError");
    const file = UUID_RE.test(id) ? deps.state.file(project.publicKey, id) : undefined;
    if (!file || file.datetimeRemoved !== null) return uploadError(fmt, "FileNotFoundError");
    return jsonReply(200, uploadFile(file));
}
