/**
 * Lookups for programs, in the shape of Pulumi's generated SDKs: `getX(args, opts?)` returns a promise, and
 * `getXOutput(args, opts?)` takes `Input`s and returns an `Output`. `listX(args)` streams every item lazily.
 * Settings come from the stack config (`uploadcare:*`) and then the `UPLOADCARE_*` environment, like the
 * provider's; per-call credentials override them. With `uploadcare:emulator: auto` and no key they read the
 * embedded emulator's state.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    createLookups,
    type FileDetails,
    type GetFilesArgs,
    type GetGroupsArgs,
    type GroupDetails,
    type GroupSummary,
    type LookupOptions,
    type ManagedProjectDetails,
    type ProjectDetails,
    type GetProjectUsageArgs as ProjectUsageArgs,
    type ProjectUsageDetails,
} from "../provider/lookups";
import { startEmbeddedEmulatorReader } from "../provider/runtime/embeddedEmulator";
import { reported } from "./runError";
import { warnAboutSetup } from "./setupWarnings";

// One runtime for every lookup of the program: one limiter, and one project proof (one `GET /project/`).
const lookups = createLookups({
    config: { get: (key) => pulumi.runtime.getConfig(key) },
    startEmbeddedEmulator: startEmbeddedEmulatorReader,
});

/** Per-call credentials as plain values (the promise forms). */
export type LookupCredentials = LookupOptions;

/** Per-call credentials as inputs (the output forms); a secret `secretKey` stays a secret. */
export interface LookupCredentialInputs {
    publicKey?: pulumi.Input<string>;
    secretKey?: pulumi.Input<string>;
    apiBaseUrl?: pulumi.Input<string>;
}

export interface GetGroupArgs extends LookupCredentials {
    /** `<uuid>~<count>`. */
    groupId: string;
}

export interface GetGroupOutputArgs extends LookupCredentialInputs {
    groupId: pulumi.Input<string>;
}

export type GetGroupResult = GroupDetails;

export interface GetGroupsResult {
    groups: GroupSummary[];
}

export type GetGroupsOutputArgs = {
    [K in keyof GetGroupsArgs]?: pulumi.Input<GetGroupsArgs[K]>;
} & LookupCredentialInputs;

function splitCredentials<T extends LookupCredentials>(args: T): [Omit<T, keyof LookupCredentials>, LookupCredentials] {
    const { publicKey, secretKey, apiBaseUrl, ...rest } = args;
    const credentials = Object.fromEntries(
        Object.entries({ publicKey, secretKey, apiBaseUrl }).filter(([, value]) => value !== undefined),
    );
    return [rest, credentials];
}

/**
 * The options the output forms honour. These lookups are HTTP calls made by the program, not engine invokes, so
 * `provider`, `parent` and `version` would mean nothing and are not offered; `dependsOn` waits for resources, as it
 * does for an invoke: the lookup runs once each is created, and a preview that creates one shows the result unknown.
 */
export type LookupOutputOptions = Pick<pulumi.InvokeOutputOptions, "dependsOn">;

/** Known once every resource `dependsOn` names has its id (a component: its URN). */
function settled(dependsOn: LookupOutputOptions["dependsOn"]): pulumi.Output<unknown[]> {
    if (dependsOn === undefined) return pulumi.output([]);
    return pulumi.output(dependsOn).apply((value) => {
        const resources = (Array.isArray(value) ? value : [value]) as pulumi.Resource[];
        return pulumi.all(resources.map((r) => (pulumi.CustomResource.isInstance(r) ? r.id : r.urn)));
    });
}

/**
 * Runs a promise-form lookup once every input is known. The result holds no credential, so it is not kept
 * secret because a secret key went in (its secrecy only protects the key itself).
 */
function outputOf<A, R>(
    args: A,
    opts: LookupOutputOptions | undefined,
    lookup: (plain: pulumi.Unwrap<A>) => Promise<R>,
): pulumi.Output<R> {
    const ready = pulumi.all([pulumi.output(args), settled(opts?.dependsOn)]);
    return pulumi.unsecret(ready.apply(([plain]) => lookup(plain as pulumi.Unwrap<A>)));
}

/**
 * Group info (`GET /groups/:id/`) with its member files. Fails with an `UploadcareGroupNotFoundError`
 * (`UPLOADCARE_NOT_FOUND`) naming the id and the public key when the (proven) project has no such group.
 */
export function getGroup(args: GetGroupArgs): Promise<GetGroupResult> {
    const [{ groupId }, credentials] = splitCredentials(args);
    warnAboutSetup();
    return reported(() => lookups.getGroup(groupId, credentials));
}

export function getGroupOutput(args: GetGroupOutputArgs, opts?: LookupOutputOptions): pulumi.Output<GetGroupResult> {
    return outputOf(args, opts, (plain) => getGroup(plain as GetGroupArgs));
}

/** The project's groups, page by page as the loop consumes them; the loop ends after `limit` groups. */
export function listGroups(args: GetGroupsArgs & LookupCredentials = {}): AsyncIterableIterator<GroupSummary> {
    const [rest, credentials] = splitCredentials(args);
    warnAboutSetup();
    return lookups.listGroups(rest, credentials);
}

/** Every group (or the first `limit`), collected. */
export async function getGroups(args: GetGroupsArgs & LookupCredentials = {}): Promise<GetGroupsResult> {
    const all: GroupSummary[] = [];
    await reported(async () => {
        for await (const group of listGroups(args)) all.push(group);
    });
    return { groups: all };
}

