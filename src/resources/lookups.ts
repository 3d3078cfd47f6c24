/**
 * Group lookups for programs: read groups without managing them. Settings come from the stack config
 * (`uploadcare:*`) and then the `UPLOADCARE_*` environment, like the provider's; with
 * `uploadcare:emulator: auto` and no key they read the embedded emulator's state.
 */
import * as pulumi from "@pulumi/pulumi";
import { startEmbeddedEmulatorReader } from "../provider/runtime/embeddedEmulator";
import {
    createGroupLookups,
    type GetGroupsArgs,
    type GroupDetails,
    type GroupSummary,
    type LookupOptions,
} from "./groupLookups";

const lookups = createGroupLookups({
    config: { get: (key) => pulumi.runtime.getConfig(key) },
    startEmbeddedEmulator: startEmbeddedEmulatorReader,
});

/**
 * Group info (`GET /groups/:id/`) for `<uuid>~<count>`, with its member files. Throws an
 * `UploadcareGroupNotFoundError` (code `UPLOADCARE_NOT_FOUND`) naming the id and the project's public
 * key when the project has no such group.
 */
export function getGroup(id: string, options?: LookupOptions): Promise<GroupDetails> {
    return lookups.getGroup(id, options);
}

/**
 * The project's groups, one at a time; pages are requested only as the loop consumes them, and the
 * loop ends after `limit` groups. `Array.fromAsync(getGroups(args))` (Node 22+) collects them.
 */
export function getGroups(args?: GetGroupsArgs, options?: LookupOptions): AsyncIterableIterator<GroupSummary> {
    return lookups.getGroups(args, options);
}

/** `getGroup` for program values: runs once `id` is known (so not during preview if it is unknown then). */
export function getGroupOutput(id: pulumi.Input<string>, options?: LookupOptions): pulumi.Output<GroupDetails> {
    return pulumi.output(id).apply((known) => getGroup(known, options));
}

/** `getGroups` collected into a list, for program values. */
export function getGroupsOutput(args?: GetGroupsArgs, options?: LookupOptions): pulumi.Output<GroupSummary[]> {
    // Plain arguments on purpose: pulumi.output() would flatten a `from: Date` into an empty object.
    const groups = getGroups(args, options);
    return pulumi.output(
        (async () => {
            const all: GroupSummary[] = [];
            for await (const group of groups) all.push(group);
            return all;
        })(),
    );
}

export type { GetGroupsArgs, GroupDetails, GroupSummary, LookupOptions };
