/**
 * What a change of File inputs does. New bytes (by sha256), a new `sourceUrl`, `filename` or declared
 * `contentType`, or switching between them replace the file (the new one is uploaded first, then the old one
 * deleted); `metadata`, `tags` and `store` are updated in place. Unknown values during preview are reported as the
 * change they could be.
 */
import type * as pulumi from "@pulumi/pulumi";
import { contentTypeFor } from "../../client";
import { isUnknown, stripProvider } from "../runtime/checks";
import type { FileOutputs } from "./outputs";
import { tagsDiffer } from "./tags";

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

/**
 * The declared type changed: the bytes' type is fixed at upload, so this replaces. A state without one (a
 * `sourceUrl`, or a file uploaded before content types) is not replaced for want of it: only a `contentType` the
 * program gives then differs. Without a `contentType` input the declared type is `filename`'s (a new `filename`
 * replaces anyway), so removing an override goes back to that one.
 */
function contentTypeReplaces(after: Record<string, unknown>, before: Partial<FileOutputs>): boolean {
    if (isUnknown(after.contentType)) return true;
    if (before.contentType === undefined) return after.contentType !== undefined;
    if (after.sourceUrl !== undefined || isUnknown(after.filename)) return false;
    const declared = (after.contentType as string | undefined) ?? contentTypeFor(after.filename as string);
    return declared !== before.contentType;
}

export function diffFile(olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
    const before = stripProvider(olds) as Partial<FileOutputs>;
    const after = stripProvider(news);
    // `source` is what the user changed; contentSha256 is how we know.
    const replaces: string[] = REPLACING.filter((key) => differs(after[key], before[key])).map((key) =>
        key === "contentSha256" ? "source" : key,
    );
    if (contentTypeReplaces(after, before)) replaces.push("contentType");
    if (replaces.length > 0) return { changes: true, replaces, deleteBeforeReplace: false };
    const updated =
        metadataDiffers(after.metadata, before.metadata) ||
        tagsDiffer(after.tags, before.tags) ||
        differs(after.store ?? true, before.store ?? true);
    return { changes: updated };
}
