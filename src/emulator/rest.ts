import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { authenticate, checkCredentials } from "./auth";
import { parseIsoMicros } from "./clock";
import { GROUP_ID_RE, UUID_RE } from "./ids";
import { READ_ONLY_MESSAGE, READ_ONLY_STATUS } from "./readOnly";
import { emptyReply, type Reply } from "./reply";
import { restFile, restGroup, restGroupWithFiles } from "./serialize";
import type { Project, State } from "./state";

export const REST_CONTENT_TYPE = "application/vnd.uploadcare-v0.7+json";
export const ACCEPT_DETAIL =
    "Incorrect Accept header provided. Make sure to specify API version. Refer to REST API docs for details.";
export const NOT_FOUND = "Not found.";
/**
 * "Up to 100 files are supported per request" (batch storage, https://uploadcare.com/api-refs/rest-api/v0.7.0/);
 * the exact 400 detail is not documented.
 */
export const BATCH_LIMIT = 100;

export interface RestRequest {
    method: string;
    /** `req.url` exactly as received. */
    url: string;
    path: string;
    query: URLSearchParams;
    headers: IncomingHttpHeaders;
    body: Buffer;
    /** Scheme + host the client used, for absolute `next`/`previous` links. */
    origin: string;
    secure: boolean;
}

export interface RestDeps {
    state: State;
    /** Base of resource `url` fields (the emulator's own URL). */
    apiUrl: string;
    now: () => Date;
    readLagMs: number;
    requireAcceptHeader: boolean;
    removedFilesAsNull: boolean;
    /** `readOnlyState`: changes (DELETE, PUT) are refused with 503, see readOnly.ts. */
    readOnly: boolean;
}

type Handler = (req: RestRequest, project: Project, deps: RestDeps, param: string) => Reply;

interface Route {
    pattern: RegExp;
    allow: string;
    methods: Partial<Record<string, Handler>>;
}

/** `Allow` values as recorded (`DELETE, GET, HEAD, OPTIONS` on a group). Specific routes come first. */
const ROUTES: Route[] = [
    { pattern: /^\/project\/$/, allow: "GET, HEAD, OPTIONS", methods: { GET: projectInfo } },
    { pattern: /^\/groups\/$/, allow: "GET, HEAD, OPTIONS", methods: { GET: listGroups } },
    {
        pattern: /^\/groups\/([^/]+)\/$/,
        allow: "DELETE, GET, HEAD, OPTIONS",
        methods: { GET: getGroup, DELETE: deleteGroup },
    },
    {
        pattern: /^\/files\/storage\/$/,
        allow: "DELETE, OPTIONS, PUT",
        methods: { PUT: batchStore, DELETE: batchRemove },
    },
    {
        pattern: /^\/files\/([^/]+)\/storage\/$/,
        allow: "DELETE, OPTIONS, PUT",
        methods: { PUT: storeOne, DELETE: removeOne },
    },
    { pattern: /^\/files\/([^/]+)\/$/, allow: "GET, HEAD, OPTIONS", methods: { GET: getFile } },
];

export function restJson(status: number, value: unknown): Reply {
    return { status, headers: { "Content-Type": REST_CONTENT_TYPE }, body: JSON.stringify(value) };
}

export function restDetail(status: number, detail: string): Reply {
    return restJson(status, { detail });
}

/** DRF wording, singular for one second (the docs quote "Expected available in {wait} second."). */
export function throttledDetail(seconds: number): string {
    return `Request was throttled. Expected available in ${seconds} second${seconds === 1 ? "" : "s"}.`;
}

/**
 * Order follows Django + DRF: URL resolution (unknown path → 404 without auth), then content negotiation (406),
 * then authentication (400/401), then the method (405), then the view. A read-only emulator refuses changes
 * where the view would make them, so a bad signature still answers 401 rather than 503.
 */
export function handleRest(req: RestRequest, deps: RestDeps): Reply {
    const route = ROUTES.find((r) => r.pattern.test(req.path));
    if (!route) return finish(restDetail(404, NOT_FOUND), undefined);
    const param = route.pattern.exec(req.path)?.[1] ?? "";
    if (!acceptsV07(req.headers.accept, deps.requireAcceptHeader)) {
        return finish(restDetail(406, ACCEPT_DETAIL), route.allow);
    }
    const auth = authenticate(req, (pk) => deps.state.project(pk), deps.now());
    if (!auth.ok) return finish(restDetail(auth.status, auth.detail), route.allow);

    const method = req.method.toUpperCase();
    if (method === "OPTIONS") return finish(restJson(200, {}), route.allow);
    const handler = route.methods[method === "HEAD" ? "GET" : method];
    if (!handler || (method === "HEAD" && !route.allow.includes("HEAD"))) {
        return finish(restDetail(405, `Method "${method}" not allowed.`), route.allow);
    }
    let decoded: string;
    try {
        decoded = decodeURIComponent(param);
    } catch {
        return finish(restDetail(404, NOT_FOUND), route.allow);
    }
    if (deps.readOnly && method !== "GET" && method !== "HEAD") {
        return finish(restDetail(READ_ONLY_STATUS, READ_ONLY_MESSAGE), route.allow);
    }
    const reply = handler(req, auth.project, deps, decoded);
    if (method === "HEAD") reply.body = "";
    return finish(reply, route.allow);
}

