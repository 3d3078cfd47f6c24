import type { RequestLogEntry } from "../../src/emulator";

/**
 * The emulator's request log without its own admin API (`/__emulator/…`): only what reached the REST and
 * Upload APIs, i.e. what the real Uploadcare would have seen. Takes an emulator, or log entries fetched from
 * the admin API of an emulator in another process.
 */
export function uploadcareRequests<T extends { api: string }>(
    source: { readonly requests: readonly T[] } | readonly T[],
): T[] {
    const entries = "requests" in source ? source.requests : source;
    return entries.filter((r) => r.api !== "admin");
}

/** Those requests as `METHOD /path` (query dropped), with ` STATUS` appended when asked. */
export function uploadcareCalls(
    source: { readonly requests: readonly RequestLogEntry[] } | readonly RequestLogEntry[],
    options: { status?: boolean } = {},
): string[] {
    return uploadcareRequests(source).map(
        (r) => `${r.method} ${r.path.split("?")[0]}${options.status ? ` ${r.status}` : ""}`,
    );
}
