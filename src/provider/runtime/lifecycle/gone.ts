/**
 * Read-or-gone, update-or-gone and delete-or-gone under the project proof (../projectProof.ts). A wrong base URL,
 * a proxy or another project's keys also answer 404, so a 404 counts as "gone" only after `GET /project/` proves
 * that the configured endpoint is the REST API of the project that owns the resource. This is the only place that
 * asks the proof about a 404: every resource type and lookup goes through `tracked`.
 */
import { type UploadcareClient, UploadcareNotFoundError } from "../../../client";
import type { ProjectProof } from "../projectProof";
import { recordedProject } from "../runtime";

/** One Uploadcare object an operation acts on, and what a 404 for it means. */
export interface Tracked {
    /** The object read by `fetch`, or `undefined` when it is proven gone (a 404, thrown or answered as undefined). */
    read<T>(fetch: () => Promise<T | undefined>): Promise<T | undefined>;
    /** The object read by `fetch`; when it is missing and proven gone, `missing(the 404, if one was thrown)`. */
    require<T>(fetch: () => Promise<T | undefined>, missing: (notFound?: Error) => Error): Promise<T>;
    /**
     * The result of a change; a 404, or a result `removed` says is gone, fails with `UPLOADCARE_GONE` ("run
     * `pulumi refresh`") once proven, and names the settings to check otherwise.
     */
    update<T>(change: () => Promise<T>, removed?: (result: T) => boolean): Promise<T>;
    /** Runs a delete answering "not-found" for a 404: that is "already deleted" only once proven. */
    delete<R>(remove: () => Promise<R>): Promise<R>;
    /** Returns only when a 404 for the object means it is gone. */
    gone(): Promise<void>;
}

/**
 * `resource` names the object in messages ("group <id>"); `previous` is its stored outputs, whose `project` owns
 * it (none: the configured project, as for an id the program gives or state written by 0.1.0).
 */
export function tracked(
    runtime: { proof: ProjectProof },
    client: UploadcareClient,
    resource: string,
    previous: { project?: string | undefined } = {},
): Tracked {
    const { proof } = runtime;
    const project = recordedProject(client, previous);
    return trackedBy({
        gone: () => proof.confirmGone(client, resource, project),
        goneError: () => proof.goneError(client, resource, project),
    });
}

/** What a 404 means, for one API: `gone` returns only when it proves "gone"; `goneError` says to refresh. */
export interface GoneProof {
    gone(): Promise<void>;
    goneError(): Promise<Error>;
}

/** The read, update and delete rules over one API's proof (the REST project proof, or the Project API's). */
export function trackedBy({ gone, goneError }: GoneProof): Tracked {
    const notFound = (error: unknown) => error instanceof UploadcareNotFoundError;

    async function attempt<T>(fetch: () => Promise<T | undefined>): Promise<{ value?: T; notFound?: Error }> {
        try {
            const value = await fetch();
            return value === undefined ? {} : { value };
        } catch (error) {
            if (!notFound(error)) throw error;
            return { notFound: error as Error };
        }
    }

    return {
        async read(fetch) {
            const { value } = await attempt(fetch);
            if (value === undefined) await gone();
            return value;
        },
        async require(fetch, missing) {
            const found = await attempt(fetch);
            if (found.value !== undefined) return found.value;
            await gone();
            throw missing(found.notFound);
        },
        async update(change, removed) {
            let result: Awaited<ReturnType<typeof change>>;
            try {
                result = await change();
            } catch (error) {
                if (!notFound(error)) throw error;
                throw await goneError();
            }
            if (removed?.(result)) throw await goneError();
            return result;
        },
        async delete(remove) {
            const result = await remove();
            if (result === "not-found") await gone();
            return result;
        },
        gone,
    };
}
