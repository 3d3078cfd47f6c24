// Peak resident memory (VmHWM, KiB) of the dynamic-provider processes a Pulumi CLI run starts, read from /proc
// while the run goes on. Linux only; elsewhere the peak stays 0.
import * as fs from "node:fs";

function children(pid: number): number[] {
    const out: number[] = [];
    try {
        for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
            const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
            if (text) for (const child of text.split(/\s+/)) out.push(Number(child));
        }
    } catch {
        // The process ended between two reads.
    }
    return out;
}

function providerPeakKb(pid: number): number | undefined {
    try {
        if (!fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("dynamic-provider")) return undefined;
        const match = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        return match ? Number(match[1]) : undefined;
    } catch {
        return undefined;
    }
}

/** Samples the descendants of `rootPid` every `everyMs` until stopped; returns the highest provider VmHWM. */
export function watchProviderRss(rootPid: number, everyMs = 100): { stop(): number } {
    const peaks = new Map<number, number>();
    const sample = () => {
        const queue = [rootPid];
        while (queue.length > 0) {
            const pid = queue.shift() as number;
            const peak = providerPeakKb(pid);
            if (peak !== undefined) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, peak));
            queue.push(...children(pid));
        }
    };
    const timer = setInterval(sample, everyMs);
    return {
        stop() {
            clearInterval(timer);
            sample();
            return Math.max(0, ...peaks.values());
        },
    };
}
