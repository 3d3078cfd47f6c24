/**
 * Uploads from a URL (https://uploadcare.com/api-refs/upload-api/, "Upload from URL"): `POST /from_url/` answers a
 * token at once and the download runs in the background; `GET /from_url/status/?token=` tells `waiting`,
 * `progress`, `success` (with the file info) or `error` (with `error` and `error_code`), and `unknown` for a token
 * it never gave. The real service refuses private addresses ("Only public IPs are allowed.", a URL validation
 * error), and so does the emulator, loopback included unless `allowLoopbackSources` is set (see sourceAddress.ts).
 * It never reaches the network: a public host fails in the background with "Host does not exist."
 * (`HostnameNotFoundError`, listed among the URL validation errors; the docs do not say whether that one comes from
 * the POST or from the status, so clients must handle both). An IP literal or `localhost` is judged at once by the
 * POST; another name only once resolved, so its refusal comes in the status.
 */
import { randomUUID } from "node:crypto";
import { get as httpGet, type IncomingMessage } from "node:http";
import { get as httpsGet } from "node:https";
import { jsonReply, type Reply } from "../http/reply";
import { overSizeLimit } from "../state/projects";
import { uploadFile } from "../state/serialize";
import { authorizedForm, fieldOf, isReply } from "./auth";
import { addUploadedFile, storedFlag, uploadMetadata } from "./base";
import { type UploadErrorCode, type UploadErrorFormat, uploadError, uploadErrorText } from "./errors";
import type { FromUrlJob as Job } from "./fromUrlJobs";
import { judgeSource, literalVerdict, pinnedLookup, type SourcePolicy } from "./sourceAddress";
import type { UploadDeps, UploadRequest } from "./types";

/** The documented URL validation errors the POST itself answers. */
function urlProblem(raw: string, policy: SourcePolicy): [UploadErrorCode] | URL {
    let url: URL;
    try {
        url = new URL(raw);
    } catch {
        return ["URLParsingFailedError"];
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return ["URLSchemeInvalidError"];
    if (!url.hostname) return ["URLHostRequiredError"];
    if (literalVerdict(url, policy) === "private") return ["URLHostPrivateIPForbiddenError"];
    return url;
}

/** `POST /from_url/` (fields in the form or the query): `pub_key`, `source_url`, `store`, `filename`, `metadata[…]`. */
export function fromUrlStart(req: UploadRequest, deps: UploadDeps, fmt: UploadErrorFormat): Reply {
    const authorized = authorizedForm(req, deps, fmt, "pub_key");
    if (isReply(authorized)) return authorized;
    const { form, project } = authorized;
    const field = (name: string) => fieldOf(form, req.query, name);
    const source = field("source_url");
    if (!source) return uploadError(fmt, "SourceURLRequiredError");
    const url = urlProblem(source, deps.fromUrl.policy);
    if (Array.isArray(url)) return uploadError(fmt, url[0]);
    const metadata = uploadMetadata([...form.fields, ...req.query.entries()], fmt);
    if (isReply(metadata)) return metadata;
    const known = deps.fromUrl.remembered.get(`${project.publicKey} ${url.href}`);
    const file = known === undefined ? undefined : deps.state.file(project.publicKey, known);
    if (field("check_URL_duplicates") === "1" && file && file.datetimeRemoved === null) {
        return jsonReply(200, { type: "file_info", ...uploadFile(file) });
    }
    const token = randomUUID();
    const job: Job = {
        url,
        project,
        filename: field("filename") || undefined,
        stored: storedFlag(field("store"), project),
        metadata,
        remember: field("save_URL_duplicates") === "1",
        state: { status: "waiting" },
    };
    deps.fromUrl.jobs.set(token, job);
    download(job, deps);
    return jsonReply(200, { type: "token", token });
}

/** `GET /from_url/status/?token=`. */
export function fromUrlStatus(req: UploadRequest, deps: UploadDeps, fmt: UploadErrorFormat): Reply {
    const token = req.query.get("token");
    if (!token) return uploadError(fmt, "TokenRequiredError");
    const job = deps.fromUrl.jobs.get(token);
    if (!job) return jsonReply(200, { status: "unknown" });
    if (job.state.status !== "success") return jsonReply(200, job.state);
    const file = deps.state.file(job.project.publicKey, job.state.uuid);
    return jsonReply(200, file ? { status: "success", ...uploadFile(file) } : { status: "unknown" });
}

function fail(job: Job, code: UploadErrorCode, ...args: string[]): void {
    job.state = { status: "error", error: uploadErrorText(code, ...args), error_code: code };
}

/** Runs in the background; every outcome ends up in `job.state`. */
function download(job: Job, deps: UploadDeps): void {
    const { policy, resolve } = deps.fromUrl;
    judgeSource(job.url, policy, resolve).then(
        (verdict) => {
            if (verdict.kind === "private") fail(job, "URLHostPrivateIPForbiddenError");
            // The emulator never reaches the network: to it, every public host does not exist.
            else if (verdict.kind === "not-found") fail(job, "HostnameNotFoundError");
            else fetchFrom(job, deps, pinnedLookup(verdict.addresses));
        },
        (error: unknown) => fail(job, "DownloadFileHTTPNetworkError", (error as Error).message),
    );
}

/** GETs the source over a connection pinned to the address that was checked. */
function fetchFrom(job: Job, deps: UploadDeps, lookup: ReturnType<typeof pinnedLookup>): void {
    const get = job.url.protocol === "https:" ? httpsGet : httpGet;
    const request = get(job.url, { lookup }, (res) => {
        receive(job, deps, res).catch((error: unknown) => {
            fail(job, "DownloadFileHTTPNetworkError", (error as Error).message);
        });
    });
    deps.fromUrl.track(request);
    request.on("error", (error) => fail(job, "DownloadFileHTTPNetworkError", error.message));
}

async function receive(job: Job, deps: UploadDeps, res: IncomingMessage): Promise<void> {
    const status = res.statusCode ?? 0;
    if (status >= 300) {
        res.resume();
        const reason = `${status} ${res.statusMessage ?? ""}`.trim();
        fail(job, status >= 500 ? "DownloadFileHTTPServerError" : "DownloadFileHTTPClientError", reason);
        return;
    }
    const length = Number(res.headers["content-length"]);
    const total: number | "unknown" = Number.isFinite(length) ? length : "unknown";
    const progress = { status: "progress" as const, done: 0, total };
    job.state = progress;
    let head = Buffer.alloc(0);
    res.on("data", (chunk: Buffer) => {
        progress.done += chunk.length;
        if (head.length === 0) head = Buffer.from(chunk.subarray(0, 256 * 1024));
    });
    const blob = await deps.blobs.write(res);
    if (overSizeLimit(job.project, blob.size)) {
        deps.blobs.discard([blob.path]);
        fail(job, "FileSizeLimitExceededError");
        return;
    }
    const name = job.filename ?? lastSegment(job.url);
    const file = addUploadedFile(
        deps,
        job.project,
        { ...job, ...blob, head, filename: name || undefined, contentType: res.headers["content-type"] },
        blob.path,
    );
    if (job.remember) deps.fromUrl.remembered.set(`${job.project.publicKey} ${job.url.href}`, file.uuid);
    job.state = { status: "success", uuid: file.uuid };
}

/** The URL's file name, as the default `original_filename`. */
function lastSegment(url: URL): string {
    const segment = url.pathname.split("/").pop() ?? "";
    try {
        return decodeURIComponent(segment);
    } catch {
        return segment;
    }
}
