/**
 * Project usage (as the CLI's `project usage` asks for it, https://uploadcare.com/docs/cli/reference/project/):
 * daily traffic, storage and operations between two dates, at most 90 days apart, checked before the request.
 */
import type { UploadcareClient } from "../core/call";
import { UploadcareInputError } from "../core/errors";
import { describeValue } from "../core/ids";
import { projectCall, projectPath, sendFor } from "./request";
import { isProjectUsage, type ProjectUsage } from "./shapes";

/** The longest range Uploadcare answers, in days between `from` and `to`. */
export const MAX_USAGE_DAYS = 90;

const DAY_MS = 86_400_000;

function invalid(property: string, reason: string): UploadcareInputError {
    return new UploadcareInputError(`${property} ${reason}`, [{ property, reason }]);
}

/** A calendar date `YYYY-MM-DD` as UTC midnight, or an input error naming `property`. */
function parseDay(value: unknown, property: string): number {
    const match = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
    const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
    // Date.UTC rolls 2026-02-30 over to March; a real date reads back the same.
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
        throw invalid(property, `must be a date as YYYY-MM-DD, got ${describeValue(value)}`);
    }
    return ms;
}

/** Checks `from`/`to` as Uploadcare would: real dates, in order, at most 90 days apart. */
export function checkUsageRange(from: string, to: string): void {
    const start = parseDay(from, "from");
    const end = parseDay(to, "to");
    if (end < start) throw invalid("to", `must not be before from (${from}), got ${to}`);
    const days = (end - start) / DAY_MS;
    if (days > MAX_USAGE_DAYS) {
        throw invalid("to", `must be at most ${MAX_USAGE_DAYS} days after from (${from}), got ${to}: ${days} days`);
    }
}

/** `GET /projects/<pub_key>/usage/?from=&to=`: `{units, data: [{date, traffic, storage, operations}]}`. */
export async function getProjectUsage(
    client: UploadcareClient,
    pubKey: string,
    range: { from: string; to: string },
): Promise<ProjectUsage> {
    checkUsageRange(range.from, range.to);
    const query = new URLSearchParams({ from: range.from, to: range.to });
    const call = projectCall("GET", projectPath(pubKey, `usage/?${query}`), [200]);
    return sendFor(client, call, "project usage", isProjectUsage);
}
