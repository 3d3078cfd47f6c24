import { isLoopbackHost } from "./config";

/**
 * The proxy a failed request may have gone through, for the error message only: undici's EnvHttpProxyAgent
 * decides the route itself from HTTP(S)_PROXY and NO_PROXY (lower case wins), and that decision is not repeated
 * here. With a NO_PROXY set, the message says the proxy applies unless NO_PROXY exempts the host.
 */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv = process.env): string | undefined {
    // Loopback always goes direct (see dispatcher.ts), so no proxy is in use there.
    if (isLoopbackHost(url.hostname)) return undefined;
    const proxy =
        url.protocol === "https:"
            ? (env.https_proxy ?? env.HTTPS_PROXY ?? env.http_proxy ?? env.HTTP_PROXY)
            : (env.http_proxy ?? env.HTTP_PROXY);
    if (!proxy) return undefined;
    const noProxy = (env.no_proxy ?? env.NO_PROXY ?? "").trim();
    return noProxy
        ? `${safeProxyName(proxy)} (unless NO_PROXY=${noProxy} exempts ${url.hostname})`
        : safeProxyName(proxy);
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
