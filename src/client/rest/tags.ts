/**
 * File tags (REST API v0.7, https://uploadcare.com/docs/file-tags/): the rules every tag list follows, and one
 * short function per endpoint of `/files/:uuid/tags/`. Tags set at upload time go in the Upload API's `tags`
 * field (../upload/form.ts), checked by the same rules.
 */
import type { UploadcareClient } from "../core/call";
import { UploadcareInputError } from "../core/errors";
import { describeValue } from "../core/ids";
import { bodyAs, isRecord, type Shape } from "../core/validate";
import { filePath } from "./files";
import { restCall } from "./request";

/** "Max tags per file: 50", "Max length per tag: 100 characters" (https://uploadcare.com/docs/file-tags/). */
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 100;
/** "Allowed characters: Latin letters, digits, `-`, `_`, `.`", after lower-casing. */
const TAG = /^[a-z0-9._-]+$/;

/** Which documented rule a tag list breaks: not a list of strings, a character, a tag's length, the count. */
export type TagRule = "type" | "characters" | "length" | "count";

export type TagCheck = { ok: true; tags: string[] } | { ok: false; rule: TagRule; reason: string };

/**
 * Normalises a tag list the way Uploadcare stores it (https://uploadcare.com/docs/file-tags/): each tag lower-cased
 * and trimmed, empty ones dropped, duplicates dropped keeping the first (order kept). Then checks the limits, which
 * "are evaluated after normalization and deduplication". Returns the stored list, or the first rule broken with a
 * reason that names the tag, so a provider's `check` can say which rule. `countLimit: false` skips the count (a
 * PATCH's `delete` list may be longer than 50).
 */
export function normaliseTags(input: unknown, options: { countLimit?: boolean } = {}): TagCheck {
    const broken = (rule: TagRule, reason: string): TagCheck => ({ ok: false, rule, reason });
    if (!Array.isArray(input)) return broken("type", `must be a list of strings, got ${describeValue(input)}`);
    const seen = new Set<string>();
    for (const [i, value] of input.entries()) {
        if (typeof value !== "string") {
            return broken("type", `must be a list of strings, item ${i} is ${describeValue(value)}`);
        }
        const tag = value.trim().toLowerCase();
        if (tag !== "") seen.add(tag);
    }
    const tags = [...seen];
    for (const tag of tags) {
        if (tag.length > MAX_TAG_LENGTH) {
            const shown = JSON.stringify(`${tag.slice(0, 20)}…`);
            return broken("length", `has a tag of ${tag.length} characters, at most ${MAX_TAG_LENGTH}: ${shown}`);
        }
        if (!TAG.test(tag)) {
            const allowed = 'only Latin letters, digits, "-", "_" and "." are allowed';
            return broken("characters", `has tag ${JSON.stringify(tag)}: ${allowed}`);
        }
    }
    if (options.countLimit !== false && tags.length > MAX_TAGS) {
        return broken("count", `has ${tags.length} tags after normalisation, at most ${MAX_TAGS}`);
    }
    return { ok: true, tags };
}

/** The normalised list, or an `UploadcareInputError` naming `property` and the rule, before any request. */
export function requireTags(input: unknown, property: string, options: { countLimit?: boolean } = {}): string[] {
    const checked = normaliseTags(input, options);
    if (checked.ok) return checked.tags;
    const reason = `${checked.reason} (rule: ${checked.rule}; https://uploadcare.com/docs/file-tags/)`;
    throw new UploadcareInputError(`${property} ${reason}`, [{ property, reason }]);
}

/** What PUT and PATCH answer: the tags after the change, and what was actually added and deleted. */
export interface TagsChange {
    tags: string[];
    added: string[];
    deleted: string[];
}

const isStrings = (value: unknown): value is string[] =>
    Array.isArray(value) && value.every((v) => typeof v === "string");

const isTagList: Shape<{ tags: string[] }> = (value): value is { tags: string[] } =>
    isRecord(value) && isStrings(value.tags);

/** `added` and `deleted` are documented; a body without them is read as nothing added or deleted. */
const isTagsChange: Shape<Partial<TagsChange> & { tags: string[] }> = (value): value is TagsChange =>
    isRecord(value) &&
    isStrings(value.tags) &&
    (value.added === undefined || isStrings(value.added)) &&
    (value.deleted === undefined || isStrings(value.deleted));

/** `GET /files/:uuid/tags/`: the file's tags in storage order (`[]` for none). */
export async function getFileTags(client: UploadcareClient, uuid: string): Promise<string[]> {
    const call = restCall("GET", filePath(uuid, "tags/"), [200]);
    return bodyAs(client, call, await client.call(call), "file tags", isTagList).tags;
}

async function sendTags(client: UploadcareClient, method: "PUT" | "PATCH", uuid: string, body: unknown) {
    // PUT replaces the set and a repeated PATCH converges: both are safe to send again.
    const call = restCall(method, filePath(uuid, "tags/"), [200], body);
    const answer = bodyAs(client, call, await client.call(call), "a file tags change", isTagsChange);
    return { tags: answer.tags, added: answer.added ?? [], deleted: answer.deleted ?? [] };
}

/**
 * `PUT /files/:uuid/tags/` `{"tags": [...]}`: replaces the whole set (`[]` clears it). The list is normalised and
 * checked first; the same set again changes nothing and answers empty `added` and `deleted`.
 */
export async function setFileTags(
    client: UploadcareClient,
    uuid: string,
    tags: readonly string[],
): Promise<TagsChange> {
    return sendTags(client, "PUT", uuid, { tags: requireTags(tags, "tags") });
}

/**
 * `PATCH /files/:uuid/tags/` `{"add": [...], "delete": [...]}`: Uploadcare deletes first, then adds; present tags
 * are skipped and absent deletes ignored. A result over 50 tags is refused by Uploadcare (400).
 */
export async function patchFileTags(
    client: UploadcareClient,
    uuid: string,
    change: { add?: readonly string[]; delete?: readonly string[] },
): Promise<TagsChange> {
    const body = {
        add: requireTags(change.add ?? [], "tags.add"),
        delete: requireTags(change.delete ?? [], "tags.delete", { countLimit: false }),
    };
    return sendTags(client, "PATCH", uuid, body);
}
