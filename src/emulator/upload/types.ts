/**
 * What the Upload API router and its route files share: the request, the dependencies and the handler shape. Kept
 * apart from the router so route files never import it (the router imports them).
 */
import type { IncomingHttpHeaders } from "node:http";
import type { ParsedForm } from "../http/form";
import type { Reply } from "../http/reply";
import type { BlobStore } from "../state/blobs";
import type { State } from "../state/state";
import type { UploadErrorFormat } from "./errors";
import type { FromUrlJobs } from "./fromUrlJobs";
import type { MultipartUploads } from "./multipartStore";

export interface UploadRequest {
    method: string;
    path: string;
    query: URLSearchParams;
    /** The body as a form; undefined when it is not one (an unsupported type, a broken multipart body). */
    form: ParsedForm | undefined;
    /** The request's headers (signed uploads may carry a token in `Authorization`). */
    headers?: IncomingHttpHeaders;
}

export interface UploadDeps {
    state: State;
    apiUrl: string;
    now: () => Date;
    jsonErrorsStatus: "real" | 200;
    /** `readOnlyState`: uploads and new groups are refused with 503, see state/readOnly.ts. */
    readOnly: boolean;
    /** Where uploaded bytes live. */
    blobs: BlobStore;
    /** The CDN base (no trailing slash) of a project's URLs. */
    cdnBase: (publicKey: string) => string;
    /** Multipart uploads started and not completed yet. */
    multipart: MultipartUploads;
    /** `from_url` uploads and their status. */
    fromUrl: FromUrlJobs;
}

export type UploadHandler = (req: UploadRequest, deps: UploadDeps, fmt: UploadErrorFormat) => Reply | Promise<Reply>;
