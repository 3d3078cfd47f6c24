import { UploadcareEmulatorError } from "../errors";
import type { FaultRule } from "../types";

/** mulberry32: tiny, seedable, good enough to make `probability` reproducible. */
export function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** What to do with one request: an optional delay first, then at most one non-delay fault. */
export interface FaultDecision {
    delayMs: number;
    fault?: FaultRule;
}

interface ActiveRule {
    rule: FaultRule;
    remaining: number;
}

/**
 * Injected faults, matched in order. Every matching rule whose probability draw succeeds is consumed (`times`
 * counts applications, not matches). Delays add up and let matching continue; the first other rule decides.
 */
export class Faults {
    private rules: ActiveRule[] = [];
    private readonly random: () => number;

    constructor(seed: number) {
        this.random = prng(seed);
    }

    /** All or nothing: one bad rule and none of them is injected. */
    inject(rules: FaultRule[]): void {
        for (const rule of rules) validateRule(rule);
        for (const rule of rules) this.rules.push({ rule, remaining: rule.times ?? 1 });
    }

    clear(): void {
        this.rules = [];
    }

    get active(): FaultRule[] {
        return this.rules.filter((r) => r.remaining > 0).map((r) => r.rule);
    }

    decide(method: string, path: string): FaultDecision {
        const decision: FaultDecision = { delayMs: 0 };
        for (const active of this.rules) {
            if (active.remaining <= 0 || !matches(active.rule, method, path)) continue;
            if (this.random() >= (active.rule.probability ?? 1)) continue;
            active.remaining--;
            if (active.rule.action === "delay") {
                decision.delayMs += active.rule.delayMs ?? 0;
                continue;
            }
            decision.fault = active.rule;
            break;
        }
        this.rules = this.rules.filter((r) => r.remaining > 0);
        return decision;
    }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
    if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false;
    if (rule.path === undefined) return true;
    if (typeof rule.path === "string") return path.startsWith(rule.path);
    rule.path.lastIndex = 0;
    return rule.path.test(path);
}

/** A fault rule that cannot be applied (from the admin API, the CLI or code). */
export class FaultRuleError extends UploadcareEmulatorError {}

const ACTIONS = new Set(["status", "reset-before", "reset-after", "delay"]);
/** The longest delay a timer can wait (2^31 - 1 ms, about 24 days). */
const MAX_DELAY_MS = 2_147_483_647;

/** Checks a rule from any source (admin JSON, CLI, code), so a bad one is refused up front, not at a later request. */
export function validateRule(rule: FaultRule): void {
    if (!ACTIONS.has(rule.action)) throw new FaultRuleError(`unknown fault action ${JSON.stringify(rule.action)}`);
    if (rule.action === "status" && !(Number.isInteger(rule.status) && (rule.status ?? 0) >= 200)) {
        throw new FaultRuleError('a "status" fault needs an integer `status` within 200..599');
    }
    if ((rule.status ?? 0) > 599) throw new FaultRuleError("`status` must be within 200..599");
    if (rule.method !== undefined && typeof rule.method !== "string") {
        throw new FaultRuleError("`method` must be a string");
    }
    if (
        rule.delayMs !== undefined &&
        !(typeof rule.delayMs === "number" && rule.delayMs >= 0 && rule.delayMs <= MAX_DELAY_MS)
    ) {
        throw new FaultRuleError(`\`delayMs\` must be a number within 0..${MAX_DELAY_MS}`);
    }
    if (rule.retryAfter !== undefined && typeof rule.retryAfter !== "number" && typeof rule.retryAfter !== "string") {
        throw new FaultRuleError("`retryAfter` must be a number of seconds or an HTTP date");
    }
    if (rule.times !== undefined && !(rule.times >= 0)) throw new FaultRuleError("`times` must be >= 0");
    if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) {
        throw new FaultRuleError("`probability` must be within 0..1");
    }
}

/**
 * Rules as they arrive over the admin API (JSON): `path` may be `{regex, flags?}` and `times` may be
 * "Infinity" or null (JSON has no Infinity). A string is a one-line spec (see `parseFaultSpec`).
 */
