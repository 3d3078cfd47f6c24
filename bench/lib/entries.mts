// State entries in `pulumi stack export`: the median bytes of one resource entry of a type, and a field-by-field
// breakdown of a representative entry (what costs bytes), ours against the floor's (bench:Noop given the same
// inputs). Also the Webhook comparison: bench/programs/webhooks against bench/programs/floor with shape webhook.
import { randomBytes } from "node:crypto";
import type { BenchContext } from "./context.mts";

type Entry = Record<string, unknown>;
type ExportedState = { deployment: { resources?: { type: string }[] } };

const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? "");

/**
 * Bytes of each key of an object as it stands in its JSON text: `"key":<value>`. The sum over the keys plus the
 * braces and one comma between keys is the object's JSON length.
 */
export function keyBytes(object: unknown): Record<string, number> {
    if (typeof object !== "object" || object === null) return {};
    return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, jsonBytes(k) + 1 + jsonBytes(v)]));
}

export interface EntryBreakdown {
    /** JSON bytes of this entry. */
    bytes: number;
    /** Every top-level field of the entry (urn, type, inputs, outputs, sourcePosition, stackTrace, …). */
    fields: Record<string, number>;
    /** Each top-level key of `inputs` and of `outputs`. */
    inputs: Record<string, number>;
    outputs: Record<string, number>;
}

export function entryBreakdown(entry: Entry): EntryBreakdown {
    return {
        bytes: jsonBytes(entry),
        fields: keyBytes(entry),
        inputs: keyBytes(entry.inputs),
        outputs: keyBytes(entry.outputs),
    };
}

export interface EntryFigures extends EntryBreakdown {
    type: string;
    resources: number;
    /** Median JSON bytes over the entries of the type (`bytes` and the fields are those of the middle entry). */
    medianBytes: number;
}

/** Median entry bytes of `type`, and the breakdown of the middle entry by size (lower middle for an even count). */
export function entryFigures(state: ExportedState, type: string): EntryFigures | undefined {
    const entries = (state.deployment.resources ?? []).filter((r) => r.type === type) as Entry[];
    if (entries.length === 0) return undefined;
    const sized = entries.map((e) => ({ e, bytes: jsonBytes(e) })).sort((a, b) => a.bytes - b.bytes);
    const middle = sized[Math.floor((sized.length - 1) / 2)] as { e: Entry; bytes: number };
    return {
        type,
        resources: entries.length,
        medianBytes: median(sized.map((s) => s.bytes)),
        ...entryBreakdown(middle.e),
    };
}

/** ours − floor for every key either has (a key one lacks counts 0 there). */
function delta(ours: Record<string, number>, floor: Record<string, number>): Record<string, number> {
    const keys = new Set([...Object.keys(ours), ...Object.keys(floor)]);
    return Object.fromEntries([...keys].map((k) => [k, (ours[k] ?? 0) - (floor[k] ?? 0)]));
}

export interface EntryComparison {
    ours: EntryFigures;
    floor: EntryFigures;
    /** ours.medianBytes / floor.medianBytes */
    ratio: number;
    /** Breakdown differences, ours − floor, of the two middle entries. */
    delta: {
        bytes: number;
        fields: Record<string, number>;
        inputs: Record<string, number>;
        outputs: Record<string, number>;
    };
}

export function compareEntries(
    oursState: ExportedState,
    oursType: string,
    floorState: ExportedState,
    floorType = "pulumi-nodejs:dynamic/bench:Noop",
): EntryComparison {
    const ours = entryFigures(oursState, oursType);
    const floor = entryFigures(floorState, floorType);
    if (!ours || !floor) throw new Error(`no ${ours ? floorType : oursType} entry in the exported state`);
    return {
        ours,
        floor,
        ratio: ours.medianBytes / floor.medianBytes,
        delta: {
            bytes: ours.bytes - floor.bytes,
            fields: delta(ours.fields, floor.fields),
            inputs: delta(ours.inputs, floor.inputs),
            outputs: delta(ours.outputs, floor.outputs),
        },
    };
}

/** The largest differences as `outputs.cdnUrl +81`, `sourcePosition +46`, … (inputs/outputs by key, not whole). */
export function largestDeltas(c: EntryComparison, count = 6): string[] {
    const parts: [string, number][] = [
        ...Object.entries(c.delta.fields).filter(([k]) => k !== "inputs" && k !== "outputs"),
        ...Object.entries(c.delta.inputs).map(([k, v]): [string, number] => [`inputs.${k}`, v]),
        ...Object.entries(c.delta.outputs).map(([k, v]): [string, number] => [`outputs.${k}`, v]),
    ];
    return parts
        .filter(([, v]) => v !== 0)
        .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
        .slice(0, count)
        .map(([k, v]) => `${k} ${v > 0 ? "+" : ""}${v}`);
}

/**
 * `count` Webhooks (bench/programs/webhooks) and the floor with the same inputs (shape webhook), one `up` each,
 * the exported state compared, then destroyed. The signing secret is a secret config value set on both stacks;
 * whether it appears in plain text anywhere in either export is recorded.
 */
export async function webhookEntries(ctx: BenchContext, count: number, parallel: number) {
    const signingSecret = randomBytes(12).toString("hex");
    const states: Record<string, ExportedState> = {};
    for (const program of ["webhooks", "floor"] as const) {
        const ws = await ctx.workspace(program);
        try {
            await ws.setConfig({ count: String(count), ...(program === "floor" ? { shape: "webhook" } : {}) });
            await ws.run(["config", "set", "--secret", "signingSecret", signingSecret]);
            await ws.up(parallel);
            states[program] = await ws.exportState();
            if (program === "webhooks" && ctx.emulator.webhooks().length !== count) {
                throw new Error(`expected ${count} webhooks after up, found ${ctx.emulator.webhooks().length}`);
            }
            await ws.destroy(parallel);
            if (program === "webhooks" && ctx.emulator.webhooks().length !== 0) throw new Error("webhooks left");
        } finally {
            ws.dispose();
        }
    }
    const ours = states.webhooks as ExportedState;
    const floor = states.floor as ExportedState;
    const comparison = compareEntries(ours, "pulumi-nodejs:dynamic/uploadcare:Webhook", floor);
    ctx.log(`webhook entries: ours ${comparison.ours.medianBytes} B, floor ${comparison.floor.medianBytes} B`);
    return {
        count,
        ...comparison,
        signingSecretInState: {
            ours: JSON.stringify(ours).includes(signingSecret),
            floor: JSON.stringify(floor).includes(signingSecret),
        },
    };
}
