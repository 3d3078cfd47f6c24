import type { Reply } from "../http/reply";
import { parseIsoMicros } from "../state/clock";
import { restDetail, restJson } from "./reply";

const MAX_LIMIT = 1000;

/** The checked query of a REST list (`GET /groups/`, `GET /files/`). */
interface ListQuery {
    perPage: number;
    desc: boolean;
    ordering: string;
    from: number | undefined;
    to: number | undefined;
    offset: number;
}

/** One listed record and its ordering datetime. */
export interface Listed<T> {
    item: T;
    /** The ordering datetime as sent (`2026-11-26T12:00:00.123456Z`). */
    time: string;
}

export interface ListSpec<T> {
    /** e.g. `http://127.0.0.1:4000/files/`: where `next` and `previous` point. */
    link: string;
    /** The datetime field the list is ordered by (`datetime_created`, `datetime_uploaded`). */
    field: string;
    query: URLSearchParams;
    /** Every record that passes the filters, oldest first. */
    all: Listed<T>[];
    serialize: (item: T) => unknown;
    /** More fields of the answer (the filters' own, kept in the links). */
    keep?: [string, string][];
    extra?: Record<string, unknown>;
}

/**
 * Cursor pagination on a datetime, shaped like the recorded group list example:
 * `next` = `…?from=<last datetime>&ordering=…&limit=N&offset=0`, `previous` = `…?ordering=…&limit=N&to=<first>&offset=0`.
 * The meaning of `from`/`to`/`offset` is not documented; here `from` and `to` are exclusive bounds in the
 * direction of `ordering` (`next` must not repeat its last item) and `offset` skips items after `from`.
 * `limit` above 1000 is clamped (the emulator's choice); a non-positive or non-integer one is a 400.
 */
export function listPage<T>(spec: ListSpec<T>): Reply {
    const query = parseListQuery(spec.query, spec.field);
    if (typeof query === "string") return restDetail(400, query);
    const { perPage, ordering, desc, from, to, offset } = query;
    const all = spec.all.map((x) => ({ ...x, t: parseIsoMicros(x.time) ?? 0 }));
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
    const keep = (spec.keep ?? []).map(([k, v]) => `&${k}=${encodeURIComponent(v)}`).join("");
    const link = (params: string) => `${spec.link}?${params}${keep}`;
    const enc = (x: Listed<T>) => encodeURIComponent(x.time);
    const next =
        last && all.some((x) => before(last.t, x.t))
            ? link(`from=${enc(last)}&ordering=${ordering}&limit=${perPage}&offset=0`)
            : null;
    const previous =
        first && all.some((x) => before(x.t, first.t))
            ? link(`ordering=${ordering}&limit=${perPage}&to=${enc(first)}&offset=0`)
            : null;
    const results = page.map((x) => spec.serialize(x.item));
    return restJson(200, { next, previous, total: all.length, ...spec.extra, per_page: perPage, results });
}

/** The list parameters, or the 400 detail for the first bad one. */
function parseListQuery(q: URLSearchParams, field: string): ListQuery | string {
    const limitRaw = q.get("limit");
    const limit = limitRaw === null ? 100 : Number(limitRaw);
    if (!Number.isInteger(limit) || limit <= 0) return "`limit` must be a positive integer.";
    const ordering = q.get("ordering") ?? field;
    if (ordering !== field && ordering !== `-${field}`) {
        return `\`ordering\` must be one of: ${field}, -${field}.`;
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
    const desc = ordering.startsWith("-");
    return { perPage: Math.min(limit, MAX_LIMIT), ordering, desc, from: bounds.from, to: bounds.to, offset };
}
