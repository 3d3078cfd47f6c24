/**
 * Properties named as `undefined` inputs: Pulumi creates an Output on the resource for every property it is
 * given, and a dynamic resource's outputs are whatever the provider returns. Undefined inputs are not sent to the
 * engine, so they cost nothing in state.
 */
export function outputSlots<Name extends string>(...names: Name[]): Record<Name, undefined> {
    return Object.fromEntries(names.map((name) => [name, undefined])) as Record<Name, undefined>;
}
