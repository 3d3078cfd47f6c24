import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { ADMIN_PREFIX, adminRefusal, handleAdmin } from "../admin/api";
import type { EmulatorControls } from "../admin/controls";
import { cdnBase, isCdnPath, serveCdn } from "../cdn/serve";
import { handleProjectApi, projectApiPrefix, projectApiTooLarge } from "../projects/router";
import type { ProjectApiDeps, ProjectApiRequest } from "../projects/types";
import { handleRest, restTooLarge } from "../rest/router";
import type { RestDeps, RestRequest } from "../rest/types";
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_UPLOAD_BODY_BYTES, type Runtime } from "../runtime";
import type { RequestLogEntry } from "../types";
import { isPartPath, receivePart } from "../upload/multipartParts";
import { handleUpload, isFileUpload, isUploadPath, uploadTooLarge } from "../upload/router";
import type { UploadDeps } from "../upload/types";
import { declaredLength, readLimitedBody } from "./body";
import { crossOriginRefusal } from "./crossOrigin";
import { BodyTooLargeError, FormParseError, type ParsedForm, parseForm, type Staging } from "./form";
import { passGates, statusFault } from "./gates";
import { jsonReply, type Reply } from "./reply";
import { redactUrl } from "./requestLog";
import { crash, reset, send } from "./respond";
import { recordSignatures } from "./signatureLog";

/**
 * A read body: REST and admin bodies as bytes, Upload API bodies as a form (undefined: not a form). `staged` lists
 * the staging files of an upload's file parts, discarded once the request is answered unless the upload kept them.
 */
type Content = { kind: "bytes"; body: Buffer } | { kind: "form"; form: ParsedForm | undefined; staged: string[] };

/** One request as the pipeline sees it, before its body is read. */
interface Incoming {
    req: IncomingMessage;
    method: string;
    /** `req.url` as received: path + query. */
    url: string;
    path: string;
    query: URLSearchParams;
    api: RequestLogEntry["api"];
    entry: RequestLogEntry;
}

/** The request pipeline: one emulator's HTTP handler. */
export function requestHandler(runtime: Runtime, controls: EmulatorControls): RequestListener {
    const pipeline = new Pipeline(runtime, controls);
    return (req, res) => {
        pipeline.serve(req, res).catch((error: unknown) => crash(runtime.log, runtime.now(), req, res, error));
    };
}

class Pipeline {
    constructor(
        private readonly rt: Runtime,
        private readonly controls: EmulatorControls,
    ) {}

