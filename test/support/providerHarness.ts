import { type Emulator, type EmulatorOptions, startEmulator } from "../../src/emulator";
import { createGroupProvider, type GroupProvider, type GroupProviderDeps } from "../../src/provider/group/provider";
import { uploadcareCalls } from "./requests";

/** A stack config as `configure()` receives it. */
export function stackConfig(values: Record<string, string>) {
    return {
        get: (key: string) => values[key],
        require: (key: string) => {
            const value = values[key];
            if (value === undefined) throw new Error(`Missing required configuration key: ${key}`);
            return value;
        },
    };
}

export function emulatorConfig(emulator: Emulator, overrides: Record<string, string> = {}) {
    return stackConfig({
        "uploadcare:publicKey": emulator.publicKey,
        "uploadcare:secretKey": emulator.secretKey,
        "uploadcare:apiBaseUrl": emulator.url,
        "uploadcare:uploadBaseUrl": emulator.url,
        ...overrides,
    });
}

const PROOF = "GET /project/";

export interface Harness {
    emulator: Emulator;
    provider: GroupProvider;
    /** Every wait the provider asked for, in order (the waits themselves take ~0 ms). */
    sleeps: number[];
    /**
     * Requests the emulator saw since the last reset, as "METHOD /path" without the query. The project proof
     * (`GET /project/`, once per provider) is left out; `proofs()` counts it.
     */
    calls(): string[];
    /** `GET /project/` requests since the last reset. */
    proofs(): number;
    /** Groups created since the last reset (tests share one emulator). */
    newGroups(): ReturnType<Emulator["groups"]>;
    reset(): void;
    close(): Promise<void>;
}

/**
 * The real provider against a real emulator on 127.0.0.1, with waits recorded instead of slept, so
 * retry behaviour is visible and fast.
 */
export async function startHarness(
    options: { emulator?: EmulatorOptions; deps?: GroupProviderDeps; config?: Record<string, string> } = {},
): Promise<Harness> {
    const emulator = await startEmulator({ quiet: true, allowLoopbackSources: true, ...options.emulator });
    const sleeps: number[] = [];
    const provider = createGroupProvider({
        env: {},
        sleep: async (ms) => {
            sleeps.push(ms);
        },
        random: () => 0.5,
        readAfterCreateWindowMs: 0,
        ...options.deps,
    });
    await provider.configure({ config: emulatorConfig(emulator, options.config) });
    emulator.clearRequests();
    let before = new Set<string>();
    return {
        emulator,
        provider,
        sleeps,
        calls: () => uploadcareCalls(emulator).filter((line) => line !== PROOF),
        proofs: () => uploadcareCalls(emulator).filter((line) => line === PROOF).length,
        newGroups: () => emulator.groups().filter((g) => !before.has(g.id)),
        reset: () => {
            before = new Set(emulator.groups().map((g) => g.id));
            emulator.clearRequests();
            emulator.clearFaults();
            sleeps.length = 0;
        },
        close: () => emulator.close(),
    };
}
