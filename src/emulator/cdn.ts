/**
 * CDN URLs in answers, and the emulator's own CDN. Uploadcare projects created since the per-project CDN domains
 * were introduced get `https://<prefix>.ucarecd.net/` URLs, the prefix derived from the public key
 * (https://uploadcare.com/docs/delivery/cdn/; computed with Uploadcare's own `@uploadcare/cname-prefix`); older
 * projects keep the shared `https://ucarecdn.com/`. `EmulatorOptions.cdn` picks one, or the emulator itself, which
 * serves every file's bytes at `<emulator url>/<uuid>/` and `/<uuid>/<filename>` so tests can fetch what they
 * uploaded.
 */
import type { ServerResponse } from "node:http";
import type { BlobStore } from "./blobs";
import { textReply } from "./reply";
import type { RequestLog } from "./requestLog";
import { send } from "./respond";
import { CDN_BASE } from "./serialize";
import type { State } from "./state";
import type { EmulatorOptions, RequestLogEntry } from "./types";

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
    res.writeHead(200, { "Content-Type": file.mimeType, "Content-Length": String(file.size) });
    if (method === "HEAD") {
        res.end();
        return;
    }
    const stream = deps.blobs.read(uuid);
    stream.on("error", () => res.destroy());
    stream.pipe(res);
}
