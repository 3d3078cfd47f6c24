/** REST API v0.7 groups (https://uploadcare.com/api-refs/rest-api/v0.7.0/): list, info, delete. */

import { emptyReply, type Reply } from "../http/reply";
import { parseIsoMicros } from "../state/clock";
import { GROUP_ID_RE } from "../state/ids";
import { restGroup, restGroupWithFiles } from "../state/serialize";
import type { Project } from "../state/state";
import { listPage } from "./listPage";
import { restDetail, restJson } from "./reply";
import { NOT_FOUND, type RestDeps, type RestRequest } from "./types";

/** `GET /groups/`: the project's groups, paginated by `datetime_created` (see listPage.ts). */
export function listGroupsRoute(req: RestRequest, project: Project, deps: RestDeps): Reply {
    const cdnBase = deps.cdnBase?.(project.publicKey);
    return listPage({
        link: `${req.origin}/groups/`,
        field: "datetime_created",
        query: req.query,
        all: deps.state.groups(project.publicKey).map((g) => ({ item: g, time: g.datetimeCreated })),
        serialize: (g) => restGroup(g, deps.apiUrl, cdnBase),
    });
}

/** Unknown, malformed, deleted, other-project and still-lagging ids all answer 404 "Not found.". */
function missingGroupReply(project: Project, deps: RestDeps, id: string, lag: boolean): Reply | undefined {
    if (!GROUP_ID_RE.test(id)) return restDetail(404, NOT_FOUND);
    const group = deps.state.group(project.publicKey, id);
    if (!group) return restDetail(404, NOT_FOUND);
    if (lag && deps.readLagMs > 0) {
        const age = deps.now().getTime() * 1000 - (parseIsoMicros(group.datetimeCreated) ?? 0);
        if (age < deps.readLagMs * 1000) return restDetail(404, NOT_FOUND);
    }
    return undefined;
}

export function groupInfoRoute(_req: RestRequest, project: Project, deps: RestDeps, id: string): Reply {
    const missing = missingGroupReply(project, deps, id, true);
    if (missing) return missing;
    const group = deps.state.group(project.publicKey, id);
    if (!group) return restDetail(404, NOT_FOUND);
    const lookup = (uuid: string) => deps.state.file(project.publicKey, uuid);
    const cdnBase = deps.cdnBase?.(project.publicKey);
    const slash = deps.effectsTrailingSlash;
    return restJson(200, restGroupWithFiles(group, deps.apiUrl, lookup, deps.removedFilesAsNull, cdnBase, slash));
}

/** 204 with an empty body and no Content-Type, as recorded; the member files are left alone. */
export function deleteGroupRoute(_req: RestRequest, project: Project, deps: RestDeps, id: string): Reply {
    const missing = missingGroupReply(project, deps, id, false);
    if (missing) return missing;
    deps.state.deleteGroup(project.publicKey, id);
    return emptyReply(204);
}
