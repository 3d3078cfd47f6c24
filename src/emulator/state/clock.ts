/**
 * Datetimes the way Uploadcare prints them: ISO-8601 with microseconds and "Z". The REST group list paginates on
 * `datetime_created`, so the emulator hands out strictly increasing microsecond timestamps even when the injected
 * clock stands still: a cursor `from=<last datetime_created>` then never skips nor repeats a group.
 */
export class MicroClock {
    private last = 0;

    constructor(private readonly now: () => Date) {}

    /** Microseconds since the epoch, strictly greater than every earlier call. */
    next(): number {
        const micros = Math.max(this.now().getTime() * 1000, this.last + 1);
        this.last = micros;
        return micros;
    }

    /** Lets a reloaded state keep timestamps monotonic across restarts. */
    observe(micros: number): void {
        if (micros > this.last) this.last = micros;
    }

    nextIso(): string {
        return formatMicros(this.next());
    }
}

export function formatMicros(micros: number): string {
    const ms = Math.floor(micros / 1000);
    const frac = String(micros % 1000).padStart(3, "0");
    return `${new Date(ms).toISOString().slice(0, -1)}${frac}Z`;
}

const ISO_RE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses an ISO-8601 date or date-time into microseconds since the epoch; undefined when it is not one. */
export function parseIsoMicros(value: string): number | undefined {
    const m = ISO_RE.exec(value);
    if (!m) return undefined;
    const [, day, hh = "00", mi = "00", ss = "00", frac = "", zone = "Z"] = m;
    const tz = zone === "Z" ? "Z" : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    const ms = Date.parse(`${day}T${hh}:${mi}:${ss}${tz}`);
    if (Number.isNaN(ms)) return undefined;
    return ms * 1000 + Number(frac.padEnd(6, "0").slice(0, 6));
}
