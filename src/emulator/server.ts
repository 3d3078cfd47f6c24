import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { ADMIN_PREFIX, type AdminControls, handleAdmin } from "./admin";
import { MicroClock } from "./clock";
import { Faults } from "./faults";
import { BurstThrottle, RateLimiter, type ThrottleBursts } from "./ratelimit";
import type { Reply } from "./reply";
import { handleRest, type RestDeps, restDetail, throttledDetail } from "./rest";
import { checkSeedGroups, seededFileUuid, seededGroupId } from "./seed";
import { State } from "./state";
import type { Emulator, EmulatorOptions, FaultRule, FileRecord, GroupRecord, RequestLogEntry } from "./types";
import { errorFormat, handleUpload, isUploadPath, type UploadDeps } from "./upload";
import { uploadStatusError } from "./upload-errors";

/** Larger bodies are refused; `POST /base/` is for small direct uploads in the emulator. */
const MAX_BODY_BYTES = 100 * 1024 * 1024;

/** Query parameters whose values never reach the request log or stderr. */
const REDACTED_QUERY = /([?&](?:pub_key|UPLOADCARE_PUB_KEY|signature|secret_key|secret)=)[^&#]*/gi;

export function redactUrl(url: string): string {
    return url.replace(REDACTED_QUERY, "$1***");
}

class EmulatorImpl implements Emulator, AdminControls {
    url = "";
    readonly requests: RequestLogEntry[] = [];
    seededFiles: string[] = [];
    seededGroups: string[] = [];
    private readonly faults: Faults;
    private readonly limiter = new RateLimiter();
    private readonly bursts = new BurstThrottle();
    private readonly received: string[] = [];
    private readonly now: () => Date;
    private readonly server: Server;

    constructor(
        readonly publicKey: string,
        readonly secretKey: string,
        private readonly state: State,
        private readonly options: EmulatorOptions,
    ) {
        this.now = options.now ?? (() => new Date());
        this.faults = new Faults(options.seed ?? 1);
        if (options.rateLimit !== undefined) this.limiter.set(options.rateLimit);
        if (options.throttleBursts !== undefined) this.bursts.set(options.throttleBursts);
        // Latency first, so it adds to every request, whatever other rule decides its fate.
        const initial: FaultRule[] = [];
        if (options.latencyMs) {
            initial.push({ action: "delay", delayMs: options.latencyMs, times: Number.POSITIVE_INFINITY });
        }
        initial.push(...(options.faults ?? []));
        if (options.errorRate) {
            initial.push({
                action: "status",
                status: 503,
                probability: options.errorRate,
                times: Number.POSITIVE_INFINITY,
            });
        }
        this.faults.inject(initial);
        this.server = createServer((req, res) => {
            this.onRequest(req, res).catch((error: unknown) => this.onCrash(req, res, error));
        });
        if (options.unref) {
            this.server.unref();
            this.server.on("connection", (socket) => socket.unref());
        }
    }

    async listen(host: string, port: number): Promise<void> {
        await new Promise<void>((resolve, reject) => {
            this.server.once("error", reject);
            this.server.listen(port, host, () => {
                this.server.off("error", reject);
                resolve();
            });
        });
        const address = this.server.address() as AddressInfo;
        // A wildcard bind is reachable on loopback; an IPv6 literal needs brackets in a URL.
        const shown = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
        this.url = `http://${shown.includes(":") ? `[${shown}]` : shown}:${address.port}`;
    }

    close(): Promise<void> {
        return new Promise((resolve) => {
            this.server.close(() => resolve());
            this.server.closeAllConnections();
        });
    }

    clearRequests(): void {
        this.requests.length = 0;
    }

    injectFaults(rules: FaultRule[]): void {
        this.faults.inject(rules);
    }

    clearFaults(): void {
        this.faults.clear();
    }

    activeFaults(): FaultRule[] {
        return this.faults.active;
    }

    setRateLimit(rps: number | undefined): void {
        this.limiter.set(rps);
    }

    rateLimit(): number | undefined {
        return this.limiter.limit;
    }

    setThrottleBursts(bursts: ThrottleBursts | undefined): void {
        this.bursts.set(bursts);
    }

    throttleBursts(): ThrottleBursts | undefined {
        return this.bursts.current;
    }

    signatures(): string[] {
        return [...this.received];
    }

    /** `recordSignatures` only: the REST Authorization credential and any Upload API `signature` value. */
    private recordSignatures(req: IncomingMessage, query: URLSearchParams, body: Buffer): void {
        const auth = /^Uploadcare(?:\.Simple)?\s+[^:\s]+:(\S+)$/.exec(req.headers.authorization ?? "")?.[1];
        if (auth) this.received.push(auth);
        const fromQuery = query.get("signature");
        if (fromQuery) this.received.push(fromQuery);
        const text = body.length > 0 && body.length < 1_000_000 ? body.toString("latin1") : "";
        const urlencoded = /(?:^|&)signature=([^&]+)/.exec(text)?.[1];
        if (urlencoded) this.received.push(decodeURIComponent(urlencoded.replace(/\+/g, " ")));
        const multipart = /name="signature"\r\n(?:[^\r\n]*\r\n)*\r\n([^\r\n]+)/.exec(text)?.[1];
        if (multipart) this.received.push(multipart);
    }

    get readOnly(): boolean {
        return this.state.readOnly;
    }

    projectKeys(): string[] {
        return [this.publicKey, ...(this.options.extraProjects ?? []).map((p) => p.publicKey)];
    }

    groups(projectPublicKey?: string): GroupRecord[] {
        this.state.reloadIfChanged();
        return structuredClone(this.state.groups(projectPublicKey ?? this.publicKey));
    }

    files(projectPublicKey?: string): FileRecord[] {
        this.state.reloadIfChanged();
        return structuredClone(this.state.files(projectPublicKey ?? this.publicKey));
    }

    createFiles(count: number, opts: { stored?: boolean; projectPublicKey?: string } = {}): string[] {
        this.refuseIfReadOnly("createFiles");
        const project = opts.projectPublicKey ?? this.publicKey;
        if (!this.state.project(project)) throw new Error(`unknown project ${project}`);
        return this.state.createDemoFiles(project, count, opts.stored ?? true, false);
    }

    deleteGroupOutOfBand(id: string): boolean {
        this.refuseIfReadOnly("deleteGroupOutOfBand");
        const group = this.state.findGroup(id);
        return group ? this.state.deleteGroup(group.projectPublicKey, id) : false;
    }

    removeFileOutOfBand(uuid: string): boolean {
        this.refuseIfReadOnly("removeFileOutOfBand");
        const file = this.state.findFile(uuid);
        if (file) this.state.removeFile(file);
        return file !== undefined;
    }

    /** In-process changes to a read-only emulator would vanish at the next reload: fail loudly instead. */
    private refuseIfReadOnly(what: string): void {
        if (this.state.readOnly) throw new Error(`${what}: the emulator is read-only (readOnlyState)`);
    }

    private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const method = (req.method ?? "GET").toUpperCase();
        const rawUrl = req.url ?? "/";
        const q = rawUrl.indexOf("?");
        const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
        const query = new URLSearchParams(q < 0 ? "" : rawUrl.slice(q + 1));
        const api = path.startsWith(ADMIN_PREFIX) ? "admin" : isUploadPath(path) ? "upload" : "rest";
        const entry: RequestLogEntry = {
            time: this.now().toISOString(),
            method,
            path: redactUrl(rawUrl),
            status: 0,
            api,
        };
        const body = await readBody(req);
        if (body === undefined) {
            this.send(res, entry, { status: 413, headers: {}, body: "" });
            return;
        }

        // Read-only: follow the writer's state file before answering anything, admin state included.
        this.state.reloadIfChanged();
        if (api !== "admin" && this.options.recordSignatures) this.recordSignatures(req, query, body);
        if (api === "admin") {
            const reply = handleAdmin({ method, path, body, remoteAddress: req.socket.remoteAddress }, this);
            this.send(res, entry, reply);
            return;
        }

        const notes: string[] = [];
        const decision = this.faults.decide(method, path);
        if (decision.delayMs > 0) {
            notes.push(`delay:${decision.delayMs}`);
            await sleep(decision.delayMs);
        }
        const fault = decision.fault;
        if (fault) notes.push(fault.action === "status" ? `status:${fault.status}` : fault.action);
        if (notes.length > 0) entry.fault = notes.join(",");

        if (fault?.action === "reset-before") {
            this.reset(req, entry);
            return;
        }
        if (fault?.action === "status") {
            this.send(res, entry, this.statusFault(api, query, fault.status ?? 500, fault.retryAfter));
            return;
        }
        const burst = this.bursts.take();
        if (burst !== undefined) {
            entry.fault = entry.fault ? `${entry.fault},throttle-burst` : "throttle-burst";
            this.send(res, entry, this.statusFault(api, query, 429, burst));
            return;
        }
        const wait = this.limiter.take();
        if (wait !== undefined) {
            entry.fault = entry.fault ? `${entry.fault},rate-limit` : "rate-limit";
            this.send(res, entry, this.statusFault(api, query, 429, wait));
            return;
        }

        const reply =
            api === "rest"
                ? handleRest({ ...this.restRequest(req, method, rawUrl, path, query), body }, this.restDeps())
                : handleUpload(
                      { method, path, query, contentType: req.headers["content-type"] ?? "", body },
                      this.uploadDeps(),
                  );
        if (fault?.action === "reset-after") {
            // The change is applied; the client just never learns the outcome (the ambiguous failure).
            entry.status = reply.status;
            this.reset(req, entry);
            return;
        }
        this.send(res, entry, reply);
    }

    private restRequest(req: IncomingMessage, method: string, url: string, path: string, query: URLSearchParams) {
        const secure = req.headers["x-forwarded-proto"] === "https";
        const host = req.headers.host;
        const origin = host ? `${secure ? "https" : "http"}://${host}` : this.url;
        return { method, url, path, query, headers: req.headers, origin, secure };
    }

    private restDeps(): RestDeps {
        return {
            state: this.state,
            apiUrl: this.url,
            now: this.now,
            readLagMs: this.options.readLagMs ?? 0,
            requireAcceptHeader: this.options.requireAcceptHeader ?? true,
            removedFilesAsNull: this.options.restRemovedFiles === "null",
            readOnly: this.state.readOnly,
        };
    }

    private uploadDeps(): UploadDeps {
        return {
            state: this.state,
            apiUrl: this.url,
            now: this.now,
            signedUploads: this.options.signedUploads ?? false,
            jsonErrorsStatus: this.options.uploadJsonErrorsStatus ?? "real",
            readOnly: this.state.readOnly,
        };
    }

    /**
     * An injected (or rate-limit) error status in the API's own error format. REST 5xx are not JSON ("except for the
     * 5xx server errors", REST errors doc), so they get Django's plain HTML page.
     */
    private statusFault(
        api: "rest" | "upload",
        query: URLSearchParams,
        status: number,
        retry?: number | string,
    ): Reply {
        const seconds = retrySeconds(retry, this.now());
        let reply: Reply;
        if (api === "upload") reply = uploadStatusError(errorFormat(query, this.uploadDeps()), status);
        else if (status === 429) reply = restDetail(429, throttledDetail(seconds));
        else if (status >= 500) {
            reply = { status, headers: { "Content-Type": "text/html" }, body: `<h1>Server Error (${status})</h1>` };
        } else reply = restDetail(status, `Request failed with status ${status}.`);
        if (status === 429 || retry !== undefined) reply.headers["Retry-After"] = String(retry ?? seconds);
        return reply;
    }

    private send(res: ServerResponse, entry: RequestLogEntry, reply: Reply): void {
        entry.status = reply.status;
        this.log(entry);
        const body = typeof reply.body === "string" ? Buffer.from(reply.body) : reply.body;
        res.writeHead(reply.status, { ...reply.headers, "Content-Length": String(body.length) });
        res.end(body);
    }

    /** RST instead of FIN, so the client sees ECONNRESET / "other side closed", like a dropped connection. */
    private reset(req: IncomingMessage, entry: RequestLogEntry): void {
        this.log(entry);
        req.socket.resetAndDestroy();
    }

    private log(entry: RequestLogEntry): void {
        this.requests.push(entry);
        const limit = this.options.requestLogLimit ?? 10_000;
        if (this.requests.length > limit) this.requests.splice(0, this.requests.length - limit);
        if (this.options.quiet) return;
        const fault = entry.fault ? ` [${entry.fault}]` : "";
        process.stderr.write(`${entry.time} ${entry.api} ${entry.method} ${entry.path} ${entry.status}${fault}\n`);
    }

    private onCrash(req: IncomingMessage, res: ServerResponse, error: unknown): void {
        process.stderr.write(`emulator: ${req.method} ${redactUrl(req.url ?? "")} failed: ${String(error)}\n`);
        if (res.headersSent) {
            res.destroy();
            return;
        }
        const entry: RequestLogEntry = {
            time: this.now().toISOString(),
            method: req.method ?? "",
            path: redactUrl(req.url ?? ""),
            status: 500,
            api: "rest",
        };
        this.send(res, entry, { status: 500, headers: { "Content-Type": "text/plain" }, body: "emulator error" });
    }
}

