/** What a change of Group inputs does: nothing, an update (storage, adoption), or a replacement. */
import type * as pulumi from "@pulumi/pulumi";
import { isUnknown, stripProvider } from "./inputs";
import type { GroupOutputs } from "./outputs";

export function diffGroup(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
): pulumi.dynamic.DiffResult {
    const before = stripProvider(olds) as Partial<GroupOutputs>;
    const after = stripProvider(news);
    const storeChanged = (after.storeFiles ?? true) !== (before.storeFiles ?? true);
    const target = after.groupId;
    if (target !== undefined) {
        // Adopting: a different group replaces this one (adopt the new, then delete the old). The group this
        // resource already is (e.g. created from files, now named by id) is never replaced: a replace would
        // adopt it and then delete it.
        if (target !== id) return { changes: true, replaces: ["groupId"], deleteBeforeReplace: false };
        return { changes: storeChanged || before.groupId !== target };
    }
    const newFiles = after.files;
    const filesChanged =
        isUnknown(newFiles) ||
        !Array.isArray(newFiles) ||
        newFiles.some(isUnknown) ||
        JSON.stringify(newFiles) !== JSON.stringify(before.files);
    if (filesChanged) {
        // Groups are immutable: a new file list means a new group (created first, then the old one deleted).
        return { changes: true, replaces: ["files"], deleteBeforeReplace: false };
    }
    // Same files as an adopted group has: it is now managed by its file list (an update drops groupId).
    return { changes: storeChanged || before.groupId !== undefined };
}
