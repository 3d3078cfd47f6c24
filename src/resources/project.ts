/**
 * `getProject()`: the project the settings reach (`GET /project/`, https://uploadcare.com/api-refs/rest-api/v0.7.0/#tag/Project).
 * The same answer is how the provider proves which project a 404 comes from, so a lookup shares the runtime's
 * cached proof: one request per process and endpoint, however often it is called.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ClientDeps, ProjectInfo } from "../client";
import type { EmulatorEndpoint } from "../provider/runtime/connection";
import { startEmbeddedEmulatorReader } from "../provider/runtime/embeddedEmulator";
import { createRuntime } from "../provider/runtime/runtime";
import type { SettingSources } from "../provider/runtime/settings";
import type { LookupOptions } from "./groupLookups";

export interface ProjectCollaborator {
    email?: string;
    name?: string;
}

export interface ProjectDetails {
    /** The project's name. */
    name: string;
    /** Its public key. */
    publicKey: string;
    /** Whether uploads are stored automatically (false when Uploadcare does not say). */
    autostoreEnabled: boolean;
    /** Empty when Uploadcare reports none (or `null`). */
    collaborators: ProjectCollaborator[];
}

/** Per-call overrides of the settings (otherwise stack config `uploadcare:*`, then `UPLOADCARE_*`). */
export type ProjectLookupOptions = LookupOptions;

export interface ProjectLookupDeps extends ClientDeps {
    config?: SettingSources["config"];
    env?: NodeJS.ProcessEnv;
    startEmbeddedEmulator?: () => Promise<EmulatorEndpoint>;
}

export function projectDetails(info: ProjectInfo): ProjectDetails {
    return {
        name: info.name,
        publicKey: info.pub_key,
        autostoreEnabled: info.autostore_enabled === true,
        collaborators: (info.collaborators ?? []).map((c) => ({
            ...(typeof c.email === "string" ? { email: c.email } : {}),
            ...(typeof c.name === "string" ? { name: c.name } : {}),
        })),
    };
}

/** The lookup without Pulumi: programs use `getProject`, tests and scripts can build their own. */
export function createProjectLookup(deps: ProjectLookupDeps = {}) {
    const runtime = createRuntime(deps);
    if (deps.config) runtime.configure(deps.config);
    return async (options: ProjectLookupOptions = {}): Promise<ProjectDetails> => {
        const client = await runtime.client("reading the project", true, options);
        return projectDetails(await runtime.proof.projectOf(client));
    };
}

let lookup: ReturnType<typeof createProjectLookup> | undefined;

/** The project's name, public key, autostore setting and collaborators (`GET /project/`). */
export function getProject(options?: ProjectLookupOptions, _opts?: pulumi.InvokeOptions): Promise<ProjectDetails> {
    lookup ??= createProjectLookup({
        config: { get: (key) => pulumi.runtime.getConfig(key) },
        startEmbeddedEmulator: startEmbeddedEmulatorReader,
    });
    return lookup(options);
}

/**
 * `getProject` for program values: the credentials may be `Input`s (a secret `secretKey` stays a secret); the
 * result holds no credential, so it is not secret.
 */
export function getProjectOutput(
    options: { [K in keyof ProjectLookupOptions]?: pulumi.Input<ProjectLookupOptions[K]> } = {},
    _opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<ProjectDetails> {
    return pulumi.unsecret(pulumi.output(options).apply((plain) => getProject(plain as ProjectLookupOptions)));
}
