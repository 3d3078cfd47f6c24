/**
 * File tag rules (https://uploadcare.com/docs/file-tags/), shared by the REST tag routes and the Upload API `tags`
 * field: each tag lower-cased and trimmed, empty ones dropped, duplicates dropped keeping the first (order kept);
 * then at most 50 tags of at most 100 characters, only Latin letters, digits, `-`, `_` and `.`. Only the "Too many
 * tags" message is documented; the others are the emulator's, in the same style.
 */
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 100;
const TAG = /^[a-z0-9._-]+$/;

/** The normalised list, or the 400 message for the first rule broken. */
export type TagsOutcome = { tags: string[] } | { problem: string };

/** Normalises a list that is already known to hold strings; `countLimit: false` for a PATCH's `delete`. */
export function normaliseTags(values: readonly string[], countLimit = true): TagsOutcome {
    const tags = [...new Set(values.map((v) => v.trim().toLowerCase()).filter((v) => v !== ""))];
    for (const tag of tags) {
        if (tag.length > MAX_TAG_LENGTH) {
            return { problem: `Tag is too long: ${tag.length} characters (max ${MAX_TAG_LENGTH}).` };
        }
        if (!TAG.test(tag)) {
            return { problem: `Invalid tag: "${tag}". Allowed characters: Latin letters, digits, "-", "_", ".".` };
        }
    }
    if (countLimit && tags.length > MAX_TAGS) return { problem: tooMany(tags.length) };
    return { tags };
}

/** The documented message ("Too many tags: 51 (max 50)."). */
export function tooMany(count: number): string {
    return `Too many tags: ${count} (max ${MAX_TAGS}).`;
}

export const isStringList = (value: unknown): value is string[] =>
    Array.isArray(value) && value.every((v) => typeof v === "string");
