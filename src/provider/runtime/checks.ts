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

/**
 * A user name or password in a URL input would sit in the state in clear text (Pulumi stores inputs as given), so
 * every URL input refuses them (`File.sourceUrl`, `Webhook.targetUrl`); `instead` says what to use. The URL itself
 * is never quoted here: it holds the password.
 */
export function userinfoProblem(url: URL, instead: string): string | undefined {
    if (!url.username && !url.password) return undefined;
    return `must not carry a user name or password (it is stored in the state); ${instead}`;
}

export function stripProvider(props: Record<string, unknown>): Record<string, unknown> {
    const { __provider: _ignored, ...rest } = props;
    return rest;
}
