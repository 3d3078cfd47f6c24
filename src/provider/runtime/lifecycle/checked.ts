/**
 * The shape every resource type's `check` returns, and the one way create and update turn it into typed inputs.
 * `check` collects every failure at once, each naming its field; create and update check the stored inputs again,
 * so a request is never built from bad data.
 */
import { UploadcareInputError } from "../../../client";
import { type CheckFailure, isUnknown, stripProvider } from "../checks";

/** The canonical inputs (what Pulumi stores and diffs) and every failure. */
export interface Checked<Inputs extends Record<string, unknown> = Record<string, unknown>> {
    inputs: Inputs;
    failures: CheckFailure[];
}

/** A fresh result over a copy of `news`, which the checks then normalise in place. */
export function startCheck(news: Record<string, unknown>): Checked {
    return { inputs: { ...news }, failures: [] };
}

/**
 * One failure per input the type does not take; `hint(key)` says what it takes instead. `__provider` is
 * Pulumi's own and always allowed.
 */
export function checkKnownKeys(
    checked: Checked,
    news: Record<string, unknown>,
    known: readonly string[],
    hint: (key: string) => string,
): void {
    for (const key of Object.keys(news)) {
        if (key === "__provider" || known.includes(key)) continue;
        checked.failures.push({ property: key, reason: `unknown input "${key}"${hint(key)}` });
    }
}

/** Pulumi's unknown placeholder anywhere inside a value (a list entry, a map value). */
export function containsUnknown(value: unknown): boolean {
    if (isUnknown(value)) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.values(value).some(containsUnknown);
    }
    return false;
}

/**
 * Checks `props` (stored inputs, `__provider` dropped) with `check` and builds the typed inputs, or throws
 * `UploadcareInputError` naming every failure: "Invalid <Type> inputs: …". `build` may answer `undefined` when the
 * inputs are not usable yet; `pending` then says what is missing.
 */
export async function parseOrThrow<T>(
    type: string,
    props: Record<string, unknown>,
    check: (news: Record<string, unknown>) => Checked | Promise<Checked>,
    build: (inputs: Record<string, unknown>, news: Record<string, unknown>) => T | undefined | Promise<T | undefined>,
    pending = "some inputs are not known yet",
): Promise<T> {
    const news = stripProvider(props);
    const { inputs, failures } = await check(news);
    const parsed = failures.length > 0 || containsUnknown(inputs) ? undefined : await build(inputs, news);
    if (parsed !== undefined) return parsed;
    const reasons = failures.map((f) => `${f.property} ${f.reason}`).join("; ");
    throw new UploadcareInputError(`Invalid ${type} inputs: ${reasons || pending}`, failures);
}
