/**
 * Warnings about setups that work but are unsafe, printed once per program by the first resource or lookup: a
 * secret key kept as plain config, a stack silently served by the embedded emulator, and endpoints that mix the
 * local emulator with Uploadcare itself. They never stop a deployment; the provider's own checks do that.
 */
import * as pulumi from "@pulumi/pulumi";
import { isLoopbackHost } from "../client";
import { configuredRestApi, resolveSettings, SETTINGS, type SettingSources } from "../provider/runtime/settings";

export interface SetupFacts {
    sources: SettingSources;
    /** Whether a config key was set with `--secret` (the language host tells the program). */
    isSecret(key: string): boolean;
}

function isLoopbackUrl(text: string): boolean {
    try {
        return isLoopbackHost(new URL(text).hostname);
    } catch {
        return false;
    }
}

/** The warnings a setup deserves, as text; empty when there is nothing to say. */
export function setupWarnings(facts: SetupFacts): string[] {
    const warnings: string[] = [];
    const config = facts.sources.config;
    if (config?.get(SETTINGS.secretKey.key) !== undefined && !facts.isSecret(SETTINGS.secretKey.key)) {
        warnings.push(
            `${SETTINGS.secretKey.key} is plain config: Pulumi keeps it unencrypted in Pulumi.<stack>.yaml and in the ` +
                `state. Set it again with \`pulumi config set --secret ${SETTINGS.secretKey.key} <secret key>\`, or use ` +
                `${SETTINGS.secretKey.env} instead.`,
        );
    }
    if (configuredRestApi(facts.sources).embeddedEmulator) {
        warnings.push(
            `${SETTINGS.emulator.key} is "auto" and no public key is set (${SETTINGS.publicKey.key} / ` +
                `${SETTINGS.publicKey.env}), so this stack uses an embedded local emulator, not Uploadcare: its files, ` +
                "groups and webhooks exist only in .pulumi-uploadcare/ next to the program (add it to .gitignore), and " +
                "their CDN URLs serve nothing. Set the project's keys to manage real resources.",
        );
    }
    let settings: ReturnType<typeof resolveSettings> | undefined;
    try {
        settings = resolveSettings(facts.sources);
    } catch {
        settings = undefined; // A bad setting fails the operation that needs it, with its own message.
    }
    if (settings && isLoopbackUrl(settings.apiBaseUrl) !== isLoopbackUrl(settings.uploadBaseUrl)) {
        warnings.push(
            `${SETTINGS.apiBaseUrl.key} (${settings.apiBaseUrl}) and ${SETTINGS.uploadBaseUrl.key} ` +
                `(${settings.uploadBaseUrl}) point at different places: one is a local emulator, the other is not. ` +
                "Uploads would go to one project and reads to another; set both to the emulator's URL, or neither.",
        );
    }
    return warnings;
}

let warned = false;

/** Prints the setup's warnings once per program (every resource and lookup calls this). */
export function warnAboutSetup(): void {
    if (warned) return;
    warned = true;
    const runtime = pulumi.runtime as typeof pulumi.runtime & { isConfigSecret?: (key: string) => boolean };
    const facts: SetupFacts = {
        sources: { config: { get: (key) => pulumi.runtime.getConfig(key) } },
        // Internal to @pulumi/pulumi (runtime/config.ts) but present since 3.x; without it, assume a secret.
        isSecret: (key) => runtime.isConfigSecret?.(key) ?? true,
    };
    for (const warning of setupWarnings(facts)) void pulumi.log.warn(warning);
}
