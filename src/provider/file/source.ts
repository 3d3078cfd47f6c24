/**
 * The bytes of a `File`'s `source`: a Pulumi `FileAsset` (a path, relative to the program) or `StringAsset`.
 * `check` hashes them (streamed, so a large file is never held in memory), so the diff compares content, not
 * timestamps: touching a file without changing its bytes is no change.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** Above this, `source` goes through the multipart upload (the API's multipart minimum is 10,485,760 B). */
export const MULTIPART_THRESHOLD = 10 * 1024 * 1024;

export type SourceContent = { kind: "file"; path: string } | { kind: "text"; text: string };

/**
 * An asset as a provider receives it. The dynamic-provider host passes the engine's wire form, an object whose
 * signature key marks it as an asset, with `path`, `text` or `uri` as strings; `pulumi.asset.*` objects (with
 * promises) are accepted too, for callers in the same process.
 */
interface AssetLike {
    path?: Promise<string> | string;
    text?: Promise<string> | string;
    uri?: Promise<string> | string;
}

// The wire signature of an asset (the same constants as @pulumi/pulumi's runtime/rpc).
const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const ASSET_SIGNATURE = "c44067f5952c0a294b673a41bacd8c17";

export function isAsset(value: unknown): value is AssetLike {
    if (typeof value !== "object" || value === null) return false;
    const record = value as Record<string, unknown>;
    return record[SIGNATURE_KEY] === ASSET_SIGNATURE || record.__pulumiAsset === true;
}

/** The content an asset names, or why it cannot be a `source`. */
export async function sourceContent(value: unknown): Promise<SourceContent | { error: string }> {
    if (!isAsset(value)) {
        return { error: "must be a pulumi.asset.FileAsset or pulumi.asset.StringAsset (for a URL, use sourceUrl)" };
    }
    if (value.path !== undefined) return { kind: "file", path: path.resolve(await value.path) };
    if (value.text !== undefined) return { kind: "text", text: await value.text };
    return { error: "is a RemoteAsset; give the URL as sourceUrl instead, and Uploadcare fetches it" };
}

export interface SourceDigest {
    sha256: string;
    size: number;
}

/** The sha256 and size of the content, or why the file cannot be read. */
export async function digestSource(content: SourceContent): Promise<SourceDigest | { error: string }> {
    if (content.kind === "text") {
        const bytes = Buffer.from(content.text, "utf8");
        return { sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length };
    }
    try {
        const stat = await fs.promises.stat(content.path);
        if (!stat.isFile()) return { error: `${content.path} is not a regular file` };
        const hash = createHash("sha256");
        for await (const chunk of fs.createReadStream(content.path)) hash.update(chunk as Buffer);
        return { sha256: hash.digest("hex"), size: stat.size };
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { error: `${content.path} cannot be read (${code ?? (error as Error).message})` };
    }
}

/** The file name a source gets when `filename` is not given. */
export function defaultFilename(content: SourceContent | undefined, sourceUrl: string | undefined): string {
    if (content?.kind === "file") return path.basename(content.path);
    if (sourceUrl !== undefined) {
        try {
            const last = new URL(sourceUrl).pathname.split("/").filter(Boolean).pop();
            if (last) return decodeURIComponent(last);
        } catch {
            // An invalid URL is reported by its own check.
        }
    }
    return "file.txt";
}
