/**
 * Uploadcare refuses a group with an unknown member as "Some files not found. (GroupFilesNotFoundError)", without
 * saying which (https://uploadcare.com/api-refs/upload-api/#tag/Groups). With the secret key the provider can ask
 * about each member (`GET /files/:uuid/`, only on this failure, at most 100 of them), and name the ones the project
 * does not have.
 */
import { getFile, UploadcareApiError, type UploadcareClient, UploadcareNotFoundError } from "../../client";

const MAX_CHECKED = 100;

/** The members (UUIDs, CDN operations left out) the project has no live file for; undefined if it cannot tell. */
async function missingMembers(client: UploadcareClient, files: string[]): Promise<string[] | undefined> {
    const uuids = [...new Set(files.map((entry) => entry.split("/")[0] ?? entry))].slice(0, MAX_CHECKED);
    const missing = await Promise.all(
        uuids.map(async (uuid) => {
            try {
                return (await getFile(client, uuid)).datetime_removed ? uuid : undefined;
            } catch (error) {
                if (error instanceof UploadcareNotFoundError) return uuid;
                throw error;
            }
        }),
    ).catch(() => undefined);
    return missing?.filter((uuid): uuid is string => uuid !== undefined);
}

/** The same error, naming the members Uploadcare did not find; `undefined` for any other failure. */
export async function explainMissingFiles(
    client: UploadcareClient,
    files: string[],
    error: unknown,
): Promise<Error | undefined> {
    if (!(error instanceof UploadcareApiError) || error.errorCode !== "GroupFilesNotFoundError") return undefined;
    if (!client.config.secretKey) return undefined;
    const missing = await missingMembers(client, files);
    if (!missing || missing.length === 0) return undefined;
    const checked = Math.min(files.length, MAX_CHECKED);
    const scope = checked < files.length ? ` (of the first ${checked} members checked)` : "";
    error.message +=
        ` Project ${client.config.publicKey} has no file ${missing.join(", ")}${scope}: never uploaded, deleted, or ` +
        "another project's. Upload it first, or remove it from files.";
    return error;
}
