type Undici = typeof import("undici");

let loaded: Undici | undefined;

/**
 * undici, loaded on the first request (a program that only declares resources never pays for it). The whole
 * package, not just the files the client calls: undici's index adds `request`, `connect` and the other API
 * methods to every dispatcher (`Object.assign(Dispatcher.prototype, api)`), and its own dispatchers rely on
 * that: ProxyAgent opens its tunnel with `this[kClient].connect()`. Loading single files left that method out,
 * so every request through HTTP(S)_PROXY failed ("this[kClient].connect is not a function"). The index costs
 * the provider process about 4 MB more RSS (bench/README.md, "Provider memory").
 */
export function undici(): Undici {
    loaded ??= require("undici") as Undici;
    return loaded;
}
