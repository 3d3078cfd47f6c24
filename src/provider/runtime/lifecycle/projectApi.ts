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
} from "../../../client";
import type { ProjectApiRuntime } from "../projectApi";
import { SETTINGS } from "../settings";
import { type Tracked, trackedBy } from "./gone";

/** `resource` names the object in messages ("project <pub_key>", "secret key <id> of project <pub_key>"). */
export function trackedInProjectApi(
    api: Pick<ProjectApiRuntime, "reached">,
    client: UploadcareClient,
    resource: string,
): Tracked {
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

    async function goneError(): Promise<UploadcareGoneError> {
        await gone();
        return new UploadcareGoneError(
            `Uploadcare ${resource} no longer exists (a deleted project answers 404). Run \`pulumi refresh\` to drop it from the state, then \`pulumi up\` to create it again.`,
        );
    }

    return trackedBy({ gone, goneError });
}
