/**
 * What changed between the stored folder and the program's: the manifest against the recorded files (paths added,
 * changed or removed), the metadata and tags every file carries, the switches, and deletes still pending. `path`
 * alone is not a change: the same files in another checkout are the same folder.
 */
import type * as pulumi from "@pulumi/pulumi";
import { stripProvider } from "../runtime/checks";
import { containsUnknown } from "../runtime/lifecycle";
import { decodeEntries, inStep } from "./entries";
import type { SyncedFolderOutputs } from "./outputs";

const canonical = (value: unknown) =>
    JSON.stringify(
        value && typeof value === "object" && !Array.isArray(value)
            ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
            : (value ?? null),
    );

/** The inputs whose change needs an update, in the order a reader expects them. */
export function changedInputs(olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
    const before = stripProvider(olds) as Partial<SyncedFolderOutputs>;
    const changes: string[] = [];
    const manifest = news.manifest;
    if (containsUnknown(manifest) || !inStep(manifest as Record<string, string>, decodeEntries(before.entries))) {
        changes.push("manifest");
    }
    for (const key of ["metadata", "tags", "store", "group"] as const) {
        const fallback = key === "metadata" ? {} : key === "tags" ? [] : undefined;
        if (canonical(before[key] ?? fallback) !== canonical(news[key] ?? fallback)) changes.push(key);
    }
    if (news.group === true && !before.groupId && (before.count ?? 0) > 0 && !changes.includes("group")) {
        changes.push("group");
    }
    if ((before.pendingDeletes?.length ?? 0) > 0 && !changes.includes("manifest")) changes.push("manifest");
    return changes;
}

export function diffSyncedFolder(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
): pulumi.dynamic.DiffResult {
    const changes = changedInputs(olds, news);
    return { changes: changes.length > 0 };
}
