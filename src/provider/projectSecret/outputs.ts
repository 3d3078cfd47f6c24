/** The outputs a ProjectSecret exposes; the value comes only from the create (Uploadcare never shows it again). */
export interface ProjectSecretOutputs {
    /** The public key of the project. */
    project: string;
    /** The secret key's id (also the Pulumi id). */
    secretId: string;
    /** The secret key's last 4 characters, as Uploadcare lists it. */
    hint: string;
    /** The secret key. The resource class makes it a Pulumi secret. */
    secret: string;
}

/** Uploadcare's hint: the key's last 4 characters (what the list shows). */
export function hintOf(secret: string): string {
    return secret.slice(-4);
}
