/**
 * `group: true`: one Group of all the folder's files, ordered by relative path. Groups cannot be changed
 * (https://uploadcare.com/api-refs/upload-api/#tag/Groups), so a different set of files makes a new group and the
 * old one is deleted with the replaced files, after the new one exists.
 */
import { createGroup } from "../../client";
import type { SyncContext } from "./context";
import type { Entry } from "./entries";
import type { SyncedFolderInputs } from "./inputs";
import type { SyncedFolderOutputs } from "./outputs";

const inPathOrder = (files: Map<string, Entry>) =>
    [...files.keys()].sort().map((path) => (files.get(path) as Entry).uuid);

const sameOrder = (a: string[], b: string[]) => a.length === b.length && a.every((uuid, i) => uuid === b[i]);

export interface KeptGroup {
    outputs: Pick<SyncedFolderOutputs, "groupId" | "groupCdnUrl">;
    /** The group ids to delete once the new state is recorded. */
    stale: string[];
}

export async function keepGroup(
    ctx: SyncContext,
    inputs: SyncedFolderInputs,
    files: Map<string, Entry>,
    current: Map<string, Entry>,
    previous: Partial<SyncedFolderOutputs> | undefined,
): Promise<KeptGroup> {
    const old = previous?.groupId;
    const stale = old ? [old] : [];
    if (!inputs.group || files.size === 0) return { outputs: {}, stale };
    const order = inPathOrder(files);
    if (old && sameOrder(order, inPathOrder(current))) {
        return { outputs: { groupId: old, groupCdnUrl: previous?.groupCdnUrl ?? "" }, stale: [] };
    }
    const group = await createGroup(ctx.client, order);
    return { outputs: { groupId: group.id, groupCdnUrl: group.cdn_url }, stale };
}
