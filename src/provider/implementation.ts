import type { FileProvider } from "./file/provider";
import { createGroupProvider, type GroupProvider } from "./group/provider";
import type { ProjectProvider } from "./project/provider";
import type { ProjectSecretProvider } from "./projectSecret/provider";
import { startEmbeddedEmulator } from "./runtime/embeddedEmulator";
import { withEngineFailures } from "./runtime/engineFailures";
import type { ProjectApiRuntime } from "./runtime/projectApi";
import { createRuntime } from "./runtime/runtime";
import type { SyncedFolderProvider } from "./syncedFolder/provider";
import type { WebhookProvider } from "./webhook/provider";

/**
 * The provider process's single runtime: one config, one request limiter, one connection pool and one project
 * proof, shared by every resource type's provider. The serialized shims (./shims/) load this module by package
 * name and take the provider of their type from `providers`; each type's code is loaded on first use only.
 */
export const runtime = createRuntime({ startEmbeddedEmulator, checkSettingsInCheck: true });

export const groupProvider: GroupProvider = withEngineFailures(createGroupProvider({ runtime, compactState: true }));

let file: FileProvider | undefined;
let webhook: WebhookProvider | undefined;
let project: ProjectProvider | undefined;
let projectSecret: ProjectSecretProvider | undefined;
let syncedFolder: SyncedFolderProvider | undefined;
let projectApi: ProjectApiRuntime | undefined;

/** The Project API side, one per process, shared by Project and ProjectSecret (built on first use). */
function sharedProjectApi(): ProjectApiRuntime {
    projectApi ??= (require("./runtime/projectApi") as typeof import("./runtime/projectApi")).createProjectApiRuntime();
    return projectApi;
}

/** One provider per resource type, built on first use. */
export const providers = {
    get group(): GroupProvider {
        return groupProvider;
    },
    get file(): FileProvider {
        file ??= withEngineFailures(
            (require("./file/provider") as typeof import("./file/provider")).createFileProvider({ runtime }),
        );
        return file;
    },
    get webhook(): WebhookProvider {
        webhook ??= withEngineFailures(
            (require("./webhook/provider") as typeof import("./webhook/provider")).createWebhookProvider({ runtime }),
        );
        return webhook;
    },
    get project(): ProjectProvider {
        project ??= withEngineFailures(
            (require("./project/provider") as typeof import("./project/provider")).createProjectProvider({
                runtime,
                projectApi: sharedProjectApi(),
            }),
        );
        return project;
    },
    get projectSecret(): ProjectSecretProvider {
        projectSecret ??= withEngineFailures(
            (
                require("./projectSecret/provider") as typeof import("./projectSecret/provider")
            ).createProjectSecretProvider({ runtime, projectApi: sharedProjectApi() }),
        );
        return projectSecret;
    },
    get syncedFolder(): SyncedFolderProvider {
        syncedFolder ??= withEngineFailures(
            (require("./syncedFolder/provider") as typeof import("./syncedFolder/provider")).createSyncedFolderProvider(
                { runtime },
            ),
        );
        return syncedFolder;
    },
};
