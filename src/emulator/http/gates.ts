import { setTimeout as sleep } from "node:timers/promises";
import { projectError } from "../projects/reply";
import { restDetail, throttledDetail } from "../rest/reply";
import type { Runtime } from "../runtime";
import type { RequestLogEntry } from "../types";
import { errorFormat, uploadStatusError } from "../upload/errors";
import type { Reply } from "./reply";

/** What the injected behaviour decided for one REST or Upload request, before it reaches its handler. */
export type GateOutcome = { kind: "pass"; resetAfter: boolean } | { kind: "reply"; reply: Reply } | { kind: "reset" };

/**
 * Applies the fault rules (delay first, then at most one fault), then the throttle bursts, then the rate limit, and
 * notes what it injected in `entry.fault`.
 */
export async function passGates(
    runtime: Runtime,
    api: "rest" | "upload" | "project",
    req: { method: string; path: string; query: URLSearchParams },
    entry: RequestLogEntry,
): Promise<GateOutcome> {
    const notes: string[] = [];
    const decision = runtime.faults.decide(req.method, req.path);
    if (decision.delayMs > 0) {
        notes.push(`delay:${decision.delayMs}`);
        await sleep(decision.delayMs);
    }
    const fault = decision.fault;
    if (fault) notes.push(fault.action === "status" ? `status:${fault.status}` : fault.action);
    if (notes.length > 0) entry.fault = notes.join(",");

    if (fault?.action === "reset-before") return { kind: "reset" };
    if (fault?.action === "status") {
        return { kind: "reply", reply: statusFault(runtime, api, req.query, fault.status ?? 500, fault.retryAfter) };
    }
    for (const [name, wait] of [
        ["throttle-burst", () => runtime.bursts.take()],
        ["rate-limit", () => runtime.limiter.take()],
    ] as const) {
        const retry = wait();
        if (retry === undefined) continue;
        entry.fault = entry.fault ? `${entry.fault},${name}` : name;
        return { kind: "reply", reply: statusFault(runtime, api, req.query, 429, retry) };
    }
    return { kind: "pass", resetAfter: fault?.action === "reset-after" };
}

/**
 * An injected (or rate-limit) error status in the API's own error format. REST 5xx are not JSON ("except for the
 * 5xx server errors", REST errors doc), so they get Django's plain HTML page.
 */
export function statusFault(
    runtime: Runtime,
    api: "rest" | "upload" | "project",
    query: URLSearchParams,
    status: number,
    retry?: number | string,
): Reply {
    const seconds = retrySeconds(retry, runtime.now());
    let reply: Reply;
    if (api === "upload") reply = uploadStatusError(errorFormat(query, uploadErrorStatus(runtime)), status);
    else if (api === "project") reply = projectError(status, `Request failed with status ${status}.`, "error");
    else if (status === 429) reply = restDetail(429, throttledDetail(seconds));
    else if (status >= 500) {
        reply = { status, headers: { "Content-Type": "text/html" }, body: `<h1>Server Error (${status})</h1>` };
    } else reply = restDetail(status, `Request failed with status ${status}.`);
    if (status === 429 || retry !== undefined) reply.headers["Retry-After"] = String(retry ?? seconds);
    return reply;
}

export function uploadErrorStatus(runtime: Runtime): { jsonErrorsStatus: "real" | 200 } {
    return { jsonErrorsStatus: runtime.options.uploadJsonErrorsStatus ?? "real" };
}

/** Retry-After as seconds for the throttled message: a number, a numeric string, or an HTTP date; at least 1. */
function retrySeconds(retry: number | string | undefined, now: Date): number {
    if (retry === undefined) return 1;
    const n = Number(retry);
    if (Number.isFinite(n)) return Math.max(1, Math.ceil(n));
    const at = Date.parse(String(retry));
    return Number.isNaN(at) ? 1 : Math.max(1, Math.ceil((at - now.getTime()) / 1000));
}
