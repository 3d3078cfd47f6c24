/** What the Project API router and its route files share. */
import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "../http/reply";
import type { Project } from "../state/projects";
import type { State } from "../state/state";

export interface ProjectApiRequest {
    method: string;
    /** The path after the API's prefix: `/projects/…`. */
    path: string;
    query: URLSearchParams;
    headers: IncomingHttpHeaders;
    body: Buffer;
    /** Scheme, host and prefix the client used, for absolute `next` links. */
    base: string;
}

export interface ProjectApiDeps {
    state: State;
    /** The bearer token the API accepts; none: every request is refused. */
    token: string | undefined;
    now: () => Date;
    readOnly: boolean;
}

/** A route's handler: the project named in the path (live), and the rest of the path's parameters. */
export type ProjectHandler = (req: ProjectApiRequest, deps: ProjectApiDeps, project: Project, id: string) => Reply;
