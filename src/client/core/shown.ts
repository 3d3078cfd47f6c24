/**
 * How much of a user-supplied value (an id, a key, a URL) an error message repeats. Messages land in terminals, CI
 * logs and Pulumi's event stream; an input of any length once put a 70 kB id into every line of a failed run.
 */
const MAX_SHOWN_CHARS = 80;

/** `text` whole up to `max` characters, else its start, an ellipsis and its full length. */
export function shownText(text: string, max: number = MAX_SHOWN_CHARS): string {
    if (text.length <= max) return text;
    // Never end on half of a surrogate pair (an emoji cut in two prints as a replacement character).
    const start = text.slice(0, max).replace(/[\uD800-\uDBFF]$/, "");
    return `${start}… (${text.length} characters)`;
}
