/**
 * `POST /group/` is not idempotent: after an answer that was lost (connection dropped after sending, or a
 * 5xx), the group may exist. Before sending again, look for a group with exactly these files that this create
 * provably made (./recovery.ts), so a retry never leaves a duplicate behind and never takes over another's group.
 */
import {
    createGroup,
    UploadcareApiError,
    type UploadcareClient,
    UploadcareNetworkError,
    UploadcareOutcomeUnknownError,
    type UploadGroupInfo,
} from "../../client";
import type { Claims } from "../runtime/claims";
import { findCreatedGroup, groupsBefore } from "./recovery";

export interface CreateContext {
    /** Groups this process created or adopted: two resources never own one, and a lookup never takes one. */
    claimed: Claims;
    /** How long a group created moments ago may still 404 on its own URL. */
    readAfterCreateWindowMs: number;
    sleep(ms: number): Promise<void>;
    log(line: string): void;
}

/** A new group, or the id of one an earlier, ambiguous attempt of this create provably made (./recovery.ts). */
export async function createOnce(
    ctx: CreateContext,
    client: UploadcareClient,
    files: string[],
): Promise<UploadGroupInfo | { adopted: string }> {
    // Without the secret key nothing can be listed: an ambiguous failure is then reported, never resolved.
    const before = client.config.secretKey ? await groupsBefore(client) : undefined;
    for (let attempt = 0; ; attempt++) {
        try {
            return await createGroup(client, files);
        } catch (error) {
            const ambiguous =
                (error instanceof UploadcareNetworkError && error.ambiguous) ||
                (error instanceof UploadcareApiError && error.status >= 500);
            // After a lookup that found nothing, another POST is as safe as the first, so ambiguous failures get
            // the same budget as any other retried request.
            if (!ambiguous || attempt >= client.retry.maxErrorRetries) throw error;
            if (!before) {
                throw new UploadcareOutcomeUnknownError(
                    `${(error as Error).message}. The group may or may not exist; set the secret key so the provider can check before retrying.`,
                    error,
                );
            }
            ctx.log(
                `POST /group/ outcome unknown (${(error as Error).message}); looking for the group before retrying`,
            );
            await ctx.sleep(250 * (attempt + 1));
            const found = await findCreatedGroup(ctx, client, files, before, error);
            if (found) return { adopted: found };
        }
    }
}
