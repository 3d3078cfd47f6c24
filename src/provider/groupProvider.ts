import type * as pulumi from "@pulumi/pulumi";
import {
    deleteGroup,
    findGroup,
    getGroup,
    type UploadcareClient,
    UploadcareConflictError,
    UploadcareGoneError,
    UploadcareGroupNotFoundError,
    UploadcareNotFoundError,
} from "../client";
import { type CreateContext, createOnce, findGroupWaiting } from "./groupCreate";
import { diffGroup } from "./groupDiff";
import { storeMembers, storeOrReport, unstoredMembers } from "./groupStorage";
import { checkGroupInputs, parseGroupInputs, requireStateGroupId, stripProvider } from "./inputs";
import { type GroupOutputs, outputsFromCreated, outputsFromGroup } from "./outputs";
import { createRuntime, type ProviderRuntime, type RuntimeDeps } from "./runtime";

export type { EmulatorEndpoint } from "./connection";
export { GroupInitError } from "./groupStorage";

export interface GroupProviderDeps extends RuntimeDeps {
    /** How long after creation a 404 on read is treated as replication lag, not deletion. */
    readAfterCreateWindowMs?: number;
    /** A runtime shared with other resource providers of the process (default: a new one). */
    runtime?: ProviderRuntime;
}

export type GroupProvider = Required<
    Pick<pulumi.dynamic.ResourceProvider, "configure" | "check" | "diff" | "create" | "read" | "update" | "delete">
>;

