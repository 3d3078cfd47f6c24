/**
 * CDN URLs in answers, and the emulator's own CDN. Uploadcare projects created since the per-project CDN domains
 * were introduced get `https://<prefix>.ucarecd.net/` URLs, the prefix derived from the public key
 * (https://uploadcare.com/docs/delivery/cdn/; computed with Uploadcare's own `@uploadcare/cname-prefix`); older
 * projects keep the shared `https://ucarecdn.com/`. `EmulatorOptions.cdn` picks one, or the emulator itself, which
 * serves every file's bytes at `<emulator url>/<uuid>/` and `/<uuid>/<filename>` so tests can fetch what they
 * uploaded.
 */
import type { ServerResponse } from "node:http";
import { textReply } from "../http/reply";
import type { RequestLog } from "../http/requestLog";
import { send } from "../http/respond";
import type { BlobStore } from "../state/blobs";
import { CDN_BASE, safeFilename } from "../state/serialize";
import type { State } from "../state/state";
import type { EmulatorOptions, RequestLogEntry } from "../types";

export const CNAME_CDN_ROOT = "https://ucarecd.net";

/** The CDN base (no trailing slash) of `publicKey`'s URLs in API answers. */
export function cdnBase(
    options: Pick<EmulatorOptions, "cdn" | "cdnBaseUrl">,
    emulatorUrl: string,
    publicKey: string,
): string {
    if (options.cdnBaseUrl) return options.cdnBaseUrl.replace(/\/+$/, "");
    if (options.cdn === "emulator") return emulatorUrl;
    if (options.cdn === "legacy") return CDN_BASE;
    // The default, as for every project created since September 2025.
    return cnamePrefixed(publicKey);
}

/**
 * The package is ESM-typed but ships a CommonJS build for Node (its "node"/"require" export), which `require`
 * loads; TypeScript would refuse a static import of it from this CommonJS module. Loaded on first use only.
 */
function cnamePrefixed(publicKey: string): string {
    const { getPrefixedCdnBaseSync } = require("@uploadcare/cname-prefix") as {
        getPrefixedCdnBaseSync(publicKey: string, cdnBase: string): string;
    };
    return getPrefixedCdnBaseSync(publicKey, CNAME_CDN_ROOT);
}

/** `/<uuid>/`, `/<uuid>/<filename>` and `/<uuid>/-/<operations>/…` (operations are ignored: the original is served). */
const CDN_PATH = /^\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/(?:.*)$/;

export function isCdnPath(path: string): boolean {
    return CDN_PATH.test(path);
}

/** Types a browser would run as a page (HTML, XHTML, SVG and other XML): a download, never a page. */
const ACTIVE_TYPE =
    /^\s*(?:text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|text\/xsl|[\w.+-]+\/[\w.-]+\+xml)\s*(?:;|$)/i;

/**
 * Uploaded bytes are anyone's, and the CDN shares its origin with the admin API: a browser must never run them as a
 * page of that origin. So the type is never sniffed (`nosniff`), the CSP allows nothing and sandboxes any document
 * into an opaque origin, and HTML, SVG and XML come as attachments (downloads), with their own type kept.
 */
export function cdnHeaders(mimeType: string, filename: string): Record<string, string> {
    const headers: Record<string, string> = {
        "Content-Type": mimeType,
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
    };
    if (ACTIVE_TYPE.test(mimeType)) headers["Content-Disposition"] = `attachment; filename="${safeFilename(filename)}"`;
    return headers;
}

/**
 * Streams a file's bytes. Removed files (whose bytes the emulator drops, see runtime.ts), demo files (which have no
 * bytes) and unknown UUIDs are 404. Unstored files are served, as the real CDN does during their 24 hours.
 */
export function serveCdn(
    deps: { state: State; blobs: BlobStore; log: RequestLog },
    method: string,
    path: string,
    res: ServerResponse,
    entry: RequestLogEntry,
): void {
    const uuid = CDN_PATH.exec(path)?.[1] ?? "";
    const file = deps.state.findFile(uuid);
    if (method !== "GET" && method !== "HEAD") {
        send(deps.log, res, entry, textReply(405, "Method Not Allowed"));
        return;
    }
    if (!file || file.datetimeRemoved !== null || !deps.blobs.has(uuid)) {
        send(deps.log, res, entry, textReply(404, "Not Found"));
        return;
    }
    entry.status = 200;
    deps.log.add(entry);
    res.writeHead(200, { ...cdnHeaders(file.mimeType, file.originalFilename), "Content-Length": String(file.size) });
    if (method === "HEAD") {
        res.end();
        return;
    }
    const stream = deps.blobs.read(uuid);
    stream.on("error", () => res.destroy());
    stream.pipe(res);
}
