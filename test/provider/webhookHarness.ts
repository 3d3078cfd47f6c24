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
    reset(): void;
    close(): Promise<void>;
}

/** The real Webhook provider against a real emulator on 127.0.0.1; waits are recorded, not slept. */
export async function startWebhookHarness(
    options: { emulator?: EmulatorOptions; config?: Record<string, string> } = {},
): Promise<WebhookHarness> {
    const emulator = await startEmulator({ quiet: true, ...options.emulator });
    const logs: string[] = [];
    const provider = createWebhookProvider({
        env: {},
        sleep: async () => {},
        random: () => 0.5,
        log: (l) => logs.push(l),
    });
    await provider.configure({ config: emulatorConfig(emulator, options.config) });
    emulator.clearRequests();
    return {
        emulator,
        provider,
        logs,
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
