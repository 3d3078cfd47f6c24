/**
 * `GET|PUT|PATCH /files/:uuid/tags/` (https://uploadcare.com/docs/file-tags/): JSON bodies, 200 answers, 404 for
 * files of other projects and removed files, the rules of state/tags.ts (400 when broken). A change that adds or
 * deletes a tag is saved and fires `file.info_updated`, like a metadata change (the docs do not say whether tag
 * changes fire it; the emulator's choice); a request that changes nothing fires nothing.
 */
import type { Reply } from "../http/reply";
import { UUID_RE } from "../state/ids";
import type { Project } from "../state/state";
import { isStringList, MAX_TAGS, normaliseTags, tooMany } from "../state/tags";
import type { FileRecord } from "../types";
import { restDetail, restJson } from "./reply";
import { NOT_FOUND, type RestDeps, type RestRequest, type Route } from "./types";

/** `Allow` as Uploadcare sends it for the tags route. */
export const TAG_ROUTES: Route[] = [
    {
        pattern: /^\/files\/([^/]+)\/tags\/$/,
        allow: "GET, HEAD, OPTIONS, PATCH, PUT",
        methods: { GET: getTags, PUT: putTags, PATCH: patchTags },
    },
];

function liveFile(project: Project, deps: RestDeps, uuid: string): FileRecord | undefined {
    const file = UUID_RE.test(uuid) ? deps.state.file(project.publicKey, uuid) : undefined;
    return file && file.datetimeRemoved === null ? file : undefined;
}

/** The JSON object of the body, or the 400 for anything else (the detail is the emulator's). */
function jsonObject(req: RestRequest): Record<string, unknown> | Reply {
    try {
        const value: unknown = JSON.parse(req.body.toString("utf8"));
        if (typeof value === "object" && value !== null && !Array.isArray(value)) {
            return value as Record<string, unknown>;
        }
    } catch {
        // Falls through to the 400.
    }
    return restDetail(400, "Expected a JSON object.");
}

const isReply = (value: object): value is Reply => "status" in value && "body" in value;

/** A list field of the body, normalised: absent is `[]`; anything but a list of strings is a 400. */
function tagList(body: Record<string, unknown>, name: string, required: boolean, countLimit = true): string[] | Reply {
    const value = body[name];
    if (value === undefined && !required) return [];
    if (!isStringList(value)) return restJson(400, { [name]: ["Expected a list of strings."] });
    const outcome = normaliseTags(value, countLimit);
    return "problem" in outcome ? restDetail(400, outcome.problem) : outcome.tags;
}

function getTags(_req: RestRequest, project: Project, deps: RestDeps, uuid: string): Reply {
    const file = liveFile(project, deps, uuid);
    return file ? restJson(200, { tags: [...(file.tags ?? [])] }) : restDetail(404, NOT_FOUND);
}

/** Replaces the set. The same set, in any order or case, writes nothing; `added` and `deleted` come sorted. */
function putTags(req: RestRequest, project: Project, deps: RestDeps, uuid: string): Reply {
    const file = liveFile(project, deps, uuid);
    if (!file) return restDetail(404, NOT_FOUND);
    const body = jsonObject(req);
    if (isReply(body)) return body;
    const tags = tagList(body, "tags", true);
    if (isReply(tags)) return tags;
    const before = file.tags ?? [];
    const added = tags.filter((t) => !before.includes(t)).sort();
    const deleted = before.filter((t) => !tags.includes(t)).sort();
    if (added.length > 0 || deleted.length > 0) changed(deps, file, tags);
    return restJson(200, { tags: [...(file.tags ?? [])], added, deleted });
}

/** Deletes first, then adds; present tags are skipped, absent deletes ignored; `{}` answers the current tags. */
function patchTags(req: RestRequest, project: Project, deps: RestDeps, uuid: string): Reply {
    const file = liveFile(project, deps, uuid);
    if (!file) return restDetail(404, NOT_FOUND);
    const body = jsonObject(req);
    if (isReply(body)) return body;
    const add = tagList(body, "add", false);
    if (isReply(add)) return add;
    const remove = tagList(body, "delete", false, false);
    if (isReply(remove)) return remove;
    const before = file.tags ?? [];
    const deleted = before.filter((t) => remove.includes(t));
    const kept = before.filter((t) => !remove.includes(t));
    const added = add.filter((t) => !kept.includes(t));
    const tags = [...kept, ...added];
    if (tags.length > MAX_TAGS) return restDetail(400, tooMany(tags.length));
    if (added.length > 0 || deleted.length > 0) changed(deps, file, tags);
    return restJson(200, { tags: [...tags], added, deleted });
}

function changed(deps: RestDeps, file: FileRecord, tags: string[]): void {
    file.tags = tags;
    deps.state.save();
    deps.state.events.emit("file.info_updated", file);
}
