/**
 * The page envelope of every Project API list, `{next, previous, total, per_page, results}` with absolute links
 * (as uploadcare-go reads it). `limit` and `offset` are the emulator's parameter names; the real ones beyond
 * `limit` are not documented.
 */
import { jsonReply, type Reply } from "../http/reply";
import { validationError } from "./reply";
import type { ProjectApiRequest } from "./types";

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

function whole(text: string | null, fallback: number): number {
    if (text === null) return fallback;
    return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

/** One page of `items` as the request asks for it. */
export function pageReply<T>(req: ProjectApiRequest, items: readonly T[], show: (item: T) => unknown): Reply {
    const limit = whole(req.query.get("limit"), DEFAULT_LIMIT);
    const offset = whole(req.query.get("offset"), 0);
    if (!(limit >= 1 && limit <= MAX_LIMIT)) return validationError(`limit must be from 1 to ${MAX_LIMIT}.`);
    if (Number.isNaN(offset)) return validationError("offset must be a whole number.");
    const link = (at: number) => {
        const url = new URL(`${req.base}${req.path}`);
        url.searchParams.set("limit", String(limit));
        url.searchParams.set("offset", String(at));
        return url.href;
    };
    return jsonReply(200, {
        next: offset + limit < items.length ? link(offset + limit) : null,
        previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
        total: items.length,
        per_page: limit,
        results: items.slice(offset, offset + limit).map(show),
    });
}
