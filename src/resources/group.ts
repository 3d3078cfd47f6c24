import * as pulumi from "@pulumi/pulumi";

import shim = require("../provider/shim");

export interface GroupArgs {
    /**
     * 1–1000 file UUIDs of the same Uploadcare project, each optionally followed by CDN operations
     * (`"<uuid>/-/resize/800x/"`). The order is the group's order. Changing the list replaces the group.
     */
    files: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Make sure every member file is stored (default true): Uploadcare deletes unstored files within
     * 24 hours, which would leave holes in the group. `false` leaves storage as it is.
     */
    storeFiles?: pulumi.Input<boolean>;
    /**
     * Take over an existing group (`<uuid>~<count>`) instead of creating one: `pulumi import` does not
     * work for dynamic providers. `files` must list exactly its files, in order. Only read when the
     * resource is created; from then on the group is managed (and deleted on destroy).
     */
    adopt?: pulumi.Input<string>;
}

/**
 * An Uploadcare file group. The Pulumi id is the group id, `<uuid>~<count>`. Groups are immutable:
 * changing `files` creates a new group and then deletes the old one. Destroying a group deletes the
 * group only; its files are left as they are.
 */
export class Group extends pulumi.dynamic.Resource {
    /** The member entries as Uploadcare reports them (UUID plus CDN operations). */
    declare readonly files: pulumi.Output<string[]>;
    declare readonly storeFiles: pulumi.Output<boolean>;
    declare readonly filesCount: pulumi.Output<number>;
    /** `https://ucarecdn.com/<group id>/`; append `nth/<i>/` for a member. */
    declare readonly cdnUrl: pulumi.Output<string>;
    /** The group's REST API URL. */
    declare readonly url: pulumi.Output<string>;
    declare readonly datetimeCreated: pulumi.Output<string>;
    /** Member UUIDs Uploadcare reports as removed (deleted files stay listed in a group). */
    declare readonly removedFiles: pulumi.Output<string[]>;

    constructor(name: string, args: GroupArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            shim,
            name,
            {
                filesCount: undefined,
                cdnUrl: undefined,
                url: undefined,
                datetimeCreated: undefined,
                removedFiles: undefined,
                storeFiles: undefined,
                ...args,
            },
            opts,
            "uploadcare",
            "Group",
        );
    }
}
