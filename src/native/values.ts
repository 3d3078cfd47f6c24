/**
 * Property values on the wire. A native provider receives `google.protobuf.Struct`s in which secrets and
 * unknowns are encoded as sentinel objects/strings; the shared provider modules work on plain values.
 * Encoding: https://pulumi-developer-docs.readthedocs.io/latest/docs/architecture/providers/implementers-guide.html
 */
import { type Struct, structPb } from "./proto";

/** The key that marks an object as a special value, and the signature of a secret. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export type PropertyMap = Record<string, unknown>;

export function isSecret(value: unknown): value is { [SIG_KEY]: string; value: unknown } {
    return typeof value === "object" && value !== null && (value as PropertyMap)[SIG_KEY] === SECRET_SIG;
}

/** Wraps a value as a secret (the engine keeps it encrypted in state). */
export function secret(value: unknown): PropertyMap {
    return { [SIG_KEY]: SECRET_SIG, value };
}

/** A copy without secret wrappers, at any depth, and the top-level keys that held a secret. */
export function unwrapSecrets(props: PropertyMap): { plain: PropertyMap; secretKeys: Set<string> } {
    const secretKeys = new Set<string>();
    const plain: PropertyMap = {};
    for (const [key, value] of Object.entries(props)) {
        if (containsSecret(value)) secretKeys.add(key);
        plain[key] = reveal(value);
    }
    return { plain, secretKeys };
}

function containsSecret(value: unknown): boolean {
    if (isSecret(value)) return true;
    if (Array.isArray(value)) return value.some(containsSecret);
    if (typeof value === "object" && value !== null) return Object.values(value).some(containsSecret);
    return false;
}

function reveal(value: unknown): unknown {
    if (isSecret(value)) return reveal(value.value);
    if (Array.isArray(value)) return value.map(reveal);
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
    }
    return value;
}

/** Outputs with the given top-level keys wrapped as secrets (inputs that were secret, secret outputs). */
export function markSecrets(props: PropertyMap, keys: Iterable<string>): PropertyMap {
    const out = { ...props };
    for (const key of keys) {
        if (out[key] !== undefined && !isSecret(out[key])) out[key] = secret(out[key]);
    }
    return out;
}

/** A Struct as plain JavaScript (an absent Struct is an empty map). */
export function fromStruct(struct: Struct | undefined): PropertyMap {
    return (struct?.toJavaScript() ?? {}) as PropertyMap;
}

/** Plain JavaScript as a Struct; `undefined` members are left out (Struct has no such value). */
export function toStruct(props: PropertyMap): Struct {
    return structPb.Struct.fromJavaScript(
        JSON.parse(JSON.stringify(props)) as Parameters<typeof structPb.Struct.fromJavaScript>[0],
    );
}