export function getGroupsOutput(
    args: GetGroupsOutputArgs = {},
    opts?: LookupOutputOptions,
): pulumi.Output<GetGroupsResult> {
    // A `from: Date` is taken as it is: pulumi.output() would flatten a Date into an empty object.
    const { from, ...inputs } = args;
    return outputOf(inputs, opts, (plain) =>
        getGroups({ ...(plain as GetGroupsArgs), ...(from !== undefined ? { from: from as string } : {}) }),
    );
}

export interface GetFileArgs extends LookupCredentials {
    uuid: string;
}

export interface GetFileOutputArgs extends LookupCredentialInputs {
    uuid: pulumi.Input<string>;
}

export type GetFileResult = FileDetails;

export interface GetFilesResult {
    files: FileDetails[];
}

export type GetFilesOutputArgs = { [K in keyof GetFilesArgs]?: pulumi.Input<GetFilesArgs[K]> } & LookupCredentialInputs;

/** File info (`GET /files/:uuid/`): size, type, storage, metadata and the CDN URL. */
export function getFile(args: GetFileArgs): Promise<GetFileResult> {
    const [{ uuid }, credentials] = splitCredentials(args);
    warnAboutSetup();
    return reported(() => lookups.getFile(uuid, credentials));
}

export function getFileOutput(args: GetFileOutputArgs, opts?: LookupOutputOptions): pulumi.Output<GetFileResult> {
    return outputOf(args, opts, (plain) => getFile(plain as GetFileArgs));
}

/** The project's files, page by page as the loop consumes them; the loop ends after `limit` files. */
export function listFiles(args: GetFilesArgs & LookupCredentials = {}): AsyncIterableIterator<FileDetails> {
    const [rest, credentials] = splitCredentials(args);
    warnAboutSetup();
    return lookups.listFiles(rest, credentials);
}

/**
 * Every file (or the first `limit`), collected. With `tag`, only the files carrying it: `GET /files/` has no tag
 * filter, so the whole list is read (pages of 1,000) and filtered by the provider.
 */
export async function getFiles(args: GetFilesArgs & LookupCredentials = {}): Promise<GetFilesResult> {
    const all: FileDetails[] = [];
    await reported(async () => {
        for await (const file of listFiles(args)) all.push(file);
    });
    return { files: all };
}

export function getFilesOutput(
    args: GetFilesOutputArgs = {},
    opts?: LookupOutputOptions,
): pulumi.Output<GetFilesResult> {
    return outputOf(args, opts, (plain) => getFiles(plain as GetFilesArgs));
}

/** The project's name, public key, autostore setting and collaborators (`GET /project/`). */
export function getProject(options: LookupOptions = {}): Promise<ProjectDetails> {
    warnAboutSetup();
    return reported(() => lookups.getProject(options));
}

/**
 * `getProject` for program values: the credentials may be `Input`s (a secret `secretKey` stays a secret); the
 * result holds no credential, so it is not secret.
 */
export function getProjectOutput(
    options: LookupCredentialInputs = {},
    opts?: LookupOutputOptions,
): pulumi.Output<ProjectDetails> {
    return outputOf(options, opts, (plain) => getProject(plain as LookupOptions));
}

export interface GetProjectsResult {
    /** Every project the account's Project API token can see, with its settings as a `Project` reports them. */
    projects: ManagedProjectDetails[];
}

/**
 * Every project of the account (`GET /projects/`, all pages), with `uploadcare:projectApiToken` /
 * `UPLOADCARE_PROJECT_API_TOKEN`. Unlike `getProject`, it needs no project keys.
 */
export function getProjects(): Promise<GetProjectsResult> {
    warnAboutSetup();
    return reported(async () => ({ projects: await lookups.getProjects() }));
}

/** `getProjects` as an Output, run once `dependsOn` is settled. */
export function getProjectsOutput(opts?: LookupOutputOptions): pulumi.Output<GetProjectsResult> {
    return outputOf({}, opts, () => getProjects());
}

/** A project's public key and a range of days (`YYYY-MM-DD`, at most 90 days apart). */
export type GetProjectUsageArgs = ProjectUsageArgs;

export type GetProjectUsageOutputArgs = { [K in keyof GetProjectUsageArgs]: pulumi.Input<GetProjectUsageArgs[K]> };

export type GetProjectUsageResult = ProjectUsageDetails;

/**
 * A project's daily traffic, storage and operations (`GET /projects/{pub_key}/usage/`), with the Project API token.
 * The range is checked before the request: real dates, in order, at most 90 days apart.
 */
export function getProjectUsage(args: GetProjectUsageArgs): Promise<GetProjectUsageResult> {
    warnAboutSetup();
    return reported(() => lookups.getProjectUsage(args));
}

/** `getProjectUsage` for program values (`pubKey: project.pubKey`). */
export function getProjectUsageOutput(
    args: GetProjectUsageOutputArgs,
    opts?: LookupOutputOptions,
): pulumi.Output<GetProjectUsageResult> {
    return outputOf(args, opts, (plain) => getProjectUsage(plain as GetProjectUsageArgs));
}

export type {
    FileDetails,
    GetFilesArgs,
    GetGroupsArgs,
    GroupDetails,
    GroupSummary,
    LookupOptions,
    ManagedProjectDetails,
    ProjectUsageDetails,
};
