/**
 * Check failures as the engine will print them. Given a property, the engine writes
 * `property <name> value {<value>} has a problem: <reason>`, and renders an asset or a list as Go structs
 * (`{&{c44…}}`). Without one it prints the reason alone, so each failure goes to the engine as `<name>: <reason>`:
 * the field, then what is wrong and the fix, the way every other error of the package reads.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { CheckFailure } from "./checks";

export function forEngine(failures: readonly CheckFailure[]): CheckFailure[] {
    return failures.map((f) => ({ property: "", reason: f.property ? `${f.property}: ${f.reason}` : f.reason }));
}

/** The same provider, answering the engine's `check` with failures it prints plainly. */
export function withEngineFailures<P extends Required<Pick<pulumi.dynamic.ResourceProvider, "check">>>(provider: P): P {
    return {
        ...provider,
        async check(olds, news) {
            const result = await provider.check(olds, news);
            return result.failures?.length ? { ...result, failures: forEngine(result.failures) } : result;
        },
    };
}
