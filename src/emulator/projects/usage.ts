/**
 * `GET /projects/<pub_key>/usage/?from=&to=` (as the CLI's `project usage` asks for it,
 * https://uploadcare.com/docs/cli/reference/project/): one entry per day, at most 90 days apart, else 400. The
 * figures are the emulator's own: bytes stored at the end of each day, files uploaded that day as operations, and no
 * traffic (the emulator's CDN counts none).
 */
import { jsonReply, type Reply } from "../http/reply";
import type { Project } from "../state/projects";
import { validationError } from "./reply";
import type { ProjectApiDeps, ProjectApiRequest } from "./types";

const MAX_DAYS = 90;
const DAY_MS = 86_400_000;

function day(text: string | null): number | undefined {
    if (text === null || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
    const ms = Date.parse(`${text}T00:00:00Z`);
    return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text ? undefined : ms;
}

export function projectUsage(req: ProjectApiRequest, deps: ProjectApiDeps, project: Project): Reply {
    const from = day(req.query.get("from"));
    const to = day(req.query.get("to"));
    if (from === undefined || to === undefined) return validationError("from and to are required, as YYYY-MM-DD.");
    if (to < from) return validationError("to must not be before from.");
    if ((to - from) / DAY_MS > MAX_DAYS) return validationError(`The range must be at most ${MAX_DAYS} days.`);
    const files = deps.state.files(project.publicKey);
    const data = [];
    for (let start = from; start <= to; start += DAY_MS) {
        const end = start + DAY_MS;
        const at = (iso: string | null) => (iso === null ? Number.POSITIVE_INFINITY : Date.parse(iso));
        const storage = files
            .filter((f) => at(f.datetimeStored) < end && at(f.datetimeRemoved) >= end)
            .reduce((sum, f) => sum + f.size, 0);
        const operations = files.filter((f) => at(f.datetimeUploaded) >= start && at(f.datetimeUploaded) < end).length;
        data.push({ date: new Date(start).toISOString().slice(0, 10), traffic: 0, storage, operations });
    }
    return jsonReply(200, { units: { traffic: "bytes", storage: "bytes", operations: "count" }, data });
}
