import type { UploadcareClient } from "../../client";
import type { ProviderRuntime } from "../runtime/runtime";

/** What every step of a sync works with. */
export interface SyncContext {
    runtime: ProviderRuntime;
    client: UploadcareClient;
    /** The resource's id (its sync key): partial outputs are recorded under it. */
    id: string;
    /** Names the folder in progress lines. */
    label: string;
}
