/**
 * What every lookup shares: the per-call setting overrides, the dependencies, the runtime (one client setup, one
 * limiter and one cached project proof per process) and a lazily paginated list.
 */
import type { ClientDeps, UploadcareClient } from "../../client";
import type { EmulatorEndpoint } from "../runtime/connection";
import { createRuntime, type ProviderRuntime } from "../runtime/runtime";
import type { SettingSources } from "../runtime/settings";

/** Per-call overrides of the provider settings (otherwise stack config `uploadcare:*`, then `UPLOADCARE_*`). */
export interface LookupOptions {
    publicKey?: string;
    secretKey?: string;
    apiBaseUrl?: string;
}

export interface LookupDeps extends ClientDeps {
    /** Stack config, read by full key (`uploadcare:publicKey`). */
    config?: SettingSources["config"];
    env?: NodeJS.ProcessEnv;
    /** The read-only embedded emulator, for stacks with `uploadcare:emulator: auto` and no key. */
    startEmbeddedEmulator?: () => Promise<EmulatorEndpoint>;
    /** A runtime shared with the rest of the process (default: a new one from the fields above). */
    runtime?: ProviderRuntime;
}

/** The runtime lookups use: the one given, or a new one configured from `deps.config`. */
export function lookupRuntime(deps: LookupDeps): ProviderRuntime {
    if (deps.runtime) return deps.runtime;
    const runtime = createRuntime(deps);
    if (deps.config) runtime.configure(deps.config);
    return runtime;
}

/**
 * Items of a paginated list, mapped, the client made only when the caller starts reading; stops after `limit`
 * (returning closes the source generator, so no further page is fetched).
 */
export async function* limitedList<Raw, Item>(
    client: () => Promise<UploadcareClient>,
    list: (client: UploadcareClient) => AsyncGenerator<Raw>,
    map: (raw: Raw) => Item,
    limit: number,
): AsyncGenerator<Item> {
    let count = 0;
    for await (const raw of list(await client())) {
        yield map(raw);
        if (++count >= limit) return;
    }
}
