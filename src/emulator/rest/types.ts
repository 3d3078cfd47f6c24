/**
 * What the REST router and its route files share: the request, the dependencies, and the shape of a route table
 * entry. Kept apart from the router so route files never import it (the router imports them).
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "../http/reply";
import type { Project, State } from "../state/state";

/** DRF's 404 `detail`, the same for every route. */
export const NOT_FOUND = "Not found.";

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
    /** Base of resource `url` fields: scheme and `Host` of the request, like the pagination links. */
    apiUrl: string;
    now: () => Date;
    readLagMs: number;
    requireAcceptHeader: boolean;
    removedFilesAsNull: boolean;
    /** `restEffectsTrailingSlash` (default true). */
    effectsTrailingSlash?: boolean;
    /** `readOnlyState`: changes (DELETE, PUT) are refused with 503, see state/readOnly.ts. */
    readOnly: boolean;
    /** The CDN base of a project's URLs (no trailing slash); the legacy shared CDN when absent. */
    cdnBase?: (publicKey: string) => string;
}

export type RestHandler = (req: RestRequest, project: Project, deps: RestDeps, param: string) => Reply;

export interface Route {
    pattern: RegExp;
    allow: string;
    methods: Partial<Record<string, RestHandler>>;
}
