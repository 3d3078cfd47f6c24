/**
 * Provider configuration for the native plugin. The engine sends the provider's inputs (stack config
 * `uploadcare:*` for the default provider, the resource's arguments for an explicit one) to CheckConfig,
 * DiffConfig and Configure; they are turned into the `get("uploadcare:<key>")` view the shared runtime
 * reads, so the environment fallback and validation are those of the dynamic provider.
 * Protocol: https://pulumi-developer-docs.readthedocs.io/latest/docs/architecture/providers/implementers-guide.html
 */
import { resolveSettings, SETTINGS, type SettingName } from "../provider/runtime/settings";
import { type PropertyMap, unwrapSecrets } from "./values";

export interface ConfigView {
    get(key: string): string | undefined;
}

const NAMES = Object.keys(SETTINGS) as SettingName[];

/** Config values arrive typed (YAML `true`, `8`) or as text (stack config); settings read text. */
function asText(value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    return typeof value === "string" ? value : JSON.stringify(value);
}

/** The settings view of provider inputs (secret wrappers removed). */
export function configView(inputs: PropertyMap): ConfigView {
    const { plain } = unwrapSecrets(inputs);
    const byKey = new Map<string, string | undefined>(
        NAMES.map((name) => [SETTINGS[name].key, asText(plain[name])] as const),
    );
    return { get: (key) => byKey.get(key) };
}

/**
 * `Configure` sends `args` (typed inputs) and, from older engines, `variables` keyed
 * `uploadcare:config:<name>`; `args` wins when present.
 */
export function configFromRequest(args: PropertyMap | undefined, variables: Map<string, string>): ConfigView {
    if (args && Object.keys(args).length > 0) return configView(args);
    const inputs: PropertyMap = {};
    for (const [key, value] of variables) {
        const name = key.replace(/^uploadcare:(config:)?/, "");
        if (name !== key) inputs[name] = value;
    }
    return configView(inputs);
}

export interface ConfigFailure {
    property: string;
    reason: string;
}

/** CheckConfig: unknown keys and malformed values, found before any request (env fallback included). */
export function checkConfig(inputs: PropertyMap, env: NodeJS.ProcessEnv = process.env): ConfigFailure[] {
    const failures: ConfigFailure[] = [];
    for (const key of Object.keys(inputs)) {
        if (key === "version" || key === "pluginDownloadURL") continue;
        if (!(NAMES as string[]).includes(key)) {
            failures.push({ property: key, reason: `unknown setting "${key}"; known: ${NAMES.join(", ")}` });
        }
    }
    try {
        resolveSettings({ config: configView(inputs), env });
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const property = NAMES.find((name) => reason.includes(SETTINGS[name].key)) ?? "";
        failures.push({ property, reason });
    }
    return failures;
}

/** DiffConfig: the settings whose value changed (secret values compared unwrapped, never reported). */
export function changedSettings(olds: PropertyMap, news: PropertyMap): string[] {
    const before = configView(olds);
    const after = configView(news);
    return NAMES.filter((name) => before.get(SETTINGS[name].key) !== after.get(SETTINGS[name].key));
}
