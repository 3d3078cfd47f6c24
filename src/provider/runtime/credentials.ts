/**
 * `credentials: { publicKey, secretKey }` on File, Group and Webhook: the resource lives in that project (one the
 * same program may create) instead of the configured one. Written once for the three types, around their own
 * operations: `check` validates it, `diff` tells a rotated key (an update that only proves the new key) from
 * another project (a replace), and every operation gets a runtime whose clients, proof and preflight use the
 * resource's keys: from its inputs (check, create, update) or its stored outputs (read, delete), so refresh and
 * destroy use the newest key the stack stored. The secret key is never quoted in a failure; the resource classes
 * make the input and the output Pulumi secrets.
 */
import type * as pulumi from "@pulumi/pulumi";
import { describeValue as describe } from "../../client";
import { type CheckFailure, isUnknown, stripProvider } from "./checks";
import type { ResourceOperations } from "./dynamicProvider";
import type { ProviderRuntime, SettingOverrides } from "./runtime";

export const CREDENTIALS = "credentials";

export interface Credentials {
    publicKey: string;
    secretKey: string;
}

const given = (value: unknown) => value !== undefined && value !== null;

/** The failures of a `credentials` input (none when absent); the secret key's value is never quoted. */
export function credentialsFailures(value: unknown): CheckFailure[] {
    if (!given(value) || isUnknown(value)) return [];
    const property = CREDENTIALS;
    if (typeof value !== "object" || Array.isArray(value)) {
        return [
            { property, reason: "must be { publicKey, secretKey }: the keys of the project the resource lives in" },
        ];
    }
    const { publicKey, secretKey, ...extra } = value as Record<string, unknown>;
    const failures: CheckFailure[] = [];
    if (!isUnknown(publicKey) && (typeof publicKey !== "string" || publicKey.trim() === "")) {
        failures.push({
            property: `${property}.publicKey`,
            reason: `must be a project's public key, got ${describe(publicKey)}`,
        });
    }
    if (!isUnknown(secretKey) && (typeof secretKey !== "string" || secretKey.trim() === "")) {
        const got =
            typeof secretKey === "string" ? "an empty string" : `a ${secretKey === null ? "null" : typeof secretKey}`;
        failures.push({
            property: `${property}.secretKey`,
            reason: `must be a secret key of that project, got ${got}`,
        });
    }
    for (const key of Object.keys(extra)) {
        failures.push({
            property: `${property}.${key}`,
            reason: "is not an input: credentials take publicKey and secretKey",
        });
    }
    return failures;
}

/** The keys `props` (inputs or stored outputs) name; none when absent or still unknown. */
export function credentialsOf(props: Record<string, unknown> | undefined): SettingOverrides {
    const value = props?.[CREDENTIALS];
    if (!given(value) || typeof value !== "object") return {};
    const { publicKey, secretKey } = value as Record<string, unknown>;
    const known = (text: unknown) => (typeof text === "string" && !isUnknown(text) ? text.trim() : undefined);
    const pub = known(publicKey);
    const secret = known(secretKey);
    return { ...(pub ? { publicKey: pub } : {}), ...(secret ? { secretKey: secret } : {}) };
}

/** Whether `credentials` are given but a key is not known yet (preview of a Project or key the run creates). */
function keysPending(value: unknown): boolean {
    if (!given(value)) return false;
    if (isUnknown(value) || typeof value !== "object") return isUnknown(value);
    const { publicKey, secretKey } = value as Record<string, unknown>;
    return isUnknown(publicKey) || isUnknown(secretKey);
}

/** The project the new inputs name, or `undefined` when they name none (the configured one) or it is unknown. */
function publicKeyOf(props: Record<string, unknown>): { unknown: boolean; publicKey?: string } {
    const value = props[CREDENTIALS];
    if (!given(value)) return { unknown: false };
    if (isUnknown(value) || isUnknown((value as Record<string, unknown>).publicKey)) return { unknown: true };
    const { publicKey } = credentialsOf(props);
    return publicKey ? { unknown: false, publicKey } : { unknown: false };
}

/**
 * What a change of `credentials` does: `"replace"` when they name another project than the one the resource was
 * recorded in (`project`), `"update"` when only the keys differ (a rotated secret key), `undefined` otherwise.
 * A public key not known yet (a Project being created) is a replace only once known to differ: the engine diffs
 * again with the real value before `up` acts, so the preview does not show every resource of an updated Project
 * as replaced.
 */
export function credentialsChange(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
): "replace" | "update" | undefined {
    const before = stripProvider(olds);
    const after = stripProvider(news);
    const next = publicKeyOf(after);
    const recorded = typeof before.project === "string" ? before.project : credentialsOf(before).publicKey;
    if (next.publicKey !== undefined && recorded !== undefined && next.publicKey !== recorded) return "replace";
    if (next.unknown) return "update";
    const old = credentialsOf(before);
    const now = credentialsOf(after);
    return old.publicKey !== now.publicKey || old.secretKey !== now.secretKey ? "update" : undefined;
}

