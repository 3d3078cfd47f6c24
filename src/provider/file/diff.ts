/**
 * What a change of File inputs does. New bytes (by sha256), a new `sourceUrl` or `filename`, or switching
 * between them replace the file (the new one is uploaded first, then the old one deleted); `metadata` and
 * `store` are updated in place. Unknown values during preview are reported as the change they could be.
 */
import type * as pulumi from "@pulumi/pulumi";
import { isUnknown, stripProvider } from "../runtime/checks";
import type { FileOutputs } from "./outputs";

const REPLACING = ["contentSha256", "sourceUrl", "filename"] as const;

function differs(after: unknown, before: unknown): boolean {
    return isUnknown(after) || JSON.stringify(after ?? null) !== JSON.stringify(before ?? null);
}

function metadataDiffers(after: unknown, before: Record<string, string> | undefined): boolean {
    if (isUnknown(after)) return true;
    const next = (after ?? {}) as Record<string, unknown>;
    const previous = before ?? {};
    const keys = new Set([...Object.keys(next), ...Object.keys(previous)]);
    return [...keys].some((key) => isUnknown(next[key]) || next[key] !== previous[key]);
}

export function diffFile(olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
    const before = stripProvider(olds) as Partial<FileOutputs>;
    const after = stripProvider(news);
    // `source` is what the user changed; contentSha256 is how we know.
    const replaces = REPLACING.filter((key) => differs(after[key], before[key])).map((key) =>
        key === "contentSha256" ? "source" : key,
    );
    if (replaces.length > 0) return { changes: true, replaces, deleteBeforeReplace: false };
    const updated =
        metadataDiffers(after.metadata, before.metadata) || differs(after.store ?? true, before.store ?? true);
    return { changes: updated };
}
