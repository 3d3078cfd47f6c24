import * as pulumi from "@pulumi/pulumi";

/**
 * The keys of the project a File, Group or Webhook lives in, when it is not the configured one: typically a
 * `Project`'s `pubKey` and a `ProjectSecret`'s `secret` of the same program. Without it, the resource uses the
 * provider settings (stack config, then environment). A new `secretKey` of the same project (a rotated key) is an
 * update that only proves the new key; another `publicKey` is another project, so it replaces the resource.
 */
export interface ResourceCredentials {
    /** The project's public key; the resource's `project` output equals it. */
    publicKey: pulumi.Input<string>;
    /** A secret key of that project. Always stored as a Pulumi secret, in inputs and outputs. */
    secretKey: pulumi.Input<string>;
}

/**
 * The `credentials` input of File, Group and Webhook. Declared here, once: the native plugin has no such input (an
 * explicit `uploadcare.Provider` instance does the same there), so the generated reference, which follows the native
 * schema, leaves it out; docs/resources.md, "Resources in another project", documents it.
 */
export interface InAnotherProject {
    /**
     * The keys of the project the resource lives in, when it is not the configured one (a `Project` of the same
     * program, with a `ProjectSecret`). The secret key is stored as a Pulumi secret. A new secret key of the same
     * project is an update that only proves it; another public key replaces the resource.
     */
    credentials?: ResourceCredentials;
}

/** The `credentials` input as sent to the provider: the secret key wrapped as a Pulumi secret. */
export function secretCredentials(credentials: ResourceCredentials | undefined) {
    if (credentials === undefined) return undefined;
    return { publicKey: credentials.publicKey, secretKey: pulumi.secret(credentials.secretKey) };
}

/** `opts` with `more` and, when given, `credentials` among the outputs stored as secrets (a refresh included). */
export function withSecretCredentials(
    opts: pulumi.CustomResourceOptions | undefined,
    credentials: ResourceCredentials | undefined,
    ...more: string[]
): pulumi.CustomResourceOptions | undefined {
    const secrets = [...more, ...(credentials !== undefined ? ["credentials"] : [])];
    if (secrets.length === 0) return opts;
    return { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secrets] };
}
