/**
 * Settings checked in `check`, so `pulumi preview` fails on what `up` would fail on: a missing key, a malformed
 * URL or number, keys Uploadcare refuses. Only for a resource that will be created or changed: a preview with no
 * changes sends no request. The dynamic provider's `check` gets the stack config first (the host calls
 * `configure` before it, @pulumi/pulumi cmd/dynamic-provider `getProvider`).
 */
import { UploadcareError } from "../../client";
import { type CheckFailure, stripProvider } from "./checks";
import type { ProviderRuntime, SettingOverrides } from "./runtime";

/** What creating (`creating`) or changing a resource with these checked inputs needs: `runtime.writer`'s arguments. */
export type Writes = (
    inputs: Record<string, unknown>,
    creating: boolean,
) => {
    operation: string;
    needsSecret: boolean;
    overrides?: SettingOverrides;
    /** The keys come from inputs not known yet (a Project the same run creates): nothing to check until they are. */
    keysPending?: boolean;
};

/** JSON with sorted keys: the same inputs compare equal whatever order the engine kept them in. */
function canonical(value: unknown): string {
    return JSON.stringify(value, (_key, item: unknown) =>
        item && typeof item === "object" && !Array.isArray(item)
            ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
            : item,
    );
}

/**
 * The failure `check` reports when the settings would fail this create or change, naming the setting (an empty
 * property: the engine then prints the reason alone, with no input value and no stack trace).
 */
export async function settingsFailure(
    runtime: Pick<ProviderRuntime, "preflight">,
    writes: Writes,
    olds: Record<string, unknown>,
    inputs: Record<string, unknown>,
    notChanges: readonly string[] = [],
): Promise<CheckFailure | undefined> {
    const before = stripProvider(olds);
    const creating = Object.keys(before).length === 0;
    const compared = (props: Record<string, unknown>) =>
        canonical(
            Object.fromEntries(Object.entries(stripProvider(props)).filter(([key]) => !notChanges.includes(key))),
        );
    if (!creating && compared(before) === compared(inputs)) return undefined;
    const { operation, needsSecret, overrides, keysPending } = writes(inputs, creating);
    // The engine checks again with the known values before `up` acts, and this check runs then.
    if (keysPending) return undefined;
    try {
        await runtime.preflight(operation, needsSecret, overrides);
        return undefined;
    } catch (error) {
        if (!UploadcareError.isUploadcareError(error)) throw error;
        // The message names the provider settings; a resource with `credentials` did not use them.
        const own = overrides?.publicKey
            ? ` The keys here are this resource's credentials input (public key ${overrides.publicKey}), not those settings.`
            : "";
        return { property: own ? "credentials" : "", reason: `${error.message}${own}` };
    }
}
