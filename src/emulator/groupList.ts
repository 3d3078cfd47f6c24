import { parseIsoMicros } from "./clock";
import type { Reply } from "./reply";
import type { RestDeps, RestRequest } from "./rest";
import { restDetail, restJson } from "./restReply";
import { restGroup } from "./serialize";
import type { Project } from "./state";
import type { GroupRecord } from "./types";

const MAX_LIMIT = 1000;

/** The checked query of `GET /groups/`. */
interface ListQuery {
    perPage: number;
    ordering: "datetime_created" | "-datetime_created";
    from: number | undefined;
    to: number | undefined;
    offset: number;
}

/**
 * Cursor pagination on `datetime_created`, shaped like the recorded example:
 * `next` = `…/groups/?from=<last datetime_created>&ordering=…&limit=N&offset=0`,
 * `previous` = `…/groups/?ordering=…&limit=N&to=<first datetime_created>&offset=0`.
 * The meaning of `from`/`to`/`offset` is not documented; here `from` and `to` are exclusive bounds in the
 * direction of `ordering` (`next` must not repeat its last item) and `offset` skips items after `from`.
 * `limit` above 1000 is clamped (the emulator's choice); a non-positive or non-integer one is a 400.
 */
export function listGroups(req: RestRequest, project: Project, deps: RestDeps): Reply {
    const query = parseListQuery(req.query);
    if (typeof query === "string") return restDetail(400, query);
    const { perPage, ordering, from, to, offset } = query;
    const desc = ordering === "-datetime_created";
    const all = deps.state.groups(project.publicKey).map((g) => ({ g, t: parseIsoMicros(g.datetimeCreated) ?? 0 }));
    if (desc) all.reverse();
    // "a is before b" in the requested order.
    const before = (a: number, b: number) => (desc ? a > b : a < b);
    const candidates = all.filter(
        (x) => (from === undefined || before(from, x.t)) && (to === undefined || before(x.t, to)),
    );
    const page =
        to !== undefined && from === undefined
            ? candidates.slice(Math.max(0, candidates.length - perPage))
            : candidates.slice(offset, offset + perPage);
    const first = page[0];
    const last = page[page.length - 1];
    const link = (params: string) => `${req.origin}/groups/?${params}`;
    const enc = (g: GroupRecord) => encodeURIComponent(g.datetimeCreated);
    const next =
        last && all.some((x) => before(last.t, x.t))
            ? link(`from=${enc(last.g)}&ordering=${ordering}&limit=${perPage}&offset=0`)
            : null;
    const previous =
        first && all.some((x) => before(x.t, first.t))
            ? link(`ordering=${ordering}&limit=${perPage}&to=${enc(first.g)}&offset=0`)
            : null;
    const results = page.map((x) => restGroup(x.g, deps.apiUrl));
    return restJson(200, { next, previous, total: all.length, per_page: perPage, results });
}

/** The list parameters, or the 400 detail for the first bad one. */
function parseListQuery(q: URLSearchParams): ListQuery | string {
    const limitRaw = q.get("limit");
    const limit = limitRaw === null ? 100 : Number(limitRaw);
    if (!Number.isInteger(limit) || limit <= 0) return "`limit` must be a positive integer.";
    const ordering = q.get("ordering") ?? "datetime_created";
    if (ordering !== "datetime_created" && ordering !== "-datetime_created") {
        return "`ordering` must be one of: datetime_created, -datetime_created.";
    }
    const bounds: Partial<Record<"from" | "to", number>> = {};
    for (const name of ["from", "to"] as const) {
        const raw = q.get(name);
        if (raw === null) continue;
        const micros = parseIsoMicros(raw);
        if (micros === undefined) return `\`${name}\` must be a date and time in ISO-8601 format.`;
        bounds[name] = micros;
    }
    const offsetRaw = q.get("offset");
    const offset = offsetRaw === null ? 0 : Number(offsetRaw);
    if (!Number.isInteger(offset) || offset < 0) return "`offset` must be a non-negative integer.";
    return { perPage: Math.min(limit, MAX_LIMIT), ordering, from: bounds.from, to: bounds.to, offset };
}
