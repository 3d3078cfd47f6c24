/** A media type's essence, `type/subtype` of RFC 9110 tokens (§8.3.1). */
const ESSENCE = /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * The type recorded for a file that is not a recognised image: the essence (parameters dropped, lower-cased) of the
 * part's Content-Type or multipart `content_type`, as declared. Anything that is not a media type, a line break
 * included, is recorded as `application/octet-stream`: the CDN serves the recorded type as a header.
 */
export function declaredType(contentType: string | undefined): string {
    const essence = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    return ESSENCE.test(essence) ? essence : "application/octet-stream";
}

/**
 * Just enough content sniffing for `POST /base/`: Uploadcare decides `is_image` and `image_info` from the bytes,
 * not from the declared Content-Type. PNG, GIF and JPEG cover what tests and demos upload.
 */
export interface Sniffed {
    mimeType: string;
    format: string;
    width: number;
    height: number;
}

export function sniffImage(data: Buffer): Sniffed | undefined {
    return sniffPng(data) ?? sniffGif(data) ?? sniffJpeg(data);
}

function sniffPng(d: Buffer): Sniffed | undefined {
    const signature = "89504e470d0a1a0a";
    if (d.length < 24 || d.subarray(0, 8).toString("hex") !== signature) return undefined;
    return { mimeType: "image/png", format: "PNG", width: d.readUInt32BE(16), height: d.readUInt32BE(20) };
}

function sniffGif(d: Buffer): Sniffed | undefined {
    const head = d.subarray(0, 6).toString("latin1");
    if (d.length < 10 || (head !== "GIF87a" && head !== "GIF89a")) return undefined;
    return { mimeType: "image/gif", format: "GIF", width: d.readUInt16LE(6), height: d.readUInt16LE(8) };
}

/** Walks JPEG segments up to the first start-of-frame marker, which carries the dimensions. */
function sniffJpeg(d: Buffer): Sniffed | undefined {
    if (d.length < 4 || d[0] !== 0xff || d[1] !== 0xd8) return undefined;
    let pos = 2;
    while (pos + 9 < d.length) {
        if (d[pos] !== 0xff) return undefined;
        const marker = d[pos + 1] ?? 0;
        const length = d.readUInt16BE(pos + 2);
        const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
        if (isSof) {
            return {
                mimeType: "image/jpeg",
                format: "JPEG",
                height: d.readUInt16BE(pos + 5),
                width: d.readUInt16BE(pos + 7),
            };
        }
        pos += 2 + length;
    }
    return undefined;
}
