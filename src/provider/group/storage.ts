/** Storing a group's member files: Uploadcare deletes unstored files within 24 hours. */
import {
    type RestGroup,
    STORE_BATCH_LIMIT,
    storeFiles,
    type UploadcareClient,
    UploadcareError,
    UploadcareStoreError,
} from "../../client";
import type { GroupOutputs } from "./outputs";

/**
 * The group exists but a later step failed. Pulumi's dynamic provider records `id` and `properties` from
 * this error (an initialization failure), so the group is in state and nothing is orphaned.
 */
export class GroupInitError extends UploadcareError {
    constructor(
        readonly id: string,
        readonly properties: GroupOutputs,
        cause: unknown,
    ) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        super(
            "UPLOADCARE_PARTIAL_CREATE",
            `Uploadcare group ${id} was created, but storing its files failed: ${reason}`,
            {
                cause,
            },
        );
    }
    get reasons(): string[] {
        return [this.message];
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
