/**
 * `POST /group/` is not idempotent: after an answer that was lost (connection dropped after sending, or a
 * 5xx), the group may exist. Before sending again, look for a group created since the request started with
 * exactly these files, so a retry never leaves a duplicate behind.
 */
import {
    createGroup,
    findGroup,
    listGroups,
    type RestGroup,
    UploadcareApiError,
    type UploadcareClient,
    UploadcareNetworkError,
    UploadcareOutcomeUnknownError,
    type UploadGroupInfo,
} from "../../client";

export interface CreateContext {
    /** Groups this process created or adopted: a lookup never claims one twice. */
    claimed: Set<string>;
    /** How long a group created moments ago may still 404 on its own URL. */
    readAfterCreateWindowMs: number;
    sleep(ms: number): Promise<void>;
    log(line: string): void;
}

/** The lookup reads at most 100 pages of 1000 groups, for at most two minutes. */
const LOOKUP_PAGE_SIZE = 1000;
const LOOKUP_MAX_GROUPS = 100 * LOOKUP_PAGE_SIZE;
const LOOKUP_MAX_MS = 120_000;

/** A new group, or the id of one an earlier, ambiguous attempt created. */
export async function createOnce(
    ctx: CreateContext,
    client: UploadcareClient,
    files: string[],
): Promise<UploadGroupInfo | { adopted: string }> {
    const since = client.now();
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
            if (!client.config.secretKey) {
                throw new UploadcareOutcomeUnknownError(
                    `${(error as Error).message}. The group may or may not exist; set the secret key so the provider can check before retrying.`,
                    error,
                );
            }
            ctx.log(
                `POST /group/ outcome unknown (${(error as Error).message}); looking for the group before retrying`,
            );
            await ctx.sleep(250 * (attempt + 1));
            const found = await findCreatedGroup(ctx, client, files, since);
            if (found) return { adopted: found };
        }
    }
}

async function findCreatedGroup(
    ctx: CreateContext,
    client: UploadcareClient,
    files: string[],
    since: Date,
): Promise<string | undefined> {
    // One minute of slack for clock differences between us and Uploadcare.
    const from = new Date(since.getTime() - 60_000).toISOString();
    const deadline = client.now().getTime() + LOOKUP_MAX_MS;
    const list = { from, ordering: "datetime_created" as const, limit: LOOKUP_PAGE_SIZE };
    let seen = 0;
    for await (const candidate of listGroups(client, list)) {
        if (++seen > LOOKUP_MAX_GROUPS || client.now().getTime() > deadline) {
            throw new UploadcareOutcomeUnknownError(
                `POST /group/ may have created a group, and looking for it passed ${LOOKUP_MAX_GROUPS} groups or ` +
                    `${LOOKUP_MAX_MS / 1000} s. Run the command again; if two groups with these files appear, ` +
                    "delete the one not in the stack's state (getGroups() lists them).",
                undefined,
            );
        }
        if (candidate.files_count !== files.length || ctx.claimed.has(candidate.id)) continue;
        const group = await findGroupWaiting(ctx, client, candidate.id, ctx.readAfterCreateWindowMs);
        if (group && sameMembers(group, files)) return candidate.id;
    }
    return undefined;
}

function sameMembers(group: RestGroup, files: string[]): boolean {
    const members = (group.files ?? []).map((file) =>
        file ? (file.default_effects ? `${file.uuid}/-/${file.default_effects}` : file.uuid) : "",
    );
    return members.length === files.length && members.every((member, i) => member === files[i]);
}

/**
 * GET a group, waiting out 404s for up to `waitMs`: Uploadcare is eventually consistent, so a group
 * created moments ago (by us, or by a POST whose outcome is unknown) may 404 on its own URL briefly.
 */
export async function findGroupWaiting(
    ctx: Pick<CreateContext, "sleep">,
    client: UploadcareClient,
    id: string,
    waitMs: number,
) {
    let waited = 0;
    let delay = 200;
    for (;;) {
        const group = await findGroup(client, id);
        if (group || waited >= waitMs) return group;
        await ctx.sleep(delay);
        waited += delay;
        delay = Math.min(delay * 2, 2_000);
    }
}