/** The same runtime, with `overrides` applied to every client, write and preflight. */
export function withOverrides(runtime: ProviderRuntime, overrides: SettingOverrides): ProviderRuntime {
    if (!overrides.publicKey && !overrides.secretKey) return runtime;
    return {
        ...runtime,
        client: (operation, needsSecret, more) => runtime.client(operation, needsSecret, { ...overrides, ...more }),
        writer: (operation, needsSecret, more) => runtime.writer(operation, needsSecret, { ...overrides, ...more }),
        preflight: (operation, needsSecret, more) =>
            runtime.preflight(operation, needsSecret, { ...overrides, ...more }),
    };
}

const without = (props: Record<string, unknown>) => {
    const { [CREDENTIALS]: _credentials, ...rest } = props;
    return rest;
};

/** `outs` with the credentials they were made with (stored as a Pulumi secret: the classes say so). */
function keeping(outs: Record<string, unknown> | undefined, credentials: unknown): Record<string, unknown> | undefined {
    if (!outs || !given(credentials)) return outs;
    return { ...outs, [CREDENTIALS]: credentials };
}

/**
 * Stored outputs with the project they belong to. State written by 0.1.0 records none, and the resource was made
 * with the settings' keys: record that project before new credentials are used, so a 404 under them is never
 * taken as "gone" from a project the resource may not be in.
 */
async function recorded(
    runtime: ProviderRuntime,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
    operation: string,
) {
    if (typeof olds.project === "string" || credentialsOf(olds).publicKey || !credentialsOf(news).publicKey)
        return olds;
    try {
        return { ...olds, project: (await runtime.client(operation, false)).config.publicKey };
    } catch {
        return olds; // No configured key to compare with: the operation's own client reports what is missing.
    }
}

/**
 * A type's operations, built by `build` over a runtime, taking `credentials` into account. `operation` names the
 * update that only proves a rotated key.
 */
export function withCredentials(
    runtime: ProviderRuntime,
    build: (runtime: ProviderRuntime) => ResourceOperations,
    operation: string,
): ResourceOperations {
    const plain = build(runtime);
    const scoped = (props: Record<string, unknown> | undefined) => {
        const overrides = credentialsOf(props);
        return overrides.publicKey || overrides.secretKey ? build(withOverrides(runtime, overrides)) : plain;
    };
    return {
        async check(news) {
            const checked = await plain.check(without(news));
            const failures = [...checked.failures, ...credentialsFailures(news[CREDENTIALS])];
            const inputs = given(news[CREDENTIALS])
                ? { ...checked.inputs, [CREDENTIALS]: news[CREDENTIALS] }
                : checked.inputs;
            return { inputs, failures };
        },
        ...(plain.notChanges ? { notChanges: plain.notChanges } : {}),
        writes: (inputs, creating) => ({
            ...plain.writes(without(inputs), creating),
            overrides: credentialsOf(inputs),
            ...(keysPending(inputs[CREDENTIALS]) ? { keysPending: true } : {}),
        }),
        async diff(id, rawOlds, news) {
            const olds = await recorded(runtime, stripProvider(rawOlds), news, "comparing credentials");
            const change = credentialsChange(olds, news);
            if (change === "replace") return { changes: true, replaces: [CREDENTIALS], deleteBeforeReplace: false };
            const inner: pulumi.dynamic.DiffResult = await plain.diff(id, without(olds), without(news));
            return change === "update" && !inner.changes ? { ...inner, changes: true } : inner;
        },
        async create(props) {
            const result = await scoped(props).create(without(props));
            return { ...result, outs: keeping(result.outs, props[CREDENTIALS]) };
        },
        async read(id, props) {
            const result = await scoped(props).read(id, props && without(props));
            const kept = keeping(result.props, props?.[CREDENTIALS]);
            const inputs = keeping(result.inputs, props?.[CREDENTIALS]);
            return { ...result, ...(kept ? { props: kept } : {}), ...(inputs ? { inputs } : {}) };
        },
        async update(id, rawOlds, news) {
            const ops = scoped(news);
            const olds = await recorded(runtime, stripProvider(rawOlds), news, operation);
            const inner = await plain.diff(id, without(olds), without(news));
            if (credentialsChange(olds, news) === "update" && !inner.changes) {
                // Only the keys changed: prove the new ones (cached per process and project), send nothing else.
                await withOverrides(runtime, credentialsOf(news)).writer(operation, true);
                return { outs: keeping(without(olds), news[CREDENTIALS]) };
            }
            const result = await ops.update(id, without(olds), without(news));
            return { ...result, outs: keeping(result.outs, news[CREDENTIALS]) };
        },
        delete: (id, props) => scoped(props).delete(id, props && without(props)),
    };
}
