/**
 * Read-only lookups of groups a stack does not manage: group info (`GET /groups/:id/`) and the list
 * (`GET /groups/`, cursor pages fetched only as the caller consumes them). No Pulumi here, so the
 * same functions serve programs and plain scripts.
 */
import {
    findGroup,
    groupIdProblem,
    listGroups,
    normaliseGroupId,
    type RestGroup,
    UploadcareGroupNotFoundError,
    UploadcareInputError,
} from "../../client";
import { outputsFromGroup } from "../group/outputs";
import { tracked } from "../runtime/lifecycle";
import { type LookupDeps, type LookupOptions, limitedList, lookupRuntime } from "./runtime";

/** A group as the list endpoint reports it (no member files). */
export interface GroupSummary {
    /** `<uuid>~<file count>`. */
    id: string;
    /** The same as `id`, under the name the `Group` resource and `getGroup` use for it. */
    groupId: string;
    filesCount: number;
    cdnUrl: string;
    url: string;
    datetimeCreated: string;
}

/** A group with its members, as group info reports it. */
export interface GroupDetails extends GroupSummary {
    /** Member entries: UUID plus the CDN operations given at creation (`<uuid>/-/resize/800x/`). */
    files: string[];
    /** Members Uploadcare reports as removed. */
    removedFiles: string[];
}

export interface GetGroupsArgs {
    /**
     * Only groups created after this moment (a `Date`, or ISO-8601 text). The emulator excludes a group
     * created exactly at `from`, as the next-page cursor requires; Uploadcare does not document which.
     */
    from?: string | Date;
    /** Oldest first (default) or newest first. */
    ordering?: "datetime_created" | "-datetime_created";
    /** Stop after this many groups (default: every group). */
    limit?: number;
    /** Groups per request, 1–1000 (default 100, or `limit` when smaller). */
    pageSize?: number;
}

export interface GroupLookups {
    /** `argument` names the id in an error message: `groupId` in the TypeScript function, `id` in the invoke. */
    getGroup(id: string, options?: LookupOptions, argument?: string): Promise<GroupDetails>;
    listGroups(args?: GetGroupsArgs, options?: LookupOptions): AsyncIterableIterator<GroupSummary>;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const ORDERINGS = ["datetime_created", "-datetime_created"];

function invalid(property: string, reason: string): UploadcareInputError {
    return new UploadcareInputError(`${property} ${reason}`, [{ property, reason }]);
}

/** Checks every argument before a request is sent; returns what `listGroups` takes. */
function parseGetGroupsArgs(args: GetGroupsArgs) {
    const known = new Set(["from", "ordering", "limit", "pageSize"]);
    for (const key of Object.keys(args)) {
        if (!known.has(key)) throw invalid(key, `is not an option of getGroups; use from, ordering, limit or pageSize`);
    }
    let from: string | undefined;
    if (args.from instanceof Date) {
        if (Number.isNaN(args.from.getTime())) throw invalid("from", "is an invalid Date");
        from = args.from.toISOString();
    } else if (args.from !== undefined) {
        if (typeof args.from !== "string" || !ISO_DATE_TIME.test(args.from) || Number.isNaN(Date.parse(args.from))) {
            throw invalid(
                "from",
                `must be a Date or an ISO-8601 date-time such as 2026-01-31T12:00:00Z, got ${JSON.stringify(args.from)}`,
            );
        }
        from = args.from;
    }
    if (args.ordering !== undefined && !ORDERINGS.includes(args.ordering)) {
        throw invalid(
            "ordering",
            `must be "datetime_created" (oldest first) or "-datetime_created" (newest first), got ${JSON.stringify(args.ordering)}`,
        );
    }
    const whole = (name: string, value: number | undefined, max: number) => {
        if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > max)) {
            throw invalid(name, `must be a whole number from 1 to ${max}, got ${JSON.stringify(value)}`);
        }
    };
    whole("limit", args.limit, Number.MAX_SAFE_INTEGER);
    whole("pageSize", args.pageSize, 1000);
    const pageSize = args.pageSize ?? Math.min(args.limit ?? 100, 100);
    return {
        list: { ...(from ? { from } : {}), ...(args.ordering ? { ordering: args.ordering } : {}), limit: pageSize },
        limit: args.limit ?? Number.POSITIVE_INFINITY,
    };
}

function summaryOf(group: RestGroup): GroupSummary {
    return {
        id: group.id,
        groupId: group.id,
        filesCount: group.files_count,
        cdnUrl: group.cdn_url,
        url: group.url,
        datetimeCreated: group.datetime_created,
    };
}

export function createGroupLookups(deps: LookupDeps = {}): GroupLookups {
    const runtime = lookupRuntime(deps);

    return {
        async getGroup(id, options = {}, argument = "groupId") {
            const groupId = typeof id === "string" ? normaliseGroupId(id) : undefined;
            if (groupId === undefined) throw invalid(argument, groupIdProblem(id));
            const client = await runtime.client("looking up a group", true, options);
            // Only a proven project "has no such group"; otherwise the error says what to check.
            const { publicKey, apiBaseUrl } = client.config;
            const missing = () =>
                new UploadcareGroupNotFoundError(
                    groupId,
                    publicKey,
                    `getGroup("${groupId}")`,
                    new URL(apiBaseUrl).origin,
                );
            const group = await tracked(runtime, client, `group ${groupId}`).require(
                () => findGroup(client, groupId),
                missing,
            );
            const { storeFiles: _unused, project: _project, ...details } = outputsFromGroup(group, {});
            return { id: group.id, ...details, groupId: group.id };
        },

        listGroups(args = {}, options = {}) {
            const parsed = parseGetGroupsArgs(args);
            const client = () => runtime.client("listing groups", true, options);
            return limitedList(client, (c) => listGroups(c, parsed.list), summaryOf, parsed.limit);
        },
    };
}
