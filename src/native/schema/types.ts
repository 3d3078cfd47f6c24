/**
 * Pulumi package-schema property specs, typed against the TypeScript definitions they describe: a spec
 * table has to list every key of the TS type, no other key, and a schema type that matches the TS type
 * of that key. Adding a field to `GroupOutputs` (say) without describing it fails `tsc`.
 * Schema reference: https://www.pulumi.com/docs/iac/extending-pulumi/schema/
 */

interface BaseSpec {
    description: string;
    secret?: boolean;
    /**
     * The provider's diff replaces the resource when this input changes. Docs only (the reference pages and
     * generated docs read it): unlike `replaceOnChanges`, which the SDKs turn into an option the engine enforces,
     * it changes no behaviour, so an input replaced only for some changes (`groupId` naming another group, not
     * the group the resource already is) can say so truthfully. Metaschema:
     * https://github.com/pulumi/pulumi/blob/master/pkg/codegen/schema/pulumi.json
     */
    willReplaceOnChanges?: boolean;
}
export interface StringSpec extends BaseSpec {
    type: "string";
}
export interface BooleanSpec extends BaseSpec {
    type: "boolean";
}
export interface NumberSpec extends BaseSpec {
    type: "integer" | "number";
}
export interface RefSpec extends BaseSpec {
    $ref: string;
}
export interface ArraySpec<Item> extends BaseSpec {
    type: "array";
    items: Omit<Item, "description">;
}
/** A map with string keys (`Record<string, V>`), e.g. a file's metadata. */
export interface MapSpec<Item> extends BaseSpec {
    type: "object";
    additionalProperties: Omit<Item, "description">;
}

/** The spec a TS value type needs (`[V]` keeps unions such as `"a" | "b"` from distributing). */
export type SpecFor<V> = [V] extends [string]
    ? StringSpec
    : [V] extends [boolean]
      ? BooleanSpec
      : [V] extends [number]
        ? NumberSpec
        : [V] extends [readonly (infer E)[]]
          ? ArraySpec<SpecFor<E>>
          : [V] extends [object]
            ? string extends keyof V
                ? MapSpec<SpecFor<V[keyof V]>>
                : RefSpec
            : never;

type KeysOfUnion<T> = T extends unknown ? keyof T : never;
type ValueInUnion<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

/** One spec per key of `T` (every member of a union), typed by that key's value type. */
export type SpecsOf<T> = { [K in KeysOfUnion<T> & string]-?: SpecFor<NonNullable<ValueInUnion<T, K>>> };

export type PropertySpec = StringSpec | BooleanSpec | NumberSpec | RefSpec | ArraySpec<unknown> | MapSpec<unknown>;

export interface ObjectSpec {
    properties: Record<string, PropertySpec>;
    required?: string[];
}

/** The keys whose TS type is not optional: the schema's `required` list. */
export function requiredKeys<T>(specs: SpecsOf<T>, optional: readonly string[]): string[] {
    return Object.keys(specs).filter((key) => !optional.includes(key));
}

export const str = (description: string): StringSpec => ({ type: "string", description });
export const bool = (description: string): BooleanSpec => ({ type: "boolean", description });
export const int = (description: string): NumberSpec => ({ type: "integer", description });
export const strings = (description: string): ArraySpec<StringSpec> => ({
    type: "array",
    items: { type: "string" },
    description,
});
export const stringMap = (description: string): MapSpec<StringSpec> => ({
    type: "object",
    additionalProperties: { type: "string" },
    description,
});
/** An input whose change the provider answers with a replace (see `willReplaceOnChanges`). */
export const replacing = <S extends PropertySpec>(spec: S): S => ({ ...spec, willReplaceOnChanges: true });
/** An asset (`fn::fileAsset`, `fn::stringAsset` in YAML; `pulumi.asset.*` in the SDKs). */
export const asset = (description: string): RefSpec => ({ $ref: "pulumi.json#/Asset", description });
