/** What every resource type's `check` shares: Pulumi's unknown placeholder and the failure shape. */

/** Pulumi's placeholder for values not known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN;
}

export interface CheckFailure {
    property: string;
    reason: string;
}

export function stripProvider(props: Record<string, unknown>): Record<string, unknown> {
    const { __provider: _ignored, ...rest } = props;
    return rest;
}
