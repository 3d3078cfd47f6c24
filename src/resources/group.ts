import * as pulumi from "@pulumi/pulumi";

import { requireGroupId } from "../client";
import { groupFilesCount, groupRestUrl } from "../provider/group/stateEntry";
import { configuredRestApi, type RestApi } from "../provider/runtime/settings";

import shim = require("../provider/shims/group");

import { type InAnotherProject, secretCredentials, withSecretCredentials } from "./credentials";
import { outputSlots } from "./outputSlots";
import { warnAboutSetup } from "./setupWarnings";

interface GroupArgsBase extends InAnotherProject {
    /**
     * Make sure every member file is stored (default true): Uploadcare deletes unstored files within
     * 24 hours, which would leave holes in the group. `false` leaves storage as it is.
     */
    storeFiles?: pulumi.Input<boolean>;
}

/** Create a new group from files. */
export interface NewGroupArgs extends GroupArgsBase {
    /**
     * 1–1000 file UUIDs of the same Uploadcare project, each optionally followed by CDN operations
     * (`"<uuid>/-/resize/800x/"`). The order is the group's order. Changing the list replaces the group; switching
     * an adopted group to `files` that list exactly its members is an update.
     */
    files: pulumi.Input<pulumi.Input<string>[]>;
    groupId?: undefined;
}

/** Adopt an existing group: nothing is created, and destroy deletes it (unless `retainOnDelete`). */
export interface AdoptGroupArgs extends GroupArgsBase {
    /**
     * The existing group to manage, `<uuid>~<count>`. Its files come from Uploadcare. Changing it
     * replaces the resource: the new group is adopted, then the old one deleted. Naming the group the resource
     * already is (one it created from `files`, say) is an update, never a replace.
     */
    groupId: pulumi.Input<string>;
    files?: undefined;
}

/** Exactly one of `files` (create) or `groupId` (adopt). */
export type GroupArgs = NewGroupArgs | AdoptGroupArgs;

/**
 * An Uploadcare file group. The Pulumi id is the group id, `<uuid>~<count>`. Groups are immutable:
 * changing `files` creates a new group and then deletes the old one. Destroying a group deletes the
 * group only; its files are left as they are.
 */
export class Group extends pulumi.dynamic.Resource {
    /** The member entries as Uploadcare reports them (UUID plus CDN operations). */
    declare readonly files: pulumi.Output<string[]>;
    /** The `storeFiles` argument (default true). */
    declare readonly storeFiles: pulumi.Output<boolean>;
    /** The number of member entries, as at the end of the group id. */
    declare readonly filesCount: pulumi.Output<number>;
    /**
     * The group's CDN URL as Uploadcare gives it: `https://<prefix>.ucarecd.net/<group id>/` for projects created
     * since September 2025, `https://ucarecdn.com/<group id>/` for older ones. Append `nth/<i>/` for a member.
     */
    declare readonly cdnUrl: pulumi.Output<string>;
    /**
     * The group's REST API URL, `<uploadcare:apiBaseUrl>/groups/<group id>/` (Uploadcare's own answer for the
     * default base); with the embedded emulator, the URL it answered.
     */
    declare readonly url: pulumi.Output<string>;
    /** When Uploadcare created the group (ISO 8601); for an adopted group, when it was first made, not adopted. */
    declare readonly datetimeCreated: pulumi.Output<string>;
    /** Member UUIDs Uploadcare reports as removed (deleted files stay listed in a group). */
    declare readonly removedFiles: pulumi.Output<string[]>;
    /** The `groupId` input of an adopted group; undefined for a group created from `files`. */
    declare readonly groupId: pulumi.Output<string | undefined>;
    /** The public key of the project the group belongs to (recorded so a 404 is trusted only from it). */
    declare readonly project: pulumi.Output<string>;

    /**
     * Reads an existing group into the program without managing it: no create, no delete, and
     * `refresh` re-reads it. Fails the deployment if the project has no such group.
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Group {
        // A read sends no inputs to check: only the id and the serialized provider matter. A known id is checked
        // here, so a malformed one never reaches a request path (the provider's read checks it again).
        if (typeof id === "string") requireGroupId(id, "Group.get id");
        return new Group(name, undefined as unknown as GroupArgs, { ...opts, id });
    }

    constructor(name: string, args: GroupArgs, opts?: pulumi.CustomResourceOptions) {
        warnAboutSetup();
        const api = configuredRestApi({ config: { get: (key) => pulumi.runtime.getConfig(key) } });
        // Only outputs read from the state get a slot: each costs the program about 0.3 ms per resource
        // (bench/README.md), and the rest are rebuilt below.
        const stored = outputSlots("cdnUrl", "datetimeCreated", "removedFiles", "files", "project");
        super(
            shim,
            name,
            {
                ...stored,
                ...(api.embeddedEmulator ? outputSlots("url") : {}),
                ...args,
                ...(args?.credentials !== undefined ? { credentials: secretCredentials(args.credentials) } : {}),
            },
            withSecretCredentials(opts, args?.credentials),
            "uploadcare",
            "Group",
        );
        rebuildOutputs(this, args, api);
    }
}

/**
 * Outputs rebuilt from what is always known: the id, the program's own arguments and the configured REST API
 * (the state leaves the first three out, provider/group/stateEntry.ts). Never from a stored key that may be
 * missing, which would be unknown in a preview. Each depends on the group's id, so whatever reads it still
 * depends on the group.
 */
function rebuildOutputs(group: Group, args: GroupArgs | undefined, api: RestApi): void {
    const mutable = group as { -readonly [K in "filesCount" | "storeFiles" | "url" | "groupId"]: Group[K] };
    mutable.filesCount = group.id.apply(groupFilesCount);
    mutable.storeFiles = pulumi.all([group.id, args?.storeFiles]).apply(([, value]) => value ?? true);
    mutable.groupId = pulumi.all([group.id, args?.groupId]).apply(([, value]) => value);
    // An embedded emulator's address changes every run: its `url` is stored, as Uploadcare answered it.
    if (!api.embeddedEmulator) mutable.url = group.id.apply((id) => groupRestUrl(api.apiBaseUrl, id));
}
