/**
 * Read-or-gone, update-or-gone and delete-or-gone for Project API objects (projects, their secret keys). A 404
 * from a wrong `uploadcare:projectApiBaseUrl` (a proxy, another API) looks the same as a deleted project's, so it
 * counts as "gone" only once `GET /projects/` has answered with the same token at the same base (../projectApi.ts,
 * `reached`). Projects are soft-deleted: a deleted one answers 404, as uploadcare-go's tests expect.
 */
import {
    type UploadcareClient,
    UploadcareConfigError,
    UploadcareGoneError,
    UploadcareNetworkError,
    UploadcareNotFoundError,
} from "../../../client";
import type { ProjectApiRuntime } from "../projectApi";
import { SETTINGS } from "../settings";
import type { Tracked } from "./gone";

/** `resource` names the object in messages ("project <pub_key>", "secret key <id> of project <pub_key>"). */
export function trackedInProjectApi(
    api: Pick<ProjectApiRuntime, "reached">,
    client: UploadcareClient,
    resource: string,
): Tracked {
    const isNotFound = (error: unknown) => error instanceof UploadcareNotFoundError;

    async function gone(): Promise<void> {
        try {
            await api.reached(client, `trusting a 404 for ${resource}`);
        } catch (error) {
            if (error instanceof UploadcareNetworkError) throw error;
            throw new UploadcareConfigError(
                `Uploadcare answered 404 for ${resource}, but the Project API at ${client.config.projectApiBaseUrl} is ` +
                    `not proven (${(error as Error).message}), so the 404 may only mean a wrong base URL. Nothing was ` +
                    `removed from the state. Check ${SETTINGS.projectApiBaseUrl.key} and ${SETTINGS.projectApiToken.key}, then run the command again.`,
                { cause: error },
            );
        }
    }

    async function attempt<T>(fetch: () => Promise<T | undefined>): Promise<{ value?: T; notFound?: Error }> {
        try {
            const value = await fetch();
            return value === undefined ? {} : { value };
        } catch (error) {
            if (!isNotFound(error)) throw error;
            return { notFound: error as Error };
        }
    }

    async function goneError(): Promise<UploadcareGoneError> {
        await gone();
        return new UploadcareGoneError(
            `Uploadcare ${resource} no longer exists (a deleted project answers 404). Run \`pulumi refresh\` to drop it from the state, then \`pulumi up\` to create it again.`,
        );
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
                if (!isNotFound(error)) throw error;
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
