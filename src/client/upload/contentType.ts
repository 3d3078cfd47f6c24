/**
 * The content type an upload declares, picked from the file name's extension with `mime-types` (the `mime-db`
 * database, https://github.com/jshttp/mime-types). Uploadcare recognises images from their bytes whatever is
 * declared; for everything else the declared type is what the file is served with.
 */
import { UploadcareInputError } from "../core/errors";
import { describeValue } from "../core/ids";

/** What a name without a known extension is sent as: bytes of no particular type (RFC 2046 §4.5.1). */
export const DEFAULT_CONTENT_TYPE = "application/octet-stream";

/**
 * `mime-types` ships CommonJS without type declarations; this is the one function used, loaded on first use.
 * `lookup` answers `false` for an unknown extension.
 */
function lookup(filename: string): string | false {
    const { lookup: byName } = require("mime-types") as { lookup(path: string): string | false };
    return byName(filename);
}

/**
 * `logo.svg` → `image/svg+xml`, `site.css` → `text/css`, `font.woff2` → `font/woff2`; case does not matter
 * (`PHOTO.JPG`), and a path is fine (`assets/app.js`). A name with no or an unknown extension gets
 * `application/octet-stream`.
 */
export function contentTypeFor(filename: string): string {
    return (typeof filename === "string" && lookup(filename)) || DEFAULT_CONTENT_TYPE;
}

/** `type/subtype` and optional `; name=value` parameters, tokens as RFC 9110 §8.3.1 defines them. */
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(?:\\s*;\\s*${TOKEN}=(?:${TOKEN}|"[^"\\r\\n]*"))*$`);

/**
 * The type an upload declares: `contentType` when given (checked: it becomes a header line of the form body, so a
 * line break must never reach it), else `contentTypeFor(filename)`.
 */
export function declaredContentType(options: { contentType?: string; filename: string }): string {
    const { contentType } = options;
    if (contentType === undefined) return contentTypeFor(options.filename);
    if (typeof contentType === "string" && MEDIA_TYPE.test(contentType.trim())) return contentType.trim();
    const reason = `must be a media type like "text/css" or "image/png", got ${describeValue(contentType)}`;
    throw new UploadcareInputError(`contentType ${reason}`, [{ property: "contentType", reason }]);
}
