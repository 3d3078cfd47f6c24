/**
 * Files whose bytes did not change but whose `metadata` or `tags` input did: changed in place, one request per key
 * (https://uploadcare.com/api-refs/rest-api/v0.7.0/#tag/File-metadata) and one `PUT /files/{uuid}/tags/` per file
 * (https://uploadcare.com/docs/file-tags/), never uploaded again.
 */
import { deleteFileMetadata, setFileMetadata, setFileTags } from "../../client";
import type { SyncContext } from "./context";
import type { Entry } from "./entries";
import type { SyncedFolderInputs } from "./inputs";
import type { SyncedFolderOutputs } from "./outputs";
import { forEachLimited } from "./pool";

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export async function updateKeptFiles(
    ctx: SyncContext,
    inputs: SyncedFolderInputs,
    kept: readonly string[],
    current: Map<string, Entry>,
    previous: Partial<SyncedFolderOutputs> | undefined,
): Promise<void> {
    const before = previous?.metadata ?? {};
    const set = Object.entries(inputs.metadata).filter(([key, value]) => before[key] !== value);
    const remove = Object.keys(before).filter((key) => !Object.hasOwn(inputs.metadata, key));
    const tagsChanged = !sameList(previous?.tags ?? [], inputs.tags);
    if (kept.length === 0 || (set.length === 0 && remove.length === 0 && !tagsChanged)) return;
    const { client } = ctx;
    const { error } = await forEachLimited(kept, async (path) => {
        const uuid = (current.get(path) as Entry).uuid;
        await Promise.all([
            ...set.map(([key, value]) => setFileMetadata(client, uuid, key, value)),
            ...remove.map((key) => deleteFileMetadata(client, uuid, key)),
            ...(tagsChanged ? [setFileTags(client, uuid, inputs.tags)] : []),
        ]);
    });
    if (error !== undefined) throw error;
    ctx.runtime.progress(`${ctx.label}: metadata and tags of ${kept.length.toLocaleString("en-US")} files updated`);
}
