import { BlockList, isIP } from "node:net";
import { FaultRuleError, ruleFromJson } from "./faults";
import { READ_ONLY_MESSAGE, READ_ONLY_STATUS } from "./read-only";
import { jsonReply, type Reply } from "./reply";
import type { FaultRule, FileRecord, GroupRecord, RequestLogEntry } from "./types";

export const ADMIN_PREFIX = "/__emulator/";

/** What the admin API can do; implemented by the emulator so in-process and HTTP controls share one code path. */
export interface AdminControls {
    url: string;
    publicKey: string;
    /** `readOnlyState`: the routes that change files or groups answer 503 (faults, rate limits etc. still work). */
    readOnly: boolean;
    projectKeys(): string[];
    requests: RequestLogEntry[];
    clearRequests(): void;
    injectFaults(rules: FaultRule[]): void;
    clearFaults(): void;
    activeFaults(): FaultRule[];
    setRateLimit(rps: number | undefined): void;
    rateLimit(): number | undefined;
    setThrottleBursts(bursts: { everyMs: number; durationMs: number } | undefined): void;
    throttleBursts(): { everyMs: number; durationMs: number } | undefined;
    groups(projectPublicKey?: string): GroupRecord[];
    files(projectPublicKey?: string): FileRecord[];
    createFiles(count: number, opts?: { stored?: boolean; projectPublicKey?: string }): string[];
    deleteGroupOutOfBand(id: string): boolean;
    removeFileOutOfBand(uuid: string): boolean;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/**
 * The admin API needs no auth, so it only answers loopback peers (127.0.0.0/8, ::1, IPv4-mapped loopback). That
 * matters when someone binds the emulator to 0.0.0.0 to reach it from a container.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
    if (!address) return false;
    // Dual-stack sockets report IPv4 peers as ::ffff:a.b.c.d.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    const addr = mapped ?? address;
    const family = isIP(addr);
    if (family === 4) return LOOPBACK.check(addr, "ipv4");
    if (family === 6) return LOOPBACK.check(addr, "ipv6");
    return false;
}

export interface AdminRequest {
    method: string;
    path: string;
    body: Buffer;
    remoteAddress: string | undefined;
}

/** Admin routes that change files or groups (as opposed to the emulator's own behaviour: faults, limits, log). */
const STATE_CHANGES = /^(?:POST files|DELETE groups\/[^/]+|DELETE files\/[^/]+)$/;

const adminError = (status: number, error: string): Reply => jsonReply(status, { error });

/**
 * `/__emulator/…`: GET state, GET|DELETE requests, POST|DELETE faults (rule objects or one-line specs), POST
 * rate-limit {rps}, POST throttle-bursts {everyMs, durationMs} (or null), POST files {count, stored,
 * projectPublicKey} → {uuids}, DELETE groups/:id, DELETE files/:uuid. Signatures are never exposed here.
 */
export function handleAdmin(req: AdminRequest, controls: AdminControls): Reply {
    if (!isLoopbackAddress(req.remoteAddress)) return adminError(403, "the emulator admin API only answers loopback");
    const route = `${req.method.toUpperCase()} ${req.path.slice(ADMIN_PREFIX.length).replace(/\/$/, "")}`;
    let body: unknown;
    try {
        body = req.body.length > 0 ? JSON.parse(req.body.toString("utf8")) : undefined;
    } catch {
        return adminError(400, "body is not JSON");
    }
    if (controls.readOnly && STATE_CHANGES.test(route)) return adminError(READ_ONLY_STATUS, READ_ONLY_MESSAGE);
    try {
        return dispatch(route, body, controls) ?? adminError(404, `no admin route ${route}`);
    } catch (e) {
        if (e instanceof FaultRuleError || e instanceof RangeError || e instanceof URIError) {
            return adminError(400, e.message);
        }
        throw e;
    }
}

function dispatch(route: string, body: unknown, c: AdminControls): Reply | undefined {
    const obj = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    switch (route) {
        case "GET state":
            return jsonReply(200, {
                url: c.url,
                publicKey: c.publicKey,
                rateLimit: c.rateLimit() ?? null,
                throttleBursts: c.throttleBursts() ?? null,
                faults: c.activeFaults().map(faultToJson),
                projects: Object.fromEntries(
                    c.projectKeys().map((pk) => [pk, { groups: c.groups(pk), files: c.files(pk) }]),
                ),
            });
        case "GET requests":
            return jsonReply(200, c.requests);
        case "DELETE requests":
            c.clearRequests();
            return { status: 204, headers: {}, body: "" };
        case "GET faults":
            return jsonReply(200, c.activeFaults().map(faultToJson));
        case "POST faults": {
            if (!Array.isArray(body)) return adminError(400, "expected a JSON array of fault rules");
            const rules = body.map(ruleFromJson);
            c.injectFaults(rules);
            return jsonReply(200, { injected: rules.length });
        }
        case "DELETE faults":
            c.clearFaults();
            return { status: 204, headers: {}, body: "" };
        case "POST rate-limit": {
            const rps = obj.rps;
            if (rps !== null && rps !== undefined && typeof rps !== "number") {
                return adminError(400, "rps must be a number or null");
            }
            c.setRateLimit(rps ?? undefined);
            return jsonReply(200, { rps: rps ?? null });
        }
        case "POST throttle-bursts": {
            if (body === null || body === undefined) {
                c.setThrottleBursts(undefined);
                return jsonReply(200, { throttleBursts: null });
            }
            const { everyMs, durationMs } = obj;
            if (typeof everyMs !== "number" || typeof durationMs !== "number") {
                return adminError(400, "expected {everyMs, durationMs} (numbers) or null");
            }
            c.setThrottleBursts({ everyMs, durationMs });
            return jsonReply(200, { throttleBursts: { everyMs, durationMs } });
        }
        case "POST files": {
            const count = obj.count ?? 1;
            if (typeof count !== "number" || !Number.isInteger(count) || count < 0 || count > 10_000) {
                return adminError(400, "count must be an integer within 0..10000");
            }
            const opts: { stored?: boolean; projectPublicKey?: string } = { stored: obj.stored !== false };
            if (typeof obj.projectPublicKey === "string") opts.projectPublicKey = obj.projectPublicKey;
            return jsonReply(200, { uuids: c.createFiles(count, opts) });
        }
    }
    const group = /^DELETE groups\/([^/]+)$/.exec(route);
    if (group?.[1]) {
        const ok = c.deleteGroupOutOfBand(decodeURIComponent(group[1]));
        return ok ? { status: 204, headers: {}, body: "" } : adminError(404, "no such group");
    }
    const file = /^DELETE files\/([^/]+)$/.exec(route);
    if (file?.[1]) {
        const ok = c.removeFileOutOfBand(decodeURIComponent(file[1]));
        return ok ? { status: 204, headers: {}, body: "" } : adminError(404, "no such file");
    }
    return undefined;
}

/** RegExp paths and Infinity do not survive JSON.stringify; give them the shapes `POST faults` accepts. */
function faultToJson(rule: FaultRule): Record<string, unknown> {
    const out: Record<string, unknown> = { ...rule };
    if (rule.path instanceof RegExp) out.path = { regex: rule.path.source, flags: rule.path.flags };
    if (rule.times === Number.POSITIVE_INFINITY) out.times = "Infinity";
    return out;
}