/** Retry-After as seconds for the throttled message: a number, a numeric string, or an HTTP date; at least 1. */
function retrySeconds(retry: number | string | undefined, now: Date): number {
    if (retry === undefined) return 1;
    const n = Number(retry);
    if (Number.isFinite(n)) return Math.max(1, Math.ceil(n));
    const at = Date.parse(String(retry));
    return Number.isNaN(at) ? 1 : Math.max(1, Math.ceil((at - now.getTime()) / 1000));
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
        const buf = chunk as Buffer;
        size += buf.length;
        if (size > MAX_BODY_BYTES) return undefined;
        chunks.push(buf);
    }
    return Buffer.concat(chunks);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    const now = options.now ?? (() => new Date());
    const seedGroups = options.seedGroups ?? 0;
    checkSeedGroups(seedGroups, options.seedFiles ?? 0);
    const readOnly = options.readOnlyState ?? false;
    if (readOnly && options.statePath === undefined) {
        throw new Error("readOnlyState needs statePath: a read-only emulator follows a state file another one writes");
    }
    const state = new State(new MicroClock(now), options.statePath, readOnly);
    const publicKey = options.publicKey ?? "demopublickey";
    const secretKey = options.secretKey ?? "demoprivatekey";
    const projects = [{ publicKey, secretKey, seedFiles: options.seedFiles ?? 0 }, ...(options.extraProjects ?? [])];
    for (const p of projects) {
        if (state.project(p.publicKey)) throw new Error(`duplicate project public key ${p.publicKey}`);
        const name = p.publicKey === publicKey ? "Demo project" : `Project ${p.publicKey}`;
        state.addProject({ publicKey: p.publicKey, secretKey: p.secretKey, name, autostoreEnabled: true });
    }
    const fresh = !state.load();
    const emulator = new EmulatorImpl(publicKey, secretKey, state, options);
    // One write for all seeding. A read-only emulator seeds (in memory) only while nothing is persisted: once the
    // file exists it shows exactly what the writer seeded, which has the same ids.
    state.batch(() => {
        for (const p of projects) {
            const count = p.seedFiles ?? 0;
            const uuids =
                readOnly && !fresh
                    ? Array.from({ length: count }, (_, i) => seededFileUuid(p.publicKey, i))
                    : state.createDemoFiles(p.publicKey, count, true, true);
            if (p.publicKey === publicKey) emulator.seededFiles = uuids;
        }
        // Seeded files are topped up on every start, which is safe because removed files stay in the state. A
        // deleted group is dropped from it, so groups are seeded only into a fresh state: never resurrected.
        if (fresh && seedGroups > 0) state.createSeedGroups(publicKey, seedGroups, emulator.seededFiles);
    });
    emulator.seededGroups = seededGroupsPresent(state, publicKey, seedGroups, emulator.seededFiles.length);
    await emulator.listen(options.host ?? "127.0.0.1", options.port ?? 0);
    return emulator;
}

/** The seeded group ids (in seed order) that exist now: on a restart, those that were not deleted since. */
function seededGroupsPresent(state: State, publicKey: string, count: number, seedFiles: number): string[] {
    if (count === 0) return [];
    return Array.from({ length: count }, (_, i) => seededGroupId(publicKey, i, seedFiles)).filter(
        (id) => state.group(publicKey, id) !== undefined,
    );
}
