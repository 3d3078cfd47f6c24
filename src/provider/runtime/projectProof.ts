/**
 * Which project the provider is talking to. A 404 only means "gone" when the configured endpoint is proven
 * to be the REST API of the project that owns the resource: a wrong base URL, a proxy, or the keys of
 * another project also answer 404, and trusting that would drop real resources from state. The proof is
 * `GET /project/` (https://uploadcare.com/api-refs/rest-api/v0.7.0/#tag/Project), once per provider
 * process and endpoint; the same call checks the keys before the first write.
 */
import {
    getProject,
    type ProjectInfo,
    UploadcareAuthError,
    type UploadcareClient,
    UploadcareConfigError,
    UploadcareError,
    UploadcareGoneError,
    UploadcareNetworkError,
    UploadcareProjectUnprovenError,
} from "../../client";

export interface ProjectProof {
    /** Project info for the client's endpoint and keys (one request per process and endpoint). */
    projectOf(client: UploadcareClient): Promise<ProjectInfo>;
    /** Before a write: fails with the setting to fix when the keys or the base URL are wrong. */
    proveKeys(client: UploadcareClient, operation: string): Promise<void>;
    /** After a 404 for `resource` recorded under `project`: returns only when the 404 means "gone". */
    confirmGone(client: UploadcareClient, resource: string, project: string): Promise<void>;
    /**
     * After a 404 where the resource must exist (an update): the error to throw. A proven 404 says to refresh;
     * an unproven one is `confirmGone`'s error, naming the settings.
     */
    goneError(client: UploadcareClient, resource: string, project: string): Promise<UploadcareGoneError>;
}

export function createProjectProof(): ProjectProof {
    const answers = new Map<string, Promise<ProjectInfo>>();

    function projectOf(client: UploadcareClient): Promise<ProjectInfo> {
        const key = `${client.config.apiBaseUrl} ${client.config.publicKey}`;
        let answer = answers.get(key);
        if (!answer) {
            answer = getProject(client);
            answers.set(key, answer);
            // A failed proof is asked again next time: the network may have been down.
            answer.catch(() => answers.delete(key));
        }
        return answer;
    }

    const proof: ProjectProof = {
        projectOf,

        async proveKeys(client, operation) {
            if (!client.config.secretKey) return; // Nothing to sign with: the Upload API checks the public key.
            let info: ProjectInfo;
            try {
                info = await projectOf(client);
            } catch (error) {
                throw keysRefused(client, operation, error);
            }
            if (info.pub_key !== client.config.publicKey) throw otherProject(client, operation, info.pub_key);
        },

        async confirmGone(client, resource, project) {
            const { publicKey, apiBaseUrl, secretKey } = client.config;
            const secrets = secretKey ? [secretKey] : [];
            const unproven = (reason: string, cause?: unknown) =>
                new UploadcareProjectUnprovenError(resource, project, publicKey, apiBaseUrl, reason, secrets, cause);
            if (project !== publicKey) throw unproven("the configured public key is another project's");
            let info: ProjectInfo;
            try {
                info = await projectOf(client);
            } catch (error) {
                // A network failure is not evidence either way: report it as it is.
                if (error instanceof UploadcareNetworkError) throw error;
                throw unproven(`GET /project/ failed (${(error as Error).message})`, error);
            }
            if (info.pub_key !== project) throw unproven(`GET /project/ answered for project ${info.pub_key}`);
        },

        async goneError(client, resource, project) {
            await proof.confirmGone(client, resource, project);
            return new UploadcareGoneError(
                `Uploadcare ${resource} no longer exists in project ${project}. Run \`pulumi refresh\` to drop it from the state, then \`pulumi up\` to create it again.`,
            );
        },
    };
    return proof;
}

function keysRefused(client: UploadcareClient, operation: string, error: unknown): Error {
    const { apiBaseUrl } = client.config;
    if (error instanceof UploadcareNetworkError) {
        // Still a network error (it may pass), but one that says which setting sent the request there.
        error.message += `. uploadcare:apiBaseUrl (${apiBaseUrl}) could not be reached before ${operation}: check it and the network; nothing was created or changed.`;
        return error;
    }
    if (!UploadcareError.isUploadcareError(error)) return error as Error;
    if (error instanceof UploadcareAuthError) {
        const detail = error.detail ?? "";
        const setting = /public key/i.test(detail)
            ? "uploadcare:publicKey (UPLOADCARE_PUBLIC_KEY)"
            : /secret|signature/i.test(detail)
              ? "uploadcare:secretKey (UPLOADCARE_SECRET_KEY)"
              : "uploadcare:publicKey and uploadcare:secretKey";
        return new UploadcareConfigError(
            `Uploadcare refused the keys before ${operation} (${error.message}). Fix ${setting}; nothing was created or changed.`,
            { cause: error },
        );
    }
    return new UploadcareConfigError(
        `uploadcare:apiBaseUrl (${apiBaseUrl}) does not answer like Uploadcare's REST API before ${operation} ` +
            `(${error.message}). Use https://api.uploadcare.com, with no path, or the emulator's URL; nothing was created or changed.`,
        { cause: error },
    );
}

function otherProject(client: UploadcareClient, operation: string, answered: string): Error {
    return new UploadcareConfigError(
        `uploadcare:apiBaseUrl (${client.config.apiBaseUrl}) answered GET /project/ for project ${answered}, not for the ` +
            `configured public key ${client.config.publicKey}, before ${operation}. Check uploadcare:apiBaseUrl and ` +
            "uploadcare:publicKey; nothing was created or changed.",
    );
}
