/**
 * REST API v0.7 file list and file metadata (https://uploadcare.com/api-refs/rest-api/v0.7.0/). Metadata rules are
 * those of upload/metadata.ts; the 400 details are not documented, so they reuse the Upload API's messages for the same
 * rules. Removed files keep their metadata, readable and changeable (the docs do not say otherwise).
 */

import { emptyReply, type Reply } from "../http/reply";
import { UUID_RE } from "../state/ids";
import { restFile } from "../state/serialize";
import type { Project } from "../state/state";
import type { FileRecord } from "../types";
import { uploadErrorText } from "../upload/errors";
import { countProblem, keyProblem, type MetadataProblem, valueProblem } from "../upload/metadata";
import { listPage } from "./listPage";
import { restDetail, restJson } from "./reply";
import { TAG_ROUTES } from "./tags";
import { NOT_FOUND, type RestDeps, type RestRequest, type Route } from "./types";

/**
 * Entries of the router's table, the tag routes (./tags.ts) included. The key route captures `<uuid>/metadata/<key>`
 * as its one parameter.
 */
export const FILE_ROUTES: Route[] = [
    { pattern: /^\/files\/$/, allow: "GET, HEAD, OPTIONS", methods: { GET: listFiles } },
    { pattern: /^\/files\/([^/]+)\/metadata\/$/, allow: "GET, HEAD, OPTIONS", methods: { GET: getMetadata } },
    {
        pattern: /^\/files\/([^/]+\/metadata\/[^/]+)\/$/,
        allow: "DELETE, GET, HEAD, OPTIONS, PUT",
        methods: { GET: getMetadataKey, PUT: putMetadataKey, DELETE: deleteMetadataKey },
    },
    ...TAG_ROUTES,
];

/** "true"/"false" (as documented), else undefined when absent, else the 400 detail. */
function booleanParam(query: URLSearchParams, name: string): boolean | undefined | string {
    const raw = query.get(name);
    if (raw === null) return undefined;
    if (raw === "true" || raw === "false") return raw === "true";
    return `\`${name}\` must be true or false.`;
}

/**
 * `GET /files/`: `removed` (default false: only existing files), `stored` (unset: both), `limit`, `ordering`
 * (`datetime_uploaded` or `-datetime_uploaded`) and `from`, paginated like the group list, plus `totals`.
 */
function listFiles(req: RestRequest, project: Project, deps: RestDeps): Reply {
    const removed = booleanParam(req.query, "removed") ?? false;
    const stored = booleanParam(req.query, "stored");
    if (typeof removed === "string") return restDetail(400, removed);
    if (typeof stored === "string") return restDetail(400, stored);
    const files = deps.state.files(project.publicKey);
    const matching = files
        .filter((f) => (f.datetimeRemoved !== null) === removed)
        .filter((f) => stored === undefined || (f.datetimeStored !== null) === stored)
        .sort((a, b) => (a.datetimeUploaded < b.datetimeUploaded ? -1 : 1));
    const existing = files.filter((f) => f.datetimeRemoved === null);
    const keep: [string, string][] = [["removed", String(removed)]];
    if (stored !== undefined) keep.push(["stored", String(stored)]);
    const cdnBase = deps.cdnBase?.(project.publicKey);
    return listPage({
        link: `${req.origin}/files/`,
        field: "datetime_uploaded",
        query: req.query,
        all: matching.map((f) => ({ item: f, time: f.datetimeUploaded })),
        serialize: (f) => restFile(f, deps.apiUrl, cdnBase),
        keep,
        extra: {
            totals: {
                removed: files.length - existing.length,
                stored: existing.filter((f) => f.datetimeStored !== null).length,
                unstored: existing.filter((f) => f.datetimeStored === null).length,
            },
        },
    });
}

function fileOf(project: Project, deps: RestDeps, uuid: string): FileRecord | undefined {
    return UUID_RE.test(uuid) ? deps.state.file(project.publicKey, uuid) : undefined;
}

function getMetadata(_req: RestRequest, project: Project, deps: RestDeps, uuid: string): Reply {
    const file = fileOf(project, deps, uuid);
    return file ? restJson(200, file.metadata) : restDetail(404, NOT_FOUND);
}

/** The file and key of `<uuid>/metadata/<key>`, or the answer for an unknown file or a malformed key. */
function fileAndKey(project: Project, deps: RestDeps, param: string): { file: FileRecord; key: string } | Reply {
    const at = param.indexOf("/metadata/");
    const file = fileOf(project, deps, param.slice(0, at));
    if (!file) return restDetail(404, NOT_FOUND);
    const key = param.slice(at + "/metadata/".length);
    const problem = keyProblem(key);
    return problem ? problemReply(problem) : { file, key };
}

function problemReply(problem: MetadataProblem): Reply {
    return restDetail(400, uploadErrorText(problem.code, ...problem.args));
}

const isReply = (value: object): value is Reply => "status" in value && "body" in value;

function getMetadataKey(_req: RestRequest, project: Project, deps: RestDeps, param: string): Reply {
    const found = fileAndKey(project, deps, param);
    if (isReply(found)) return found;
    const value = found.file.metadata[found.key];
    return value === undefined ? restDetail(404, NOT_FOUND) : restJson(200, value);
}

/** The body is the value as a JSON string (`"2"`); 201 when the key is new, 200 when it changed. */
function putMetadataKey(req: RestRequest, project: Project, deps: RestDeps, param: string): Reply {
    const found = fileAndKey(project, deps, param);
    if (isReply(found)) return found;
    const { file, key } = found;
    let value: unknown;
    try {
        value = JSON.parse(req.body.toString("utf8"));
    } catch {
        value = undefined;
    }
    // Not documented: the detail is the emulator's.
    if (typeof value !== "string") return restDetail(400, "Expected a JSON string as the value.");
    const isNew = !Object.hasOwn(file.metadata, key);
    const problem =
        valueProblem(key, value) ?? (isNew ? countProblem(Object.keys(file.metadata).length + 1) : undefined);
    if (problem) return problemReply(problem);
    file.metadata[key] = value;
    infoUpdated(deps, file);
    return restJson(isNew ? 201 : 200, value);
}

function deleteMetadataKey(_req: RestRequest, project: Project, deps: RestDeps, param: string): Reply {
    const found = fileAndKey(project, deps, param);
    if (isReply(found)) return found;
    if (!Object.hasOwn(found.file.metadata, found.key)) return restDetail(404, NOT_FOUND);
    delete found.file.metadata[found.key];
    infoUpdated(deps, found.file);
    return emptyReply(204);
}

/** A metadata change is saved and announced (`file.info_updated`, which webhooks deliver). */
function infoUpdated(deps: RestDeps, file: FileRecord): void {
    deps.state.save();
    deps.state.events.emit("file.info_updated", file);
}
