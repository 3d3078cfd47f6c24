/** Upload API groups (https://uploadcare.com/api-refs/upload-api/, "Groups"): `POST /group/` and `GET /group/info/`. */
import type { ParsedForm } from "../http/form";
import { jsonReply, type Reply } from "../http/reply";
import { uploadGroup } from "../state/serialize";
import type { GroupMember } from "../types";
import { authorizedForm, isReply, projectFor } from "./auth";
import { type UploadErrorFormat, uploadError } from "./errors";
import type { UploadDeps, UploadRequest } from "./types";

/** "File groups can contain up to 1000 files." */
export const MAX_GROUP_FILES = 1000;

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
export function createGroupRoute(req: UploadRequest, deps: UploadDeps, fmt: UploadErrorFormat): Reply {
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
export function groupInfo(req: UploadRequest, deps: UploadDeps, fmt: UploadErrorFormat): Reply {
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
