/** The `from_url` downloads of one emulator (see fromUrl.ts): jobs by token, remembered URLs, requests in flight. */
import type { ClientRequest } from "node:http";
import type { Project } from "../state/state";
import type { UploadErrorCode } from "./errors";
import type { Resolve, SourcePolicy } from "./sourceAddress";

export type JobStatus =
    | { status: "waiting" }
    | { status: "progress"; done: number; total: number | "unknown" }
    | { status: "success"; uuid: string }
    | { status: "error"; error: string; error_code: UploadErrorCode };

export interface FromUrlJob {
    url: URL;
    project: Project;
    filename: string | undefined;
    stored: boolean;
    metadata: Record<string, string>;
    /** `save_URL_duplicates=1`: later `check_URL_duplicates=1` requests for the same URL get this file. */
    remember: boolean;
    state: JobStatus;
}

/** Downloads in progress and done, by token; plus the URLs remembered for duplicate checks. */
export class FromUrlJobs {
    readonly jobs = new Map<string, FromUrlJob>();
    readonly remembered = new Map<string, string>();
    private readonly requests = new Set<ClientRequest>();
    /** Which sources may be fetched; `ownPort` is set once the emulator listens. */
    readonly policy: SourcePolicy;

    constructor(
        allowLoopback: boolean,
        readonly resolve?: Resolve,
    ) {
        this.policy = { allowLoopback, ownPort: 0 };
    }

    track(request: ClientRequest): void {
        this.requests.add(request);
        request.once("close", () => this.requests.delete(request));
    }

    /** Stops downloads still running (the emulator is closing). */
    close(): void {
        for (const request of this.requests) request.destroy();
    }
}
