import { type Emulator, type EmulatorOptions, startEmulator } from "../../src/emulator";
import { createWebhookProvider, type WebhookProvider } from "../../src/provider/webhook/provider";
import { emulatorConfig } from "../support/providerHarness";
import { uploadcareCalls } from "../support/requests";

export interface WebhookHarness {
    emulator: Emulator;
    provider: WebhookProvider;
    /** Requests since the last reset as "METHOD /path", the once-per-process `GET /project/` left out. */
    calls(): string[];
    logs: string[];
    /** Another provider process on the same emulator (a later `pulumi up`), configured the same way. */
    another(): Promise<WebhookProvider>;
    reset(): void;
    close(): Promise<void>;
}

/** The real Webhook provider against a real emulator on 127.0.0.1; waits are recorded, not slept. */
export async function startWebhookHarness(
    options: {
        emulator?: EmulatorOptions;
        config?: Record<string, string>;
        /** Runs in the provider's wait before a lookup, i.e. between a failed POST and the list after it. */
        onSleep?: () => Promise<void> | void;
        /** The provider's clock (the emulator's `now` should then agree, for signed requests). */
        now?: () => Date;
    } = {},
): Promise<WebhookHarness> {
    const emulator = await startEmulator({ quiet: true, ...options.emulator });
    const logs: string[] = [];
    const another = async () => {
        const next = createWebhookProvider({
            env: {},
            sleep: async () => {
                await options.onSleep?.();
            },
            random: () => 0.5,
            log: (l) => logs.push(l),
            ...(options.now ? { now: options.now } : {}),
        });
        await next.configure({ config: emulatorConfig(emulator, options.config) });
        return next;
    };
    const provider = await another();
    emulator.clearRequests();
    return {
        emulator,
        provider,
        logs,
        another,
        calls: () => uploadcareCalls(emulator).filter((line) => line !== "GET /project/"),
        reset: () => {
            emulator.clearRequests();
            emulator.clearFaults();
            logs.length = 0;
        },
        close: () => emulator.close(),
    };
}

/** What `check` would hand to create: the canonical inputs (throws on failures). */
export async function checked(provider: WebhookProvider, news: Record<string, unknown>) {
    const result = await provider.check({}, news);
    if (result.failures?.length) throw new Error(JSON.stringify(result.failures));
    return result.inputs as Record<string, unknown>;
}