export function createGroupProvider(deps: GroupProviderDeps = {}): GroupProvider {
    const runtime = deps.runtime ?? createRuntime(deps);
    const window = deps.readAfterCreateWindowMs ?? 10_000;
    const ctx: CreateContext = {
        claimed: new Set(),
        readAfterCreateWindowMs: window,
        sleep: runtime.sleep,
        log: runtime.log,
    };

    /** A client for a write, after the keys and endpoint are proven (once per process). */
    async function writer(operation: string, needsSecret: boolean) {
        const client = await runtime.client(operation, needsSecret);
        await runtime.proof.proveKeys(client, operation);
        return client;
    }

    /** The project a resource in state belongs to; state written by 0.1.0 has none: the configured one. */
    const projectOf = (client: UploadcareClient, previous: Partial<GroupOutputs>) =>
        previous.project ?? client.config.publicKey;

    /** A group the program names (`groupId`, `Group.get`) that is not there: explained, after the proof. */
    async function notFound(client: UploadcareClient, id: string, lead: string): Promise<never> {
        await runtime.proof.confirmGone(client, `group ${id}`, client.config.publicKey);
        throw new UploadcareGroupNotFoundError(
            id,
            client.config.publicKey,
            lead,
            new URL(client.config.apiBaseUrl).origin,
        );
    }

    /** Takes over an existing group: one a `groupId` input names, or one an ambiguous POST created. */
    async function adoptGroup(
        client: UploadcareClient,
        id: string,
        options: { storeFiles: boolean; groupId?: string; expectFiles?: string[] },
    ) {
        const group = (await findGroup(client, id)) ?? (await notFound(client, id, `Cannot adopt group ${id}`));
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
        ctx.claimed.add(id);
        if (options.storeFiles) await storeOrReport(client, id, outs, unstoredMembers(group));
        return { id, outs };
    }

    async function readOutputs(client: UploadcareClient, id: string, previous: Partial<GroupOutputs>) {
        // Only a group created within the window gets the benefit of the doubt; an old one that 404s is gone.
        const created = previous.datetimeCreated ? Date.parse(previous.datetimeCreated) : Number.NaN;
        const age = client.now().getTime() - created;
        const waitMs = age >= -60_000 && age < window ? window - Math.max(age, 0) : 0;
        const group = await findGroupWaiting(ctx, client, id, waitMs);
        return group ? outputsFromGroup(group, { ...previous, project: projectOf(client, previous) }) : undefined;
    }

    return {
        async configure(req) {
            // Synchronous on purpose: the plugin may call other methods before this promise settles.
            runtime.configure(req.config);
        },

        async check(_olds, news) {
            const { inputs, failures } = checkGroupInputs(news);
            return failures.length > 0 ? { inputs: news, failures } : { inputs };
        },

        diff: async (id, olds, news) => diffGroup(id, olds, news),

        async create(props) {
            const inputs = parseGroupInputs(props);
            const { storeFiles, groupId } = inputs;
            const operation = groupId ? "adopting a group" : "creating a group";
            const client = await writer(operation, storeFiles || groupId !== undefined);
            if (groupId !== undefined) return adoptGroup(client, groupId, { storeFiles, groupId });
            const created = await createOnce(ctx, client, inputs.files);
            if ("adopted" in created) {
                return adoptGroup(client, created.adopted, { storeFiles, expectFiles: inputs.files });
            }
            ctx.claimed.add(created.id);
            const outs = outputsFromCreated(created, inputs.files, storeFiles, client.config.publicKey);
            if (storeFiles) {
                const unstored = created.files.flatMap((f) => (f && !f.is_stored ? [f.uuid] : []));
                await storeOrReport(client, created.id, outs, unstored);
            }
            return { id: created.id, outs };
        },

        async read(rawId, props) {
            const id = requireStateGroupId(rawId);
            const previous = stripProvider(props ?? {}) as Partial<GroupOutputs>;
            const client = await runtime.client("reading a group", true);
            const outs = await readOutputs(client, id, previous);
            if (outs) {
                // The inputs the program would give for this state, so a preview after refresh shows no change.
                const inputs = outs.groupId
                    ? { groupId: outs.groupId, storeFiles: outs.storeFiles }
                    : { files: outs.files, storeFiles: outs.storeFiles };
                return { id: rawId, props: outs, inputs };
            }
            // Group.get sends no stored outputs. There a missing group is an error: an empty id would leave the
            // program with a resource whose outputs are all undefined, and the engine does not object.
            if (Object.keys(previous).length === 0) return notFound(client, id, `Group.get("${id}")`);
            // On refresh, an empty id tells Pulumi the group is gone, so it drops it from state: only once proven.
            await runtime.proof.confirmGone(client, `group ${id}`, projectOf(client, previous));
            return { id: "" };
        },

        async update(rawId, olds, news) {
            const id = requireStateGroupId(rawId);
            const inputs = parseGroupInputs(news);
            const before = stripProvider(olds) as Partial<GroupOutputs>;
            const client = await writer("updating a group", true);
            const group = await getGroup(client, id).catch(async (error) => {
                if (!(error instanceof UploadcareNotFoundError)) throw error;
                await runtime.proof.confirmGone(client, `group ${id}`, projectOf(client, before));
                throw new UploadcareGoneError(
                    `Uploadcare group ${id} no longer exists in project ${projectOf(client, before)}. Run \`pulumi refresh\` to drop it from the state, then \`pulumi up\` to create it again.`,
                );
            });
            const { groupId: _previousGroupId, ...rest } = before;
            const outs = outputsFromGroup(group, {
                ...rest,
                project: projectOf(client, before),
                files: inputs.files ?? before.files ?? [],
                storeFiles: inputs.storeFiles,
                ...(inputs.groupId ? { groupId: inputs.groupId } : {}),
            });
            const unstored = inputs.storeFiles ? unstoredMembers(group) : [];
            // storeFiles: false never deletes anything: files stay as they are.
            if (unstored.length > 0) await storeMembers(client, unstored);
            return { outs };
        },

        async delete(rawId, props) {
            const id = requireStateGroupId(rawId);
            const previous = stripProvider(props ?? {}) as Partial<GroupOutputs>;
            const client = await runtime.client("deleting a group", true);
            // Member files are left as they are. A 404 is "already deleted" only once the project is proven.
            if ((await deleteGroup(client, id)) === "not-found") {
                await runtime.proof.confirmGone(client, `group ${id}`, projectOf(client, previous));
            }
            ctx.claimed.delete(id);
        },
    };
}
