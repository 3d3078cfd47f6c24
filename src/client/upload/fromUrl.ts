/**
 * Uploads from a URL (https://uploadcare.com/api-refs/upload-api/, "Upload from URL"): Uploadcare fetches the URL
 * itself. `POST /from_url/` answers a token (or, for a known duplicate, the file at once); the status endpoint then
 * says `waiting`, `progress`, `success` with the file info, or `error` with a reason. The docs do not say whether
 * a URL Uploadcare refuses (a private address, a host that does not exist) is refused by the POST or reported by the
 * status, so both end in the same `UploadcareFromUrlError`.
 */
import type { UploadcareClient } from "../core/call";
import { safeUrlText } from "../core/config";
import { UploadcareFromUrlError, UploadcareValidationError } from "../core/errors";
import { type FromUrlStatus, isFromUrlStatus, isUploadFileInfo, type UploadFileInfo } from "../core/shapes";
import { badResponse, bodyAs, isRecord } from "../core/validate";
import { type Fields, metadataFields, type StoreFlag, signatureFields, storeField } from "./form";
import { formCall, uploadCall } from "./request";

export interface FromUrlOptions {
    /** `original_filename`; Uploadcare takes it from the URL when absent. */
    filename?: string;
    store: StoreFlag;
    metadata?: Record<string, string>;
    /** `check_URL_duplicates=1`: a URL uploaded before (with `saveDuplicates`) answers that file at once. */
    checkDuplicates?: boolean;
    /** `save_URL_duplicates=1`: remember this URL for later duplicate checks. */
    saveDuplicates?: boolean;
}

export type FromUrlStarted = { type: "token"; token: string } | ({ type: "file_info" } & UploadFileInfo);

/** Polling: the first wait, doubling up to the longest. */
const FIRST_POLL_MS = 250;
const LONGEST_POLL_MS = 5_000;

function fromUrlFields(client: UploadcareClient, sourceUrl: string, options: FromUrlOptions): Fields {
    const fields: Fields = [
        ["pub_key", client.config.publicKey],
        ["source_url", sourceUrl],
        ["store", storeField(options.store)],
    ];
    if (options.filename) fields.push(["filename", options.filename]);
    if (options.checkDuplicates) fields.push(["check_URL_duplicates", "1"]);
    if (options.saveDuplicates) fields.push(["save_URL_duplicates", "1"]);
    return [...fields, ...metadataFields(options.metadata), ...signatureFields(client)];
}

/**
 * `POST /from_url/`. The fields go in the body, not the query string as the JS client sends them: a source URL may
 * carry a token, and paths end up in messages and logs. Not idempotent (each call fetches again).
 */
export async function fromUrl(
    client: UploadcareClient,
    sourceUrl: string,
    options: FromUrlOptions,
): Promise<FromUrlStarted> {
    const call = formCall("/from_url/", fromUrlFields(client, sourceUrl, options), false);
    let answer: Record<string, unknown>;
    try {
        answer = bodyAs(client, call, await client.call(call), "a from_url token", isRecord);
    } catch (error) {
        // A 400 is Uploadcare refusing this URL (bad scheme, private address…): say so, naming it.
        if (!(error instanceof UploadcareValidationError)) throw error;
        const reason = error.detail ?? error.message;
        throw new UploadcareFromUrlError(safeUrlText(sourceUrl), reason, error.errorCode, false, { cause: error });
    }
    if (answer.type === "token" && typeof answer.token === "string") return { type: "token", token: answer.token };
    if (answer.type === "file_info" && isUploadFileInfo(answer)) return { ...answer, type: "file_info" };
    throw badResponse(client, call, 200, 'expected {"type": "token"} or {"type": "file_info"}');
}

/** `GET /from_url/status/?token=`. */
export async function fromUrlStatus(client: UploadcareClient, token: string): Promise<FromUrlStatus> {
    const call = uploadCall("GET", `/from_url/status/?${new URLSearchParams({ token })}`, true);
    return bodyAs(client, call, await client.call(call), "a from_url status", isFromUrlStatus);
}

/**
 * Polls until the download succeeds (→ the file info) or fails (→ `UploadcareFromUrlError` with Uploadcare's
 * reason), waiting with backoff on the client's own `sleep` and `now`. `unknown` keeps polling: a token may not be
 * known everywhere at once. Gives up after `timeoutMs` with a `timedOut` error. `onStatus` hears every status that
 * keeps it waiting, with the time waited so far (progress for the user).
 */
export async function waitForFromUrl(
    client: UploadcareClient,
    token: string,
    options: {
        timeoutMs: number;
        sourceUrl: string;
        onStatus?: (status: FromUrlStatus, elapsedMs: number) => void;
    },
): Promise<UploadFileInfo> {
    const shownUrl = safeUrlText(options.sourceUrl);
    const started = client.now().getTime();
    let last = "waiting";
    for (let delay = FIRST_POLL_MS; ; delay = Math.min(delay * 2, LONGEST_POLL_MS)) {
        const status = await fromUrlStatus(client, token);
        if (status.status === "success") return status;
        if (status.status === "error") {
            throw new UploadcareFromUrlError(shownUrl, status.error, status.error_code, false);
        }
        last = status.status;
        const elapsed = client.now().getTime() - started;
        options.onStatus?.(status, elapsed);
        if (elapsed >= options.timeoutMs) {
            const reason = `still "${last}" after ${Math.round(elapsed / 1000)} s (the limit is ${Math.round(options.timeoutMs / 1000)} s)`;
            throw new UploadcareFromUrlError(shownUrl, reason, undefined, true);
        }
        await client.sleep(Math.min(delay, options.timeoutMs - elapsed));
    }
}
