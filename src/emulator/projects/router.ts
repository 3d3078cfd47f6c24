/**
 * The Project API (account level, bearer token), served at `/projects/…` and, for clients configured with the
 * CLI's documented base, under `/apps/api/project-api/v1/` too (https://uploadcare.com/docs/cli/reference/project/):
 * the two bases the official tools name. Order: the token (401 `invalid_token`), the route (404), the method (405),
 * a read-only emulator's refusal (503), then the project named in the path (404 once soft-deleted).
 */
import { sameText } from "../http/constantTime";
import type { Reply } from "../http/reply";
import { READ_ONLY_MESSAGE, READ_ONLY_STATUS } from "../state/readOnly";
import { createProject, deleteProject, getProject, listProjects, updateProject } from "./handlers";
import { NOT_FOUND, projectError } from "./reply";
import { createSecret, deleteSecret, listSecrets } from "./secrets";
import type { ProjectApiDeps, ProjectApiRequest, ProjectHandler } from "./types";
import { projectUsage } from "./usage";

/** The CLI's documented base path; `/projects/` at the root is what uploadcare-go requests. */
const LONG_PREFIX = "/apps/api/project-api/v1";

type AccountHandler = (req: ProjectApiRequest, deps: ProjectApiDeps) => Reply;

interface Route {
    pattern: RegExp;
    methods: Partial<Record<string, ProjectHandler | AccountHandler>>;
    /** Whether the first parameter names a project (which must then be live). */
    scoped: boolean;
}

const ROUTES: Route[] = [
    { pattern: /^\/projects\/$/, methods: { GET: listProjects, POST: createProject }, scoped: false },
    {
        pattern: /^\/projects\/([^/]+)\/$/,
        methods: { GET: getProject, POST: updateProject, DELETE: deleteProject },
        scoped: true,
    },
    { pattern: /^\/projects\/([^/]+)\/secrets\/$/, methods: { GET: listSecrets, POST: createSecret }, scoped: true },
    { pattern: /^\/projects\/([^/]+)\/secrets\/([^/]+)\/$/, methods: { DELETE: deleteSecret }, scoped: true },
    { pattern: /^\/projects\/([^/]+)\/usage\/$/, methods: { GET: projectUsage }, scoped: true },
];

/** The prefix a Project API path starts with (`""` or the long one), or undefined when it is not one. */
export function projectApiPrefix(path: string): string | undefined {
    if (path.startsWith("/projects/")) return "";
    return path.startsWith(`${LONG_PREFIX}/projects/`) ? LONG_PREFIX : undefined;
}

function authorized(header: string | string[] | undefined, token: string | undefined): boolean {
    const value = Array.isArray(header) ? header[0] : header;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(value ?? "");
    return token !== undefined && token !== "" && match?.[1] !== undefined && sameText(match[1], token);
}

export function handleProjectApi(req: ProjectApiRequest, deps: ProjectApiDeps): Reply {
    if (!authorized(req.headers.authorization, deps.token)) {
        return projectError(401, "Invalid token.", "invalid_token");
    }
    const route = ROUTES.find((r) => r.pattern.test(req.path));
    if (!route) return projectError(404, "Not found.", "not_found_error");
    const method = req.method.toUpperCase();
    const handler = route.methods[method];
    if (!handler) return projectError(405, `Method "${method}" not allowed.`, "method_not_allowed");
    if (deps.readOnly && method !== "GET") return projectError(READ_ONLY_STATUS, READ_ONLY_MESSAGE, "read_only");
    if (!route.scoped) return (handler as AccountHandler)(req, deps);
    const [, pubKey = "", id = ""] = route.pattern.exec(req.path) ?? [];
    const project = deps.state.project(decoded(pubKey));
    if (!project) return NOT_FOUND();
    return (handler as ProjectHandler)(req, deps, project, decoded(id));
}

/** A path parameter decoded; a malformed escape names nothing that exists. */
function decoded(param: string): string {
    try {
        return decodeURIComponent(param);
    } catch {
        return "";
    }
}

/** For a body too large to read: the token's answer first, else 413. */
export function projectApiTooLarge(req: Omit<ProjectApiRequest, "body">, deps: ProjectApiDeps): Reply {
    if (!authorized(req.headers.authorization, deps.token)) {
        return projectError(401, "Invalid token.", "invalid_token");
    }
    return projectError(413, "Request body is too large.", "request_too_large");
}