/**
 * For a body too large to read: the answer the steps before the body would give (404, 406, 400/401 from the
 * headers), else 413. The signature check is skipped: it needs the body, which is exactly what is refused.
 */
export function restTooLarge(req: Omit<RestRequest, "body">, deps: RestDeps): Reply {
    const route = ROUTES.find((r) => r.pattern.test(req.path));
    if (!route) return finish(restDetail(404, NOT_FOUND), undefined);
    if (!acceptsV07(req.headers.accept, deps.requireAcceptHeader)) {
        return finish(restDetail(406, ACCEPT_DETAIL), route.allow);
    }
    const auth = checkCredentials(req, (pk) => deps.state.project(pk), deps.now());
    if (!auth.ok) return finish(restDetail(auth.status, auth.detail), route.allow);
    return finish(restDetail(413, "Request body is too large."), route.allow);
}

function finish(reply: Reply, allow: string | undefined): Reply {
    reply.headers.Vary = "Accept";
    if (allow) reply.headers.Allow = allow;
    reply.headers["X-Uploadcare-Request-Id"] = randomUUID();
    return reply;
}

/**
 * The version lives in the media type. A list of media ranges is accepted if one of them is the v0.7 type. A
 * missing header gives 406 unless `requireAcceptHeader` is false (old API versions took it as v0.5).
 */
export function acceptsV07(accept: string | undefined, requireHeader: boolean): boolean {
    if (accept === undefined || accept.trim() === "") return !requireHeader;
    return accept.split(",").some((range) => range.split(";")[0]?.trim().toLowerCase() === REST_CONTENT_TYPE);
}

function projectInfo(_req: RestRequest, project: Project): Reply {
    return restJson(200, {
        name: project.name,
        pub_key: project.publicKey,
        autostore_enabled: project.autostoreEnabled,
        collaborators: [],
    });
}

const MAX_LIMIT = 1000;

/**
 * Cursor pagination on `datetime_created`, shaped like the recorded example:
 * `next` = `…/groups/?from=<last datetime_created>&ordering=…&limit=N&offset=0`,
 * `previous` = `…/groups/?ordering=…&limit=N&to=<first datetime_created>&offset=0`.
 * The meaning of `from`/`to`/`offset` is not documented; here `from` and `to` are exclusive bounds in the
 * direction of `ordering` (`next` must not repeat its last item) and `offset` skips items after `from`.
 * `limit` above 1000 is clamped (the emulator's choice); a non-positive or non-integer one is a 400.
 */
function listGroups(req: RestRequest, project: Project, deps: RestDeps): Reply {
    const q = req.query;
    const limitRaw = q.get("limit");
    const limit = limitRaw === null ? 100 : Number(limitRaw);
    if (!Number.isInteger(limit) || limit <= 0) return restDetail(400, "`limit` must be a positive integer.");
    const perPage = Math.min(limit, MAX_LIMIT);
    const ordering = q.get("ordering") ?? "datetime_created";
    if (ordering !== "datetime_created" && ordering !== "-datetime_created") {
        return restDetail(400, "`ordering` must be one of: datetime_created, -datetime_created.");
    }
    const bounds: Partial<Record<"from" | "to", number>> = {};
    for (const name of ["from", "to"] as const) {
        const raw = q.get(name);
        if (raw === null) continue;
        const micros = parseIsoMicros(raw);
        if (micros === undefined) return restDetail(400, `\`${name}\` must be a date and time in ISO-8601 format.`);
        bounds[name] = micros;
    }
    const offsetRaw = q.get("offset");
    const offset = offsetRaw === null ? 0 : Number(offsetRaw);
    if (!Number.isInteger(offset) || offset < 0) return restDetail(400, "`offset` must be a non-negative integer.");

    const desc = ordering === "-datetime_created";
    const all = deps.state.groups(project.publicKey).map((g) => ({ g, t: parseIsoMicros(g.datetimeCreated) ?? 0 }));
    if (desc) all.reverse();
    // "a is before b" in the requested order.
    const before = (a: number, b: number) => (desc ? a > b : a < b);
    const { from, to } = bounds;
    let candidates = all.filter(
        (x) => (from === undefined || before(from, x.t)) && (to === undefined || before(x.t, to)),
    );
    let page: typeof all;
    if (to !== undefined && from === undefined) {
        page = candidates.slice(Math.max(0, candidates.length - perPage));
    } else {
        candidates = candidates.slice(offset);
        page = candidates.slice(0, perPage);
    }
    const first = page[0];
    const last = page[page.length - 1];
    const base = `${req.origin}/groups/`;
    const enc = encodeURIComponent;
    const next =
        last && all.some((x) => before(last.t, x.t))
            ? `${base}?from=${enc(last.g.datetimeCreated)}&ordering=${ordering}&limit=${perPage}&offset=0`
            : null;
    const previous =
        first && all.some((x) => before(x.t, first.t))
            ? `${base}?ordering=${ordering}&limit=${perPage}&to=${enc(first.g.datetimeCreated)}&offset=0`
            : null;
    return restJson(200, {
        next,
        previous,
        total: all.length,
        per_page: perPage,
        results: page.map((x) => restGroup(x.g, deps.apiUrl)),
    });
}

