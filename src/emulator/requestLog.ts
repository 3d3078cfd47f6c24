import type { RequestLogEntry } from "./types";

/** Query parameters whose values never reach the request log or stderr. */
const REDACTED_QUERY = /([?&](?:pub_key|UPLOADCARE_PUB_KEY|signature|secret_key|secret)=)[^&#]*/gi;

export function redactUrl(url: string): string {
    return url.replace(REDACTED_QUERY, "$1***");
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
