import * as pulumi from "@pulumi/pulumi";

import shim = require("../provider/shims/projectSecret");

import { outputSlots } from "./outputSlots";
import { Project } from "./project";
import { warnAboutSetup } from "./setupWarnings";

export interface ProjectSecretArgs {
    /**
     * The project to make a secret key for: the `Project` resource itself, or a public key (`Project.pubKey`, or a
     * project the stack does not manage). Given the resource, destroying the project does not delete its keys one
     * by one (Pulumi's `deletedWith`): the project's soft delete stops them all, and Uploadcare refuses to delete a
     * project's last key while signed uploads are on. Changing the project replaces the key: the new one is created
     * first, then the old one deleted.
     */
    project: pulumi.Input<string> | Project;
}

/**
 * A secret key of an Uploadcare project, made with the account's Project API token. Uploadcare shows the value only
 * when the key is created: it is kept in the state, always as a Pulumi secret. Rotate it with
 * `pulumi up --replace <urn>`: the new key is created before the old one is deleted. Refresh drops a key deleted
 * outside the stack. Uploadcare refuses to delete a project's last key while signed uploads are on.
 */
export class ProjectSecret extends pulumi.dynamic.Resource {
    /** The public key of the project. */
    declare readonly project: pulumi.Output<string>;
    /** The key's id: the resource's id. */
    declare readonly secretId: pulumi.Output<string>;
    /** The key's last 4 characters, as the dashboard and the Project API list show it. */
    declare readonly hint: pulumi.Output<string>;
    /** The secret key (a Pulumi secret): use it as `secretKey` with `project` as `publicKey`. */
    declare readonly secret: pulumi.Output<string>;

    constructor(name: string, args: ProjectSecretArgs, opts?: pulumi.CustomResourceOptions) {
        warnAboutSetup();
        const owner = args?.project instanceof Project ? args.project : undefined;
        super(
            shim,
            name,
            { ...outputSlots("hint", "secret"), project: owner ? owner.pubKey : args?.project },
            {
                ...(owner ? { deletedWith: owner } : {}),
                ...opts,
                deleteBeforeReplace: false,
                additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "secret"],
            },
            "uploadcare",
            "ProjectSecret",
        );
        // Not from the state: during an update preview every stored output is unknown, the id is not.
        (this as { -readonly [K in "secretId"]: ProjectSecret[K] }).secretId = this.id;
    }
}
