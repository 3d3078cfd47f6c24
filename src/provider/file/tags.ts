/**
 * A File's `tags` (https://uploadcare.com/docs/file-tags/): checked in `check` item by item, so a failure names the
 * tag and the rule before any request, and normalised the way Uploadcare stores them (lower-cased, trimmed, blanks
 * and duplicates dropped, order kept), so the diff compares what Uploadcare would store: `["Cat"]` after `["cat"]`
 * is no change. The client's `normaliseTags` is the one definition of the rules; this only words them per item.
 */
import { describeValue as describe, MAX_TAG_LENGTH, normaliseTags } from "../../client";
import { type CheckFailure, isUnknown } from "../runtime/checks";

const DOCS = "https://uploadcare.com/docs/file-tags/";
/** Allowed after lower-casing: Latin letters, digits, `-`, `_`, `.`. */
const TAG = /^[a-z0-9._-]+$/;

/** Why one item breaks a rule (named), or undefined when it is fine (a blank is fine: it is dropped). */
function itemProblem(item: unknown): string | undefined {
    if (typeof item !== "string") return `must be a string, got ${describe(item)} (rule: type; ${DOCS})`;
    const tag = item.trim().toLowerCase();
    if (tag.length > MAX_TAG_LENGTH) {
        const shown = JSON.stringify(`${item.trim().slice(0, 20)}…`);
        return `${shown} has ${tag.length} characters; a tag may have at most ${MAX_TAG_LENGTH} (rule: length; ${DOCS})`;
    }
    if (tag !== "" && !TAG.test(tag)) {
        return (
            `${JSON.stringify(item)} may only contain Latin letters, digits, "-", "_" and "." once lower-cased and ` +
            `trimmed (rule: characters; ${DOCS})`
        );
    }
    return undefined;
}

/**
 * The normalised tags, `[]` when none are given; undefined when they cannot be known yet (unknown during a
 * preview) or break a rule, each failure pushed naming `tags[i]` (or `tags` for the count).
 */
export function checkTags(value: unknown, failures: CheckFailure[]): string[] | undefined {
    if (value === undefined || value === null) return [];
    if (isUnknown(value)) return undefined;
    if (!Array.isArray(value)) {
        failures.push({ property: "tags", reason: `must be a list of strings, got ${describe(value)}` });
        return undefined;
    }
    let complete = true;
    const before = failures.length;
    for (const [i, item] of value.entries()) {
        if (isUnknown(item)) complete = false;
        else {
            const reason = itemProblem(item);
            if (reason) failures.push({ property: `tags[${i}]`, reason });
        }
    }
    if (failures.length > before || !complete) return undefined;
    const checked = normaliseTags(value);
    if (checked.ok) return checked.tags;
    // Only the count is left to break here: every item passed on its own.
    const reason = `${checked.reason} (rule: ${checked.rule}; ${DOCS})`;
    failures.push({ property: "tags", reason });
    return undefined;
}

/** The set a tag list stands for (Uploadcare's PUT ignores order and case). */
function tagSet(tags: readonly unknown[]): Set<string> {
    return new Set(tags.map((t) => String(t).trim().toLowerCase()).filter((t) => t !== ""));
}

/** Whether the program's tags differ from the state's, as sets: order and case are no change. */
export function tagsDiffer(after: unknown, before: readonly string[] | undefined): boolean {
    if (isUnknown(after) || (Array.isArray(after) && after.some(isUnknown))) return true;
    const next = tagSet(Array.isArray(after) ? after : []);
    const previous = tagSet(before ?? []);
    return next.size !== previous.size || [...next].some((tag) => !previous.has(tag));
}
