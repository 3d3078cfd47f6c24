import { listPage } from "./listPage";
import type { Reply } from "./reply";
import type { RestDeps, RestRequest } from "./rest";
import { restGroup } from "./serialize";
import type { Project } from "./state";

/** `GET /groups/`: the project's groups, paginated by `datetime_created` (see listPage.ts). */
export function listGroups(req: RestRequest, project: Project, deps: RestDeps): Reply {
    const cdnBase = deps.cdnBase?.(project.publicKey);
    return listPage({
        link: `${req.origin}/groups/`,
        field: "datetime_created",
        query: req.query,
        all: deps.state.groups(project.publicKey).map((g) => ({ item: g, time: g.datetimeCreated })),
        serialize: (g) => restGroup(g, deps.apiUrl, cdnBase),
    });
}
