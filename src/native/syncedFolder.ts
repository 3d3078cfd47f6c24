/**
 * `uploadcare:index:SyncedFolder` in the native plugin. A YAML program has no code to hash the folder, so the
 * plugin's Check does what the TypeScript class does in the program: it walks `path` (relative to the program's
 * folder, the plugin's working directory) with `include`/`exclude`, and stores the manifest and the `syncKey` in the
 * checked inputs, so `pulumi preview --diff` names the paths added, changed and removed. The outputs also carry
 * `files`, which the class derives in the program from `entries` and `cdnBase`.
 */
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { UploadcareInputError } from "../client";
import { type CheckFailure, UNKNOWN } from "../provider/runtime/checks";
import { containsUnknown } from "../provider/runtime/lifecycle";
import { type SyncedFileOutput, syncedFiles } from "../provider/syncedFolder/files";
import { folderManifest, syncKeyFor } from "../provider/syncedFolder/manifest";
import type { SyncedFolderOutputs } from "../provider/syncedFolder/outputs";
import type { PropertyMap } from "./values";

/** What a program gives the native resource; Check turns it into the provider's inputs. */
export interface NativeSyncedFolderArgs {
    path: string;
    include?: string[];
    exclude?: string[];
    metadata?: Record<string, string>;
    tags?: string[];
    store?: boolean;
    group?: boolean;
}

/** One synced file, as `files` gives it (the same shape as the class's `SyncedFile`). */
export type SyncedFile = SyncedFileOutput;

/** The native outputs: what the provider stores (less its bookkeeping) and `files`. */
export type NativeSyncedFolderOutputs = Omit<SyncedFolderOutputs, "pendingDeletes"> & {
    files: Record<string, SyncedFile>;
};

/**
 * The class's key for the same project, stack and name (`syncKeyFor`), read from the URN
 * `urn:pulumi:<stack>::<project>::<type>::<name>`: a program moved from the class to YAML keeps its files.
 * URN format: https://www.pulumi.com/docs/iac/concepts/resources/names/#urns
 */
export function syncKeyOfUrn(urn: string): string {
    const [head = "", project = "", , ...name] = urn.split("::");
    const stack = head.replace(/^urn:pulumi:/, "");
    return syncKeyFor(project, stack, name.join("::"));
}

/** The outputs with `files` added (an error's partial outputs included). */
export { syncedFiles };

export function withFiles(outs: PropertyMap): PropertyMap {
    return { ...outs, files: syncedFiles(outs.entries, outs.cdnBase) };
}

export interface ExpandedInputs {
    inputs: PropertyMap;
    failures: CheckFailure[];
}

/**
 * The provider's inputs from the program's: `path` made absolute and hashed into `manifest` (left unknown while
 * `path`, `include` or `exclude` is), `syncKey` from the URN, `include`/`exclude` dropped (the manifest says what
 * they selected). A folder that cannot be read is a failure naming `path`, `include` or `exclude`.
 */
export async function expandSyncedFolderInputs(
    news: PropertyMap,
    urn: string,
    cwd: string = process.cwd(),
): Promise<ExpandedInputs> {
    const { include, exclude, manifest: _given, ...rest } = news;
    const inputs: PropertyMap = { ...rest, syncKey: syncKeyOfUrn(urn), manifest: {} };
    const folder = news.path;
    if ([folder, include, exclude].some(containsUnknown)) {
        return { inputs: { ...inputs, manifest: UNKNOWN }, failures: [] };
    }
    // No path, or no string: the provider's check names it.
    if (typeof folder !== "string" || folder.trim() === "") return { inputs, failures: [] };
    try {
        const walked = await folderManifest(path.resolve(cwd, folder), {
            ...(include !== undefined && include !== null ? { include: include as string[] } : {}),
            ...(exclude !== undefined && exclude !== null ? { exclude: exclude as string[] } : {}),
        });
        return { inputs: { ...inputs, path: walked.path, manifest: walked.manifest }, failures: [] };
    } catch (error) {
        if (!(error instanceof UploadcareInputError) || error.failures.length === 0) throw error;
        return { inputs, failures: [...error.failures] };
    }
}

type Ops = Required<Pick<pulumi.dynamic.ResourceProvider, "check" | "diff" | "create" | "read" | "update" | "delete">>;

/** A failed sync's partial outputs (ErrorResourceInitFailed, ./errors.ts) get `files` too. */
async function decoratingFailure<T>(run: () => Promise<T>): Promise<T> {
    try {
        return await run();
    } catch (error) {
        const failure = error as { properties?: unknown };
        if (typeof failure?.properties === "object" && failure.properties !== null) {
            failure.properties = withFiles(failure.properties as PropertyMap);
        }
        throw error;
    }
}

/** The provider module's operations, with `files` in every answer that carries outputs. */
export function withFilesOutput(ops: Ops): Ops {
    return {
        ...ops,
        create: (inputs) =>
            decoratingFailure(async () => {
                const result = await ops.create(inputs);
                return { ...result, outs: withFiles(result.outs ?? {}) };
            }),
        update: (id, olds, news) =>
            decoratingFailure(async () => {
                const result = await ops.update(id, olds, news);
                return { ...result, outs: withFiles(result.outs ?? {}) };
            }),
        read: async (id, props) => {
            const result = await ops.read(id, props);
            return result.props ? { ...result, props: withFiles(result.props) } : result;
        },
    };
}
