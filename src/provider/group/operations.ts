/**
 * The Group lifecycle, one function per operation. Each takes the process's shared context; the provider
 * object (provider.ts) only wires them to Pulumi's method names.
 */
import {
    deleteGroup,
    findGroup,
    getGroup,
    type UploadcareClient,
    UploadcareConflictError,
    UploadcareGroupNotFoundError,
} from "../../client";
import { tracked } from "../runtime/lifecycle";
import { type ProviderRuntime, recordedProject } from "../runtime/runtime";
import { parseGroupInputs, requireStateGroupId, stripProvider } from "./inputs";
import { type GroupOutputs, outputsFromCreated, outputsFromGroup } from "./outputs";
import { type CreateContext, createGroupOnce, findGroupWaiting } from "./recovery";
import { storeMembers, storeOrReport, unstoredMembers } from "./storage";

export interface GroupContext extends CreateContext {
    runtime: ProviderRuntime;
}

/** A group the program names (`groupId`, `Group.get`) that must be there: explained when it is proven missing. */
function named(
    ctx: GroupContext,
    client: UploadcareClient,
    id: string,
    lead: string,
    fetch = () => findGroup(client, id),
) {
    const { publicKey, apiBaseUrl } = client.config;
    const missing = () => new UploadcareGroupNotFoundError(id, publicKey, lead, new URL(apiBaseUrl).origin);
    return tracked(ctx.runtime, client, `group ${id}`).require(fetch, missing);
}

interface AdoptOptions {
    storeFiles: boolean;
    groupId?: string;
    /** After an ambiguous POST: the files the found group must have, or it is someone else's. */
    expectFiles?: string[];
}

/** Takes over an existing group: one a `groupId` input names, or one an ambiguous POST created. */
async function adoptGroup(ctx: GroupContext, client: UploadcareClient, id: string, options: AdoptOptions) {
    const group = await named(ctx, client, id, `Cannot adopt group ${id}`);
    const outs = outputsFromGroup(group, {
        storeFiles: options.storeFiles,
        project: client.config.publicKey,
        ...(options.groupId ? { groupId: options.groupId } : {}),
    });
    const expected = options.expectFiles;
    if (expected && JSON.stringify(outs.files) !== JSON.stringify(expected)) {
        throw new UploadcareConflictError(
            `Cannot adopt Uploadcare group ${id}: its files are [${outs.files.join(", ")}], ` +
                `but files lists [${expected.join(", ")}].`,
        );
    }
    ctx.claimed.claim(
        id,
        options.groupId ? `adopt group ${id} with groupId: "${id}"` : `take over group ${id} after a lost answer`,
    );
    if (options.storeFiles) await storeOrReport(client, id, outs, unstoredMembers(group));
    return { id, outs };
}

export async function createGroupResource(ctx: GroupContext, props: Record<string, unknown>) {
    const inputs = await parseGroupInputs(props);
    const { storeFiles, groupId } = inputs;
    const operation = groupId ? "adopting a group" : "creating a group";
    const client = await ctx.runtime.writer(operation, storeFiles || groupId !== undefined);
    if (groupId !== undefined) return adoptGroup(ctx, client, groupId, { storeFiles, groupId });
    const result = await createGroupOnce(ctx, client, inputs.files);
    if ("found" in result) return adoptGroup(ctx, client, result.found, { storeFiles, expectFiles: inputs.files });
    const created = result.made;
    const outs = outputsFromCreated(created, inputs.files, storeFiles, client.config.publicKey);
    if (storeFiles) {
        const unstored = created.files.flatMap((f) => (f && !f.is_stored ? [f.uuid] : []));
        await storeOrReport(client, created.id, outs, unstored);
    }
    return { id: created.id, outs };
}

/** How long a 404 on read may be replication lag: only for a group created within the window. */
function lagWindow(ctx: GroupContext, client: UploadcareClient, previous: Partial<GroupOutputs>): number {
    const window = ctx.readAfterCreateWindowMs;
    const created = previous.datetimeCreated ? Date.parse(previous.datetimeCreated) : Number.NaN;
    const age = client.now().getTime() - created;
    return age >= -60_000 && age < window ? window - Math.max(age, 0) : 0;
}

export async function readGroupResource(ctx: GroupContext, rawId: string, props: Record<string, unknown> = {}) {
    const id = requireStateGroupId(rawId);
    const previous = stripProvider(props) as Partial<GroupOutputs>;
    const client = await ctx.runtime.client("reading a group", true);
    const fetch = () => findGroupWaiting(ctx, client, id, lagWindow(ctx, client, previous));
    // Group.get sends no stored outputs. There a missing group is an error: an empty id would leave the
    // program with a resource whose outputs are all undefined, and the engine does not object. On refresh, an
    // empty id tells Pulumi the group is gone, so it drops it from state: only once proven.
    const group =
        Object.keys(previous).length === 0
            ? await named(ctx, client, id, `Group.get("${id}")`, fetch)
            : await tracked(ctx.runtime, client, `group ${id}`, previous).read(fetch);
    if (!group) return { id: "" };
    const outs = outputsFromGroup(group, { ...previous, project: recordedProject(client, previous) });
    // The inputs the program would give for this state, so a preview after refresh shows no change.
    const inputs = outs.groupId
        ? { groupId: outs.groupId, storeFiles: outs.storeFiles }
        : { files: outs.files, storeFiles: outs.storeFiles };
    return { id: rawId, props: outs, inputs };
}

export async function updateGroupResource(
    ctx: GroupContext,
    rawId: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
) {
    const id = requireStateGroupId(rawId);
    const inputs = await parseGroupInputs(news);
    const before = stripProvider(olds) as Partial<GroupOutputs>;
    const client = await ctx.runtime.writer("updating a group", true);
    // A proven 404 says to refresh; an unproven one names the settings.
    const group = await tracked(ctx.runtime, client, `group ${id}`, before).update(() => getGroup(client, id));
    const { groupId: _previousGroupId, ...rest } = before;
    const outs = outputsFromGroup(group, {
        ...rest,
        project: recordedProject(client, before),
        files: inputs.files ?? before.files ?? [],
        storeFiles: inputs.storeFiles,
        ...(inputs.groupId ? { groupId: inputs.groupId } : {}),
    });
    // storeFiles: false never deletes anything: files stay as they are.
    const unstored = inputs.storeFiles ? unstoredMembers(group) : [];
    if (unstored.length > 0) await storeMembers(client, unstored);
    return { outs };
}

export async function deleteGroupResource(ctx: GroupContext, rawId: string, props: Record<string, unknown> = {}) {
    const id = requireStateGroupId(rawId);
    const previous = stripProvider(props) as Partial<GroupOutputs>;
    const client = await ctx.runtime.client("deleting a group", true);
    // Member files are left as they are. A 404 is "already deleted" only once the project is proven.
    await tracked(ctx.runtime, client, `group ${id}`, previous).delete(() => deleteGroup(client, id));
    ctx.claimed.release(id);
}
