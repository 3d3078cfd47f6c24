import { randomUUID } from "node:crypto";
import type { Reply } from "../http/reply";
import { UUID_RE } from "../state/ids";
import { READ_ONLY_MESSAGE, READ_ONLY_STATUS } from "../state/readOnly";
import { restFile } from "../state/serialize";
import type { Project } from "../state/state";
import { authenticate, checkCredentials } from "./auth";
import { FILE_ROUTES } from "./files";
import { deleteGroupRoute, groupInfoRoute, listGroupsRoute } from "./groups";
import { REST_CONTENT_TYPE, restDetail, restJson } from "./reply";
import { NOT_FOUND, type RestDeps, type RestRequest, type Route } from "./types";
import { WEBHOOK_ROUTES } from "./webhooks";

export const ACCEPT_DETAIL =
    "Incorrect Accept header provided. Make sure to specify API version. Refer to REST API docs for details.";
/**
 * "Up to 100 files are supported per request" (batch storage, https://uploadcare.com/api-refs/rest-api/v0.7.0/);
 * the exact 400 detail is not documented.
 */
export const BATCH_LIMIT = 100;

/** `Allow` values as recorded (`DELETE, GET, HEAD, OPTIONS` on a group). Specific routes come first. */
const ROUTES: Route[] = [
    { pattern: /^\/project\/$/, allow: "GET, HEAD, OPTIONS", methods: { GET: projectInfo } },
    { pattern: /^\/groups\/$/, allow: "GET, HEAD, OPTIONS", methods: { GET: listGroupsRoute } },
    {
        pattern: /^\/groups\/([^/]+)\/$/,
        allow: "DELETE, GET, HEAD, OPTIONS",
        methods: { GET: groupInfoRoute, DELETE: deleteGroupRoute },
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
    ...FILE_ROUTES,
    ...WEBHOOK_ROUTES,
];

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
        autostore_enabled: project.features.uploads.autostore,
        collaborators: [],
    });
}

/**
 * `include=appdata` adds `appdata`, the data of the add-ons that ran on the file by add-on name
 * (https://uploadcare.com/docs/api/rest/file/info/): no add-on ever runs in the emulator, so it is `{}`.
 */
function getFile(req: RestRequest, project: Project, deps: RestDeps, uuid: string): Reply {
    const file = UUID_RE.test(uuid) ? deps.state.file(project.publicKey, uuid) : undefined;
    if (!file) return restDetail(404, NOT_FOUND);
    const info = restFile(file, deps.apiUrl, deps.cdnBase?.(project.publicKey));
    const include = (req.query.get("include") ?? "").split(",");
    return restJson(200, include.includes("appdata") ? { ...info, appdata: {} } : info);
}

/** Storing a removed file is refused like an unknown one (the emulator's choice: the real answer is not documented). */
function storeOne(_req: RestRequest, project: Project, deps: RestDeps, uuid: string): Reply {
    const file = UUID_RE.test(uuid) ? deps.state.file(project.publicKey, uuid) : undefined;
    if (!file || file.datetimeRemoved !== null) return restDetail(404, NOT_FOUND);
    deps.state.storeFile(file);
    return restJson(200, restFile(file, deps.apiUrl, deps.cdnBase?.(project.publicKey)));
}

/** Removing twice answers the removed file again (idempotent; the emulator's choice, not documented). */
function removeOne(_req: RestRequest, project: Project, deps: RestDeps, uuid: string): Reply {
    const file = UUID_RE.test(uuid) ? deps.state.file(project.publicKey, uuid) : undefined;
    if (!file) return restDetail(404, NOT_FOUND);
    deps.state.removeFile(file);
    return restJson(200, restFile(file, deps.apiUrl, deps.cdnBase?.(project.publicKey)));
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
            result.push(restFile(file, deps.apiUrl, deps.cdnBase?.(project.publicKey)));
        }
    });
    return restJson(200, { status: "ok", problems, result });
}
