import type { Dispatcher } from "undici";

type Undici = typeof import("undici");

/** The three parts of undici the client uses. */
export interface UndiciParts {
    Agent: Undici["Agent"];
    EnvHttpProxyAgent: Undici["EnvHttpProxyAgent"];
    request(
        dispatcher: Dispatcher,
        url: URL,
        options: Omit<Dispatcher.RequestOptions, "origin" | "path">,
    ): Promise<Dispatcher.ResponseData>;
    /** "modules": the three files only; "index": undici's package index (the fallback). */
    loadedFrom: "modules" | "index";
}

type Load = (id: string) => unknown;

/**
 * Loads undici's Agent, EnvHttpProxyAgent and request API from their own files, not from the package index:
 * the index also loads fetch, WebSocket, the Cache API and cookies, which cost the provider process about 4 MB
 * of RSS for nothing (bench/README.md, "Provider memory"). undici's package.json has no "exports" map, so the
 * files are reachable; should a later undici move them, the package index is used instead.
 */
export function loadUndiciParts(load: Load = require): UndiciParts {
    try {
        const request = load("undici/lib/api/api-request.js") as (
            this: Dispatcher,
            opts: Dispatcher.RequestOptions,
        ) => Promise<Dispatcher.ResponseData>;
        const Agent = load("undici/lib/dispatcher/agent.js") as Undici["Agent"];
        const EnvHttpProxyAgent = load("undici/lib/dispatcher/env-http-proxy-agent.js") as Undici["EnvHttpProxyAgent"];
        if (typeof request !== "function" || typeof Agent !== "function" || typeof EnvHttpProxyAgent !== "function") {
            throw new TypeError("undici's files changed");
        }
        return {
            Agent,
            EnvHttpProxyAgent,
            // What undici's own `request(url, options)` does with a URL (index.js, makeDispatcher).
            request: (dispatcher, url, options) =>
                request.call(dispatcher, { ...options, origin: url.origin, path: `${url.pathname}${url.search}` }),
            loadedFrom: "modules",
        };
    } catch {
        const undici = load("undici") as Undici;
        return {
            Agent: undici.Agent,
            EnvHttpProxyAgent: undici.EnvHttpProxyAgent,
            request: (dispatcher, url, options) => undici.request(url, { ...options, dispatcher }),
            loadedFrom: "index",
        };
    }
}

let parts: UndiciParts | undefined;

/** The process's undici parts, loaded on the first request (a program that only declares resources never pays). */
export function undiciParts(): UndiciParts {
    parts ??= loadUndiciParts();
    return parts;
}
