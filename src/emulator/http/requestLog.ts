import type { RequestLogEntry } from "../types";

/**
 * Query parameters of the REST and Upload APIs whose values are kept in the request log: paging, filters, flags
 * and ids. Any other value (keys, signatures, part tokens, `source_url`, anything unknown, which may be a secret
 * the caller put in a URL) is logged as `***`; the names always show.
 */
const KEPT_VALUES = new Set([
    "limit",
    "ordering",
    "from",
    "to",
    "stored",
    "removed",
    "include",
    "offset",
    "jsonerrors",
    "group_id",
    "file_id",
    "uuid",
    "check_url_duplicates",
    "save_url_duplicates",
    "store",
    "uploadcare_store",
    "expire",
    "filename",
    "size",
    "part_size",
    "content_type",
    "partnumber",
    "uploadid",
]);

function nameOf(raw: string): string {
    try {
        return decodeURIComponent(raw.replace(/\+/g, " ")).toLowerCase();
    } catch {
        return raw.toLowerCase();
    }
}

/** The path and query as received, with every query value but the known ones replaced by `***`. */
export function redactUrl(url: string): string {
    const q = url.indexOf("?");
    if (q < 0) return url;
    const pairs = url.slice(q + 1).split("&");
    const redacted = pairs.map((pair) => {
        const eq = pair.indexOf("=");
        if (eq < 0) return pair;
        const name = pair.slice(0, eq);
        return KEPT_VALUES.has(nameOf(name)) ? pair : `${name}=***`;
    });
    return `${url.slice(0, q)}?${redacted.join("&")}`;
}

/** The request log: newest `limit` entries in memory (the `Emulator.requests` array) and, unless quiet, stderr. */
export class RequestLog {
    readonly entries: RequestLogEntry[] = [];

    constructor(
        private readonly limit: number,
        private readonly quiet: boolean,
    ) {}

    add(entry: RequestLogEntry): void {
        this.entries.push(entry);
        if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
        if (this.quiet) return;
        const fault = entry.fault ? ` [${entry.fault}]` : "";
        process.stderr.write(`${entry.time} ${entry.api} ${entry.method} ${entry.path} ${entry.status}${fault}\n`);
    }

    /** Empties the array in place: callers may hold `Emulator.requests`. */
    clear(): void {
        this.entries.length = 0;
    }
}
