import type { ClientConfig } from "../../client";
import { missingSetting, type ResolvedSettings } from "./settings";

/** The endpoint an embedded emulator listens on (see embeddedEmulator.ts). */
export interface EmulatorEndpoint {
    url: string;
    publicKey: string;
    secretKey: string;
}

/**
 * Where requests go and with which keys: the configured project, or, when the stack opts in with
 * `uploadcare:emulator: auto` and sets no public key, the embedded emulator. Shared by the provider
 * and the program-side lookups so both always talk to the same place.
 */
export async function resolveConnection(
    settings: ResolvedSettings,
    operation: string,
    needsSecret: boolean,
    startEmbeddedEmulator?: () => Promise<EmulatorEndpoint>,
): Promise<ClientConfig> {
    let { publicKey, secretKey, apiBaseUrl, uploadBaseUrl } = settings;
    if (!publicKey && settings.emulator === "auto") {
        if (!startEmbeddedEmulator) throw missingSetting("publicKey", operation);
        const emulator = await startEmbeddedEmulator();
        ({ publicKey, secretKey } = emulator);
        apiBaseUrl = emulator.url;
        uploadBaseUrl = emulator.url;
    }
    if (!publicKey) throw missingSetting("publicKey", operation);
    if (needsSecret && !secretKey) throw missingSetting("secretKey", operation);
    return {
        publicKey,
        ...(secretKey ? { secretKey } : {}),
        apiBaseUrl,
        uploadBaseUrl,
        signUploads: settings.signUploads,
    };
}