    /**
     * Refusals that need no body come first (admin callers, oversize declared bodies, busy upload slots), then the
     * body is read within its limit, then the admin API, or the injected faults and the REST / Upload handlers.
     */
    async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const inc = this.describe(req);
        if (inc.api === "cdn") {
            this.rt.state.reloadIfChanged();
            return serveCdn(this.rt, inc.method, inc.path, res, inc.entry);
        }
        const crossSite = crossOriginRefusal(inc.method, req.headers, this.controls.url);
        if (crossSite) return send(this.rt.log, res, inc.entry, crossSite, true);
        if (isPartPath(inc.path)) return this.servePart(inc, res);
        const early = this.beforeBody(inc);
        if (early) return send(this.rt.log, res, inc.entry, early, true);
        if (!this.holdUploadSlot(inc, res)) return send(this.rt.log, res, inc.entry, this.uploadsBusy(inc), true);
        const content = await this.readContent(inc);
        if (!content) return send(this.rt.log, res, inc.entry, this.tooLarge(inc), true);
        // Read-only: follow the writer's state file before answering anything, admin state included.
        this.rt.state.reloadIfChanged();
        if (content.kind === "bytes" && inc.api === "admin") {
            const { remoteAddress } = req.socket;
            const reply = handleAdmin({ ...this.adminRequest(inc), body: content.body, remoteAddress }, this.controls);
            return send(this.rt.log, res, inc.entry, reply);
        }
        if (this.rt.options.recordSignatures) {
            const fields = content.kind === "form" ? (content.form?.fields ?? []) : [];
            recordSignatures(req.headers, inc.query, fields, this.rt.signatures);
        }
        try {
            await this.serveApi(inc, content, res);
        } finally {
            if (content.kind === "form") this.rt.blobs.discard(content.staged);
        }
    }

    private async serveApi(inc: Incoming, content: Content, res: ServerResponse): Promise<void> {
        const api = inc.api === "upload" || inc.api === "project" ? inc.api : "rest";
        const gate = await passGates(this.rt, api, inc, inc.entry);
        if (gate.kind === "reset") return reset(this.rt.log, inc.req, inc.entry);
        if (gate.kind === "reply") return send(this.rt.log, res, inc.entry, gate.reply);
        const reply =
            content.kind === "form"
                ? await handleUpload({ ...inc, form: content.form, headers: inc.req.headers }, this.uploadDeps(inc))
                : api === "project"
                  ? handleProjectApi({ ...this.projectRequest(inc), body: content.body }, this.projectDeps())
                  : handleRest({ ...this.restRequest(inc), body: content.body }, this.restDeps(inc));
        if (!gate.resetAfter) return send(this.rt.log, res, inc.entry, reply);
        // The change is applied; the client just never learns the outcome (the ambiguous failure).
        inc.entry.status = reply.status;
        reset(this.rt.log, inc.req, inc.entry);
    }

    /** A multipart part PUT: gated like any Upload API request, then its body streams to disk (parts are large). */
    private async servePart(inc: Incoming, res: ServerResponse): Promise<void> {
        const gate = await passGates(this.rt, "upload", inc, inc.entry);
        if (gate.kind === "reset") return reset(this.rt.log, inc.req, inc.entry);
        if (gate.kind === "reply") return send(this.rt.log, res, inc.entry, gate.reply, true);
        const received = await receivePart(this.rt.multipart, inc.method, inc.path, inc.query, inc.req);
        if (!received) return reset(this.rt.log, inc.req, inc.entry);
        if (!gate.resetAfter) return send(this.rt.log, res, inc.entry, received.reply, received.closeAfter);
        inc.entry.status = received.reply.status;
        reset(this.rt.log, inc.req, inc.entry);
    }

    /** Takes an upload slot for a file upload, held until its connection's answer is done; false when none is free. */
    private holdUploadSlot(inc: Incoming, res: ServerResponse): boolean {
        if (!isFileUpload(inc.method, inc.path)) return true;
        const release = this.rt.uploads.take();
        if (release) res.once("close", release);
        return release !== undefined;
    }

    /**
     * The body within its limit, undefined once it is over. Upload API bodies are parsed as forms while they stream
     * in (a form that does not parse is left for the handler to refuse); others are read whole.
     */
    private async readContent(inc: Incoming): Promise<Content | undefined> {
        const limit = this.bodyLimit(inc);
        if (inc.api !== "upload") {
            const body = await readLimitedBody(inc.req, limit);
            return body && { kind: "bytes", body };
        }
        // Only file uploads keep their parts' bytes; other forms are read for their fields.
        const staging: Staging | undefined = isFileUpload(inc.method, inc.path)
            ? { store: this.rt.blobs, paths: [] }
            : undefined;
        const staged = staging?.paths ?? [];
        const contentType = inc.req.headers["content-type"] ?? "";
        try {
            return { kind: "form", form: await parseForm(contentType, inc.req, limit, staging), staged };
        } catch (e) {
            this.rt.blobs.discard(staged);
            if (e instanceof BodyTooLargeError) return undefined;
            if (e instanceof FormParseError) return { kind: "form", form: undefined, staged: [] };
            throw e;
        }
    }

    private describe(req: IncomingMessage): Incoming {
        const method = (req.method ?? "GET").toUpperCase();
        const url = req.url ?? "/";
        const q = url.indexOf("?");
        const path = q < 0 ? url : url.slice(0, q);
        const query = new URLSearchParams(q < 0 ? "" : url.slice(q + 1));
        const api = path.startsWith(ADMIN_PREFIX)
            ? "admin"
            : isUploadPath(path) || isPartPath(path)
              ? "upload"
              : projectApiPrefix(path) !== undefined
                ? "project"
                : isCdnPath(path)
                  ? "cdn"
                  : "rest";
        const entry: RequestLogEntry = {
            time: this.rt.now().toISOString(),
            method,
            path: redactUrl(url),
            status: 0,
            api,
        };
        return { req, method, url, path, query, api, entry };
    }

    /** An admin caller refused outright, or a declared body over the limit (answered without reading it). */
    private beforeBody(inc: Incoming): Reply | undefined {
        if (inc.api === "admin") {
            const refused = adminRefusal({ ...this.adminRequest(inc), remoteAddress: inc.req.socket.remoteAddress });
            if (refused) return refused;
        }
        const length = declaredLength(inc.req);
        return length !== undefined && length > this.bodyLimit(inc) ? this.tooLarge(inc) : undefined;
    }

    private bodyLimit(inc: Incoming): number {
        const o = this.rt.options;
        if (isFileUpload(inc.method, inc.path)) return o.maxUploadBodyBytes ?? DEFAULT_MAX_UPLOAD_BODY_BYTES;
        return o.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    }

    /** 413 in the API's own format, unless the steps the API takes before reading a body refuse it first. */
    private tooLarge(inc: Incoming): Reply {
        if (inc.api === "admin") return jsonReply(413, { error: "request body too large" });
        if (inc.api === "upload") return uploadTooLarge(inc.method, inc.path, inc.query, this.uploadDeps(inc));
        if (inc.api === "project") return projectApiTooLarge(this.projectRequest(inc), this.projectDeps());
        return restTooLarge(this.restRequest(inc), this.restDeps(inc));
    }

    /** Every upload slot is taken: throttled, like the Upload API's own 429 (see `UploadSlots`). */
    private uploadsBusy(inc: Incoming): Reply {
        inc.entry.fault = "concurrent-uploads";
        return statusFault(this.rt, "upload", inc.query, 429, 1);
    }

    private adminRequest(inc: Incoming) {
        const { host, origin } = inc.req.headers;
        return { method: inc.method, path: inc.path, host, origin };
    }

    /** A Project API request: its path without the prefix, which its `next` links keep. */
    private projectRequest(inc: Incoming): Omit<ProjectApiRequest, "body"> {
        const prefix = projectApiPrefix(inc.path) ?? "";
        const { method, query, req } = inc;
        return {
            method,
            query,
            headers: req.headers,
            path: inc.path.slice(prefix.length),
            base: this.originOf(inc) + prefix,
        };
    }

    private projectDeps(): ProjectApiDeps {
        const { state, now, options } = this.rt;
        return { state, now, token: options.projectApiToken, readOnly: state.readOnly };
    }

    private restRequest(inc: Incoming): Omit<RestRequest, "body"> {
        const { req, method, url, path, query } = inc;
        const secure = req.headers["x-forwarded-proto"] === "https";
        return { method, url, path, query, headers: req.headers, origin: this.originOf(inc), secure };
    }

    /** Scheme + host the client used (its `Host` header), so links in answers work from where it called. */
    private originOf(inc: Incoming): string {
        const secure = inc.req.headers["x-forwarded-proto"] === "https";
        const host = inc.req.headers.host;
        return host ? `${secure ? "https" : "http"}://${host}` : this.controls.url;
    }

    /**
     * What the REST and Upload handlers both need. Resource `url`s and part URLs follow the request's `Host`, as the
     * pagination links do; the emulator CDN's base is the emulator's own URL.
     */
    private commonDeps(inc: Incoming) {
        const { state, now, options } = this.rt;
        const own = this.controls.url;
        const cdnBaseOf = (publicKey: string) => cdnBase(options, own, publicKey);
        return { state, now, apiUrl: this.originOf(inc), readOnly: state.readOnly, cdnBase: cdnBaseOf };
    }

    private restDeps(inc: Incoming): RestDeps {
        const o = this.rt.options;
        return {
            ...this.commonDeps(inc),
            readLagMs: o.readLagMs ?? 0,
            requireAcceptHeader: o.requireAcceptHeader ?? true,
            removedFilesAsNull: o.restRemovedFiles === "null",
            effectsTrailingSlash: o.restEffectsTrailingSlash ?? true,
        };
    }

    private uploadDeps(inc: Incoming): UploadDeps {
        const o = this.rt.options;
        return {
            ...this.commonDeps(inc),
            jsonErrorsStatus: o.uploadJsonErrorsStatus ?? "real",
            blobs: this.rt.blobs,
            multipart: this.rt.multipart,
            fromUrl: this.rt.fromUrl,
        };
    }
}
