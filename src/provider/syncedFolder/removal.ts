/**
 * Deleting a SyncedFolder's files (and stale groups) in batches: `DELETE /files/storage/` takes up to 100 UUIDs per
 * request (https://uploadcare.com/api-refs/rest-api/v0.7.0/#tag/File/operation/filesDelete) and is safe to send
 * again, so 429s and 5xx are retried by the client. Files Uploadcare does not know come back in `problems`: like a
 * 404, that is "already gone" only once the project is proven (../runtime/lifecycle/gone.ts).
 */
import { deleteFiles, deleteGroup } from "../../client";
import { tracked } from "../runtime/lifecycle";
import type { SyncContext } from "./context";

const isGroupId = (id: string) => id.includes("~");

export async function deleteAll(
    ctx: Pick<SyncContext, "runtime" | "client">,
    ids: readonly string[],
    previous: { project?: string | undefined } | undefined,
): Promise<void> {
    const { runtime, client } = ctx;
    const files = ids.filter((id) => !isGroupId(id));
    const groups = ids.filter(isGroupId);
    const proof = tracked(runtime, client, `${files.length} files of a SyncedFolder`, previous);
    const answer = await deleteFiles(client, files);
    if (Object.keys(answer.problems).length > 0) await proof.gone();
    for (const id of groups) {
        await tracked(runtime, client, `group ${id}`, previous).delete(() => deleteGroup(client, id));
    }
}
