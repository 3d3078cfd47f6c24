/**
 * Validation and normalisation of File inputs, run in `check` (no network; a local `source` is read to hash it).
 * What `check` returns is what Pulumi stores and later diffs: the canonical inputs plus `contentSha256` and
 * `size` of a `source`, so the diff compares bytes.
 */
import { declaredContentType, describeValue as describe, UploadcareInputError } from "../../client";
import { type CheckFailure, isUnknown, userinfoProblem } from "../runtime/checks";
import { type Checked, checkKnownKeys, parseOrThrow, startCheck } from "../runtime/lifecycle";
import { defaultFilename, digestSource, isAsset, type SourceContent, sourceContent } from "./source";
import { checkTags } from "./tags";

const KNOWN_INPUTS = [
    "source",
    "sourceUrl",
    "filename",
    "store",
    "metadata",
    "contentType",
    "tags",
    "contentSha256",
    "size",
];
// https://uploadcare.com/docs/file-metadata/: at most 50 keys, each 1–64 characters of letters, digits, `_`, `-`,
// `.` and `:`, values up to 512 characters.
const METADATA_KEY = /^[\w\-.:]{1,64}$/;
/**
 * Keys the grammar allows but JavaScript objects do not hold as plain data: `__proto__` is dropped (or changes the
 * object's prototype) when the inputs are copied, and `constructor` or `prototype` read as inherited members.
 */
const RESERVED_METADATA_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const MAX_METADATA_KEYS = 50;
const MAX_METADATA_VALUE = 512;

function checkSourceUrl(value: unknown, failures: CheckFailure[]): void {
    if (isUnknown(value)) return;
    if (typeof value !== "string") {
        failures.push({ property: "sourceUrl", reason: `must be an http(s) URL, got ${describe(value)}` });
        return;
    }
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        failures.push({
            property: "sourceUrl",
            reason: `must be an http(s) URL such as https://example.com/logo.png, got "${value}"`,
        });
        return;
    }
    const credentials = userinfoProblem(url, "use a signed or public URL");
    if (url.protocol !== "https:" && url.protocol !== "http:") {
        failures.push({ property: "sourceUrl", reason: `must be an http(s) URL, got "${url.protocol}"` });
    } else if (credentials) {
        failures.push({ property: "sourceUrl", reason: credentials });
    }
}

function checkFilename(value: unknown, failures: CheckFailure[]): void {
    if (value === undefined || isUnknown(value)) return;
    if (typeof value !== "string" || value.trim() === "" || value.length > 255 || /[/\\\0]/.test(value)) {
        failures.push({
            property: "filename",
            reason: `must be a file name of 1 to 255 characters without "/" or "\\", got ${describe(value)}`,
        });
    }
}

function checkMetadata(value: unknown, failures: CheckFailure[]): void {
    if (value === undefined || isUnknown(value)) return;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        failures.push({ property: "metadata", reason: `must be a map of strings, got ${describe(value)}` });
        return;
    }
    const entries = Object.entries(value);
    if (entries.length > MAX_METADATA_KEYS) {
        failures.push({
            property: "metadata",
            reason: `has ${entries.length} keys; Uploadcare allows at most ${MAX_METADATA_KEYS}`,
        });
    }
    for (const [key, item] of entries) {
        const property = `metadata.${key}`;
        if (!METADATA_KEY.test(key)) {
            failures.push({ property, reason: "key must be 1 to 64 letters, digits, _, -, . or :" });
            continue;
        }
        if (RESERVED_METADATA_KEYS.has(key)) {
            const reason =
                "key is reserved: the documented grammar (1 to 64 letters, digits, _, -, . or :; " +
                "https://uploadcare.com/docs/file-metadata/) allows it, but JavaScript treats it specially, so the " +
                "value would be lost or misread on its way to Uploadcare; use another name";
            failures.push({ property, reason });
            continue;
        }
        if (!isUnknown(item) && (typeof item !== "string" || item.length > MAX_METADATA_VALUE)) {
            const reason = `must be a string of at most ${MAX_METADATA_VALUE} characters, got ${describe(item)}`;
            failures.push({ property, reason });
        }
    }
}

/**
 * `contentType`: a media type (it becomes a header line of the upload's form part), trimmed. Only with `source`:
 * `from_url` takes no type (https://uploadcare.com/api-refs/upload-api/), Uploadcare takes it from the fetched answer.
 */
