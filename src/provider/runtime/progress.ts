/**
 * Progress of long operations for the user (`logo.mp4: part 4/10`, `hero.jpg: fetching from https://…, waiting
 * (35 s)`, `site: 1,200/10,000 uploaded`): shown on the resource's row of `pulumi up` through the engine
 * (./engineLog.ts explains what the CLI shows of each channel), at most about once a second per operation, so a
 * 10,000-file sync or a 1 GB upload does not flood the output.
 */
import { captureRequestUrns, currentUrn, dynamicProviderEngineAddress, type EngineSend, engineLog } from "./engineLog";

export interface ProgressOptions {
    /** Milliseconds between two lines of one operation (default 1,000). */
    intervalMs?: number;
    /** Clock in ms (tests inject one). */
    now?: () => number;
    /** The resource the line is about (default: the operation running, ./engineLog.ts `currentUrn`). */
    urn?: () => string | undefined;
}

/** Operations remembered at once; a failed operation never sends its last line, so old ones are forgotten. */
const MAX_OPERATIONS = 1_000;

/**
 * Rate-limits lines per operation. An operation is a resource (URN) and a kind of line, the line with its numbers
 * left out: `site: 1,200/10,000 uploaded` and `site: 1,300/10,000 uploaded` are one operation, `site: 12 stored`
 * another, so a one-off line is never held back by a running count. An operation's first line goes out, then at
 * most one per `intervalMs`; a line whose count is complete (`10/10`, `10,000/10,000`) always goes, and ends the
 * operation. Lines are scrubbed (`scrubLine`) first.
 */
export function throttledProgress(send: EngineSend, options: ProgressOptions = {}): (line: string) => void {
    const interval = options.intervalMs ?? 1_000;
    const now = options.now ?? Date.now;
    const urnOf = options.urn ?? currentUrn;
    const lastSent = new Map<string, number>();
    return (raw) => {
        const line = scrubLine(raw);
        const urn = urnOf();
        const key = `${urn ?? ""}\n${line.replace(/\d(?:[\d,.]*\d)?/g, "#")}`;
        const final = isComplete(line);
        const previous = lastSent.get(key);
        const time = now();
        if (!final && previous !== undefined && time - previous < interval) return;
        lastSent.delete(key);
        if (!final) lastSent.set(key, time);
        if (lastSent.size > MAX_OPERATIONS) lastSent.delete(lastSent.keys().next().value as string);
        send(line, urn);
    };
}

/** Whether the line's last `k/n` count is complete (k = n). */
function isComplete(line: string): boolean {
    const counts = [...line.matchAll(/(\d[\d,]*)\s*\/\s*(\d[\d,]*)/g)];
    const last = counts[counts.length - 1];
    return last !== undefined && last[1]?.replaceAll(",", "") === last[2]?.replaceAll(",", "");
}

/**
 * Never a secret in a line: callers build lines from file names and counts, and URLs through `safeUrlText`;
 * this is the second guard. Any URL loses its user info, query and fragment (where presigned signatures and
 * tokens travel), and a line is cut to 300 characters.
 */
export function scrubLine(line: string): string {
    const scrubbed = line
        .replace(/([a-z][a-z\d+.-]*:\/\/)[^\s/@]*@/gi, "$1")
        .replace(/([a-z][a-z\d+.-]*:\/\/[^\s?#]*)[?#]\S*?(?=[,;)]?(\s|$))/gi, "$1");
    return scrubbed.length > 300 ? `${scrubbed.slice(0, 299)}…` : scrubbed;
}

/**
 * The runtime's default `progress`: in Pulumi's dynamic provider host, to the engine (ephemeral, on the
 * resource's row); anywhere else (a program's lookups, tests) to `log`. The native plugin passes its own
 * (`engineProgress`, src/native/main.ts).
 */
export function defaultProgress(log: (line: string) => void): (line: string) => void {
    const address = dynamicProviderEngineAddress();
    if (!address) return log;
    captureRequestUrns();
    return engineProgress(address, log);
}

/** Progress to the engine at `address` (rate-limited), `fallback` for what the engine does not take. */
export function engineProgress(address: string, fallback: (line: string) => void): (line: string) => void {
    return throttledProgress(engineLog(address, fallback));
}
