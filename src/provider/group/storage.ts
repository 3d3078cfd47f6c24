/** Storing a group's member files: Uploadcare deletes unstored files within 24 hours. */
import {
    type RestGroup,
    STORE_BATCH_LIMIT,
    storeFiles,
    type UploadcareClient,
    UploadcareStoreError,
} from "../../client";
import { ResourceInitError } from "../runtime/initError";
import type { GroupOutputs } from "./outputs";

/** A group that was created, but storing its files failed (see `ResourceInitError`). */
export class GroupInitError extends ResourceInitError<GroupOutputs> {
    constructor(id: string, properties: GroupOutputs, cause: unknown) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        super(id, properties, "Uploadcare group", new Error(`storing its files failed: ${reason}`, { cause }));
    }
}

/** Members that exist but are not stored (removed files cannot be stored again). */
export function unstoredMembers(group: RestGroup): string[] {
    return (group.files ?? []).flatMap((f) => (f && !f.datetime_stored && !f.datetime_removed ? [f.uuid] : []));
}

/** Stores files in batches of 100, in parallel; every file Uploadcare could not store is reported. */
export async function storeMembers(client: UploadcareClient, uuids: readonly string[]): Promise<void> {
    const unique = [...new Set(uuids)];
    const batches: string[][] = [];
    for (let i = 0; i < unique.length; i += STORE_BATCH_LIMIT) batches.push(unique.slice(i, i + STORE_BATCH_LIMIT));
    const results = await Promise.all(batches.map((batch) => storeFiles(client, batch)));
    const problems = Object.assign({}, ...results.map((result) => result.problems)) as Record<string, string>;
    if (Object.keys(problems).length > 0) throw new UploadcareStoreError(problems);
}

/** Stores members after the group exists; a failure carries the id so Pulumi records the group. */
export async function storeOrReport(client: UploadcareClient, id: string, outs: GroupOutputs, uuids: string[]) {
    if (uuids.length === 0) return;
    try {
        await storeMembers(client, uuids);
    } catch (error) {
        throw new GroupInitError(id, outs, error);
    }
}