function checkContentType(news: Record<string, unknown>, checked: Checked, hasUrl: boolean): void {
    const value = news.contentType;
    if (value === undefined || value === null) {
        delete checked.inputs.contentType;
        return;
    }
    if (isUnknown(value)) return;
    if (hasUrl) {
        const reason =
            "cannot be given with sourceUrl: Uploadcare takes a fetched file's type from the URL's answer; give " +
            "source to upload bytes with a declared type";
        checked.failures.push({ property: "contentType", reason });
        return;
    }
    try {
        checked.inputs.contentType = declaredContentType({ contentType: value as string, filename: "" });
    } catch (error) {
        if (!(error instanceof UploadcareInputError)) throw error;
        const reason = error.failures[0]?.reason ?? error.message;
        checked.failures.push({ property: "contentType", reason });
    }
}

async function checkSource(news: Record<string, unknown>, checked: Checked): Promise<SourceContent | undefined> {
    const content = await sourceContent(news.source);
    if ("error" in content) {
        checked.failures.push({ property: "source", reason: content.error });
        return undefined;
    }
    const digest = await digestSource(content);
    if ("error" in digest) {
        checked.failures.push({ property: "source", reason: digest.error });
        return undefined;
    }
    checked.inputs.contentSha256 = digest.sha256;
    checked.inputs.size = digest.size;
    return content;
}

/** Every failure at once, each naming its field; the canonical inputs when there are none. */
export async function checkFileInputs(news: Record<string, unknown>): Promise<Checked> {
    const checked = startCheck(news);
    const takes = '; a File takes "source" or "sourceUrl", and "filename", "store", "metadata", "contentType", "tags"';
    checkKnownKeys(checked, news, KNOWN_INPUTS, () => takes);
    const hasSource = news.source !== undefined && news.source !== null;
    const hasUrl = news.sourceUrl !== undefined && news.sourceUrl !== null;
    if (hasSource && hasUrl) {
        const reason =
            "cannot be given with source: give source for bytes the provider uploads, or sourceUrl for Uploadcare to fetch";
        checked.failures.push({ property: "sourceUrl", reason });
    } else if (!hasSource && !hasUrl) {
        const reason = "is required: give source (a FileAsset or StringAsset) or sourceUrl (a URL Uploadcare fetches)";
        checked.failures.push({ property: "source", reason });
    }
    let content: SourceContent | undefined;
    if (hasSource && !hasUrl) content = await checkSource(news, checked);
    if (hasUrl) checkSourceUrl(news.sourceUrl, checked.failures);
    if (!hasSource) {
        // Computed from a source only: a stale value from an earlier program must not survive.
        delete checked.inputs.contentSha256;
        delete checked.inputs.size;
    }
    checkFilename(news.filename, checked.failures);
    checkMetadata(news.metadata, checked.failures);
    checkContentType(news, checked, hasUrl);
    const tags = checkTags(news.tags, checked.failures);
    // None given stays absent (not `[]`): the inputs of a File without tags stay as earlier versions recorded them.
    if (news.tags === undefined || news.tags === null) delete checked.inputs.tags;
    else if (tags !== undefined) checked.inputs.tags = tags;
    if (news.store === undefined || news.store === null) checked.inputs.store = true;
    else if (typeof news.store !== "boolean" && !isUnknown(news.store)) {
        checked.failures.push({ property: "store", reason: `must be true or false, got ${describe(news.store)}` });
    }
    if (news.filename === undefined && !isUnknown(news.sourceUrl)) {
        checked.inputs.filename = defaultFilename(content, hasUrl ? (news.sourceUrl as string) : undefined);
    }
    if (news.metadata === undefined || news.metadata === null) checked.inputs.metadata = {};
    return checked;
}

/** The inputs create and update act on, re-validated so a request is never built from bad data. */
export interface FileInputs {
    source?: SourceContent;
    sourceUrl?: string;
    filename: string;
    store: boolean;
    metadata: Record<string, string>;
    /** The declared type when the program gives one; else the upload takes it from `filename`. */
    contentType?: string;
    /** Normalised (lower-case, trimmed, no blanks or duplicates); `[]` for none. */
    tags: string[];
    contentSha256?: string;
    size?: number;
}

export function parseFileInputs(props: Record<string, unknown>): Promise<FileInputs> {
    return parseOrThrow("File", props, checkFileInputs, async (inputs, news) => {
        const content = isAsset(news.source) ? await sourceContent(news.source) : undefined;
        return {
            ...(content && !("error" in content) ? { source: content } : {}),
            ...(typeof inputs.sourceUrl === "string" ? { sourceUrl: inputs.sourceUrl } : {}),
            filename: inputs.filename as string,
            store: inputs.store !== false,
            metadata: inputs.metadata as Record<string, string>,
            ...(typeof inputs.contentType === "string" ? { contentType: inputs.contentType } : {}),
            tags: (inputs.tags as string[] | undefined) ?? [],
            ...(typeof inputs.contentSha256 === "string"
                ? { contentSha256: inputs.contentSha256, size: inputs.size as number }
                : {}),
        };
    });
}
