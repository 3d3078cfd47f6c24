/**
 * Ownership after a lost `POST /group/` answer. Groups have no idempotency key and identical groups are allowed,
 * so a group with the same files may be someone else's. Before the POST the provider notes the project's newest
 * group (`GET /groups/?ordering=-datetime_created&limit=1`, https://uploadcare.com/api-refs/rest-api/v0.7.0/#tag/Group)
 * and the server's clock (the `Date` header). A group found afterwards is taken over only when it is newer than
 * that group and not older than that `Date`: it did not exist before this create. Anything else is reported.
 */
import {
    type ApiCall,
    bodyAs,
    createGroup,
    findGroup,
    isGroupPage,
    listGroups,
    type RestGroup,
    type UploadcareClient,
    UploadcareOutcomeUnknownError,
    type UploadGroupInfo,
} from "../../client";
import type { Claims } from "../runtime/claims";
import { createOnce, type CreateContext as LifecycleContext, notProvenError } from "../runtime/lifecycle";
import { explainMissingFiles } from "./missingFiles";
import { memberEntry } from "./outputs";

export interface CreateContext extends LifecycleContext {
    /** Groups this process created or adopted: two resources never own one, and a lookup never takes one. */
    claimed: Claims;
    /** How long a group created moments ago may still 404 on its own URL. */
    readAfterCreateWindowMs: number;
}

/** What the project had just before the POST. */
export interface BeforePost {
    /** The newest group then, with its `datetime_created` in microseconds. */
    newest?: { id: string; micros: number; created: string };
    /** The server's clock then (whole seconds, so at or before the list was made). */
    date?: Date;
}

/** The lookup reads at most 100 pages of 1000 groups, for at most two minutes. */
const LOOKUP_PAGE_SIZE = 1000;
const LOOKUP_MAX_GROUPS = 100 * LOOKUP_PAGE_SIZE;
const LOOKUP_MAX_MS = 120_000;

/** An ISO-8601 date-time as microseconds since the epoch (Uploadcare prints six decimals); NaN if it is not one. */
export function isoMicros(value: string | undefined): number {
    const match = /^(.*?)(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(value ?? "");
    const ms = Date.parse(`${match?.[1] ?? ""}${match?.[3] ?? "Z"}`);
    return ms * 1000 + Number((match?.[2] ?? "").padEnd(6, "0").slice(0, 6));
}

/** One request before the POST: the newest group and the server's `Date`. */
export async function groupsBefore(client: UploadcareClient): Promise<BeforePost> {
    const path = "/groups/?ordering=-datetime_created&limit=1";
    const call: ApiCall = { api: "rest", method: "GET", path, ok: [200], idempotent: true };
    const res = await client.call(call);
    const newest = bodyAs(client, call, res, "a page of groups", isGroupPage).results[0];
    const raw = res.headers.date;
    const date = new Date((Array.isArray(raw) ? raw[0] : raw) ?? Number.NaN);
    const micros = isoMicros(newest?.datetime_created);
    return {
        ...(newest && !Number.isNaN(micros)
            ? { newest: { id: newest.id, micros, created: newest.datetime_created } }
            : {}),
        ...(Number.isNaN(date.getTime()) ? {} : { date }),
    };
}

function sameMembers(group: RestGroup, files: string[]): boolean {
    const members = (group.files ?? []).map((file) => (file ? memberEntry(file) : ""));
    return members.length === files.length && members.every((member, i) => member === files[i]);
}

function tooLong(): UploadcareOutcomeUnknownError {
    return new UploadcareOutcomeUnknownError(
        `POST /group/ may have created a group, and looking for it passed ${LOOKUP_MAX_GROUPS} groups or ` +
            `${LOOKUP_MAX_MS / 1000} s. Run the command again; if two groups with these files appear, ` +
            "delete the one not in the stack's state (getGroups() lists them).",
        undefined,
    );
}

function unproven(group: RestGroup, cause: unknown): UploadcareOutcomeUnknownError {
    const what = { request: "POST /group/", wanted: "the group", kind: "Group", idInput: "groupId", id: group.id };
    return notProvenError(
        {
            ...what,
            matches: "has exactly these files",
            why: `it was created at ${group.datetime_created}, before this create listed the project's groups`,
            otherwise: `run the command again (a new group is created) or delete group ${group.id}`,
        },
        cause,
    );
}

/** A new group, or the id of one an earlier, ambiguous attempt of this create provably made. */
export function createGroupOnce(
    ctx: CreateContext,
    client: UploadcareClient,
    files: string[],
): Promise<{ made: UploadGroupInfo } | { found: string }> {
    return createOnce(ctx, client.retry.maxErrorRetries, {
        request: "POST /group/",
        noun: "group",
        // Without the secret key nothing can be listed: an ambiguous failure is then reported, never resolved.
        snapshot: async () => (client.config.secretKey ? groupsBefore(client) : undefined),
        send: () => createGroup(client, files),
        find: (before, cause) => findCreatedGroup(ctx, client, files, before, cause),
        explain: (error) => explainMissingFiles(client, files, error),
        unlisted: (error) =>
            new UploadcareOutcomeUnknownError(
                `${error.message}. The group may or may not exist; set the secret key so the provider can check before retrying.`,
                error,
            ),
        claims: ctx.claimed,
        describe: (made) => ({ id: made.id, action: `create group ${made.id}` }),
    });
}

/**
 * The id of the group an ambiguous POST created, `undefined` when there is none (sending again is safe), or an
 * error when a group with these files is there but is not provably this create's.
 */
export async function findCreatedGroup(
    ctx: CreateContext,
    client: UploadcareClient,
    files: string[],
    before: BeforePost,
    cause: unknown,
): Promise<string | undefined> {
    const { newest, date } = before;
    // With no group before the POST, every group listed is new, and the `Date` check below decides.
    const from = newest?.created;
    const deadline = client.now().getTime() + LOOKUP_MAX_MS;
    const list = { ...(from ? { from } : {}), ordering: "datetime_created" as const, limit: LOOKUP_PAGE_SIZE };
    let seen = 0;
    for await (const candidate of listGroups(client, list)) {
        if (++seen > LOOKUP_MAX_GROUPS || client.now().getTime() > deadline) throw tooLong();
        const micros = isoMicros(candidate.datetime_created);
        // The newest group before the POST, or an older one: it existed already.
        if (newest && (candidate.id === newest.id || !(micros > newest.micros))) continue;
        if (candidate.files_count !== files.length || ctx.claimed.has(candidate.id)) continue;
        const group = await findGroupWaiting(ctx, client, candidate.id, ctx.readAfterCreateWindowMs);
        if (!group || !sameMembers(group, files)) continue;
        if (date && !(micros >= date.getTime() * 1000)) throw unproven(candidate, cause);
        return candidate.id;
    }
    return undefined;
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