/** Unknown, malformed, deleted, other-project and still-lagging ids all answer 404 "Not found.". */
function findGroup(project: Project, deps: RestDeps, id: string, lag: boolean): Reply | undefined {
    if (!GROUP_ID_RE.test(id)) return restDetail(404, NOT_FOUND);
    const group = deps.state.group(project.publicKey, id);
    if (!group) return restDetail(404, NOT_FOUND);
    if (lag && deps.readLagMs > 0) {
        const age = deps.now().getTime() * 1000 - (parseIsoMicros(group.datetimeCreated) ?? 0);
        if (age < deps.readLagMs * 1000) return restDetail(404, NOT_FOUND);
    }
    return undefined;
}

function getGroup(_req: RestRequest, project: Project, deps: RestDeps, id: string): Reply {
    const missing = findGroup(project, deps, id, true);
    if (missing) return missing;
    const group = deps.state.group(project.publicKey, id);
    if (!group) return restDetail(404, NOT_FOUND);
    const lookup = (uuid: string) => deps.state.file(project.publicKey, uuid);
    return restJson(200, restGroupWithFiles(group, deps.apiUrl, lookup, deps.removedFilesAsNull));
}

/** 204 with an empty body and no Content-Type, as recorded; the member files are left alone. */
function deleteGroup(_req: RestRequest, project: Project, deps: RestDeps, id: string): Reply {
    const missing = findGroup(project, deps, id, false);
    if (missing) return missing;
    deps.state.deleteGroup(project.publicKey, id);
    return emptyReply(204);
}

function getFile(_req: RestRequest, project: Project, deps: RestDeps, uuid: string): Reply {
    const file = UUID_RE.test(uuid) ? deps.state.file(project.publicKey, uuid) : undefined;
    if (!file) return restDetail(404, NOT_FOUND);
    return restJson(200, restFile(file, deps.apiUrl));
}

/** Storing a removed file is refused like an unknown one (the emulator's choice: the real answer is not documented). */
function storeOne(_req: RestRequest, project: Project, deps: RestDeps, uuid: string): Reply {
    const file = UUID_RE.test(uuid) ? deps.state.file(project.publicKey, uuid) : undefined;
    if (!file || file.datetimeRemoved !== null) return restDetail(404, NOT_FOUND);
    deps.state.storeFile(file);
    return restJson(200, restFile(file, deps.apiUrl));
}

/** Removing twice answers the removed file again (idempotent; the emulator's choice, not documented). */
function removeOne(_req: RestRequest, project: Project, deps: RestDeps, uuid: string): Reply {
    const file = UUID_RE.test(uuid) ? deps.state.file(project.publicKey, uuid) : undefined;
    if (!file) return restDetail(404, NOT_FOUND);
    deps.state.removeFile(file);
    return restJson(200, restFile(file, deps.apiUrl));
}

function batchStore(req: RestRequest, project: Project, deps: RestDeps): Reply {
    return batch(req, project, deps, true);
}

function batchRemove(req: RestRequest, project: Project, deps: RestDeps): Reply {
    return batch(req, project, deps, false);
}

/**
 * `{"status":"ok","problems":{uuid: reason},"result":[file…]}`. Problem strings: "Invalid" for a non-UUID and
 * "Missing in the project" for an unknown (or, when storing, removed) file; the 400 details for a body that is not
 * a JSON array and for more than 100 entries are not documented and chosen here.
 */
function batch(req: RestRequest, project: Project, deps: RestDeps, store: boolean): Reply {
    let uuids: unknown;
    try {
        uuids = JSON.parse(req.body.toString("utf8"));
    } catch {
        return restDetail(400, "Expected list of UUIDs.");
    }
    if (!Array.isArray(uuids)) return restDetail(400, "Expected list of UUIDs.");
    if (uuids.length > BATCH_LIMIT) return restDetail(400, `Up to ${BATCH_LIMIT} files are supported per request.`);
    const problems: Record<string, string> = {};
    const result: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    deps.state.batch(() => {
        for (const value of uuids as unknown[]) {
            const key = typeof value === "string" ? value : JSON.stringify(value);
            if (typeof value !== "string" || !UUID_RE.test(value)) {
                problems[key] = "Invalid";
                continue;
            }
            if (seen.has(value)) continue;
            seen.add(value);
            const file = deps.state.file(project.publicKey, value);
            if (!file || (store && file.datetimeRemoved !== null)) {
                problems[value] = "Missing in the project";
                continue;
            }
            if (store) deps.state.storeFile(file);
            else deps.state.removeFile(file);
            result.push(restFile(file, deps.apiUrl));
        }
    });
    return restJson(200, { status: "ok", problems, result });
}
