/**
 * Browsers let any web page send requests to 127.0.0.1: a form POST needs no CORS permission, and a page on a name
 * rebound to 127.0.0.1 is even same-origin to the browser. Such a page must not change the emulator's state (nor
 * make it fetch local URLs through `from_url`). Browsers mark their requests: `Origin` on every request but
 * same-origin GETs, and `Sec-Fetch-Site` (https://fetch.spec.whatwg.org/#origin-header,
 * https://www.w3.org/TR/fetch-metadata/). SDKs, curl and the provider send neither, and pass.
 */
import type { IncomingHttpHeaders } from "node:http";
import { isLoopbackHost } from "./loopback";
import { jsonReply, type Reply } from "./reply";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether `origin` is the emulator's own: its URL, or a loopback name for the same port (`http://localhost:P` for an
 * emulator at `http://127.0.0.1:P`). A page on a rebound name (`http://attacker.example:P`) is not, although the
 * browser sends its requests to the emulator.
 */
export function isOwnOrigin(origin: string, emulatorUrl: string): boolean {
    if (!URL.canParse(origin) || !URL.canParse(emulatorUrl)) return false;
    const seen = new URL(origin);
    const own = new URL(emulatorUrl);
    if (seen.origin === own.origin) return true;
    return seen.protocol === own.protocol && seen.port === own.port && isLoopbackHost(seen.host);
}

/**
 * 403 for a state-changing request (any method but GET, HEAD, OPTIONS) that a browser sent from another site or
 * another origin; undefined for everything else.
 */
export function crossOriginRefusal(
    method: string,
    headers: IncomingHttpHeaders,
    emulatorUrl: string,
): Reply | undefined {
    if (SAFE_METHODS.has(method)) return undefined;
    const site = headers["sec-fetch-site"];
    const origin = headers.origin;
    const foreignSite = site === "cross-site" || site === "same-site";
    if (!foreignSite && (origin === undefined || isOwnOrigin(origin, emulatorUrl))) return undefined;
    const from = origin === undefined ? `a ${site} page` : `origin ${JSON.stringify(origin.slice(0, 200))}`;
    return jsonReply(403, {
        detail: `The emulator refuses state-changing requests that a web browser sends from another site (${from}). SDKs, curl and the provider send no Origin header and are not affected.`,
    });
}
