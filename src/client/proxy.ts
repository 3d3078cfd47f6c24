import { isLoopbackHost } from "./config";

/**
 * Which proxy a request goes through, following the same HTTP(S)_PROXY / NO_PROXY variables as undici's
 * EnvHttpProxyAgent (lower case wins). Only used to name the proxy in network error messages.
 */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv = process.env): string | undefined {
    // The shared dispatcher always reaches loopback directly (the local emulator), so no proxy is in use there.
    if (isLoopbackHost(url.hostname)) return undefined;
    const proxy =
        url.protocol === "https:"
            ? (env.https_proxy ?? env.HTTPS_PROXY ?? env.http_proxy ?? env.HTTP_PROXY)
            : (env.http_proxy ?? env.HTTP_PROXY);
    if (!proxy) return undefined;
    const noProxy = env.no_proxy ?? env.NO_PROXY ?? "";
    if (bypassesProxy(url, noProxy)) return undefined;
    return safeProxyName(proxy);
}

function bypassesProxy(url: URL, noProxy: string): boolean {
    const host = url.hostname.toLowerCase();
    for (const raw of noProxy.split(/[\s,]+/)) {
        const entry = raw.trim().toLowerCase();
        if (!entry) continue;
        if (entry === "*") return true;
        const [name = "", port] = entry.split(":", 2) as [string, string | undefined];
        if (port && port !== (url.port || (url.protocol === "https:" ? "443" : "80"))) continue;
        const bare = name.replace(/^\*?\./, "");
        if (host === bare || host.endsWith(`.${bare}`)) return true;
    }
    return false;
}

/** Drops credentials from a proxy URL before it appears in a message. */
function safeProxyName(proxy: string): string {
    try {
        const url = new URL(proxy);
        url.username = "";
        url.password = "";
        return url.toString().replace(/\/$/, "");
    } catch {
        return "(unparsable proxy setting)";
    }
}