export function ruleFromJson(value: unknown): FaultRule {
    if (typeof value === "string") return parseFaultSpec(value);
    if (typeof value !== "object" || value === null) {
        throw new FaultRuleError('a fault rule must be an object or a one-line spec such as "* * status:503 0.3"');
    }
    const raw = value as Record<string, unknown>;
    const rule = { ...raw } as unknown as FaultRule & Record<string, unknown>;
    const path = raw.path;
    if (typeof path === "object" && path !== null) {
        const { regex, flags } = path as { regex?: unknown; flags?: unknown };
        if (typeof regex !== "string") throw new FaultRuleError("`path` must be a string or {regex}");
        rule.path = regexFrom(regex, flags);
    } else if (path !== undefined && typeof path !== "string") {
        throw new FaultRuleError("`path` must be a string or {regex}");
    }
    if (raw.times === "Infinity" || raw.times === null) rule.times = Number.POSITIVE_INFINITY;
    validateRule(rule);
    return rule;
}

function regexFrom(source: string, flags: unknown): RegExp {
    try {
        return new RegExp(source, typeof flags === "string" ? flags : "");
    } catch (e) {
        throw new FaultRuleError(`\`path.regex\` is not a valid regular expression: ${(e as Error).message}`);
    }
}

/**
 * A fault rule written on one line, for the CLI (`--fault`) and the admin API (a string in `POST faults`):
 *
 *     [METHOD|*] [PATH|*] ACTION [PROBABILITY] [xTIMES]
 *
 * ACTION is `reset-before`, `reset-after`, `delay:MS`, `status:CODE` or `status:429:RETRY_AFTER_SECONDS`.
 * PATH is a prefix of the request path (query excluded). PROBABILITY is within 0..1 (default 1). TIMES is how many
 * requests the rule applies to; unlike rules given as objects it defaults to unlimited, because a line describes a
 * lasting fault profile. Examples: `POST /group/ reset-after 0.3`, `* * status:503 0.3`, `GET /groups/ delay:200`,
 * `status:429:2 x5`.
 */
export function parseFaultSpec(spec: string): FaultRule {
    const tokens = spec.trim().split(/\s+/).filter(Boolean);
    const at = tokens.findIndex((t) => /^(reset-before|reset-after|delay(:|$)|status(:|$))/.test(t));
    if (at < 0) {
        throw new FaultRuleError(
            `fault "${spec}" names no action: use reset-before, reset-after, delay:MS or status:CODE[:RETRY_AFTER]`,
        );
    }
    const head = tokens.slice(0, at);
    if (head.length > 2) throw new FaultRuleError(`fault "${spec}": expected [METHOD] [PATH] before the action`);
    const rule: FaultRule = { action: "status", times: Number.POSITIVE_INFINITY };
    for (const token of head) {
        if (token === "*") continue;
        if (token.startsWith("/")) rule.path = token;
        else if (/^[A-Za-z]+$/.test(token)) rule.method = token.toUpperCase();
        else throw new FaultRuleError(`fault "${spec}": "${token}" is neither a method nor a path starting with /`);
    }
    const [action = "", arg1, arg2, ...extra] = (tokens[at] ?? "").split(":");
    if (extra.length > 0) throw new FaultRuleError(`fault "${spec}": too many ":" in "${tokens[at]}"`);
    const num = (text: string | undefined, what: string): number => {
        const n = Number(text);
        if (text === undefined || text === "" || !Number.isFinite(n) || n < 0) {
            throw new FaultRuleError(`fault "${spec}": ${what} must be a non-negative number, got "${text ?? ""}"`);
        }
        return n;
    };
    if (action === "reset-before" || action === "reset-after") {
        if (arg1 !== undefined) throw new FaultRuleError(`fault "${spec}": ${action} takes no argument`);
        rule.action = action;
    } else if (action === "delay") {
        rule.action = "delay";
        rule.delayMs = num(arg1, "delay:MS");
    } else {
        rule.action = "status";
        rule.status = num(arg1, "status:CODE");
        if (arg2 !== undefined) rule.retryAfter = num(arg2, "the Retry-After of status:CODE:SECONDS");
    }
    for (const token of tokens.slice(at + 1)) {
        const times = /^(?:x|times=)(\d+)$/.exec(token);
        if (times) rule.times = Number(times[1]);
        else rule.probability = num(token, "the probability");
    }
    validateRule(rule);
    return rule;
}
