/**
 * Getting the bytes to Uploadcare. Uploads are not idempotent, so every upload is made **unstored**
 * (`UPLOADCARE_STORE=0`) and stored explicitly afterwards: an upload whose answer was lost, and that is then
 * sent again, leaves at most an unstored copy, which Uploadcare deletes within 24 hours
 * (https://uploadcare.com/docs/uploads/storage/). So after any fault, exactly the declared files are stored.
 */
import {
    type FromUrlStatus,
    fromUrl,
    type UploadcareClient,
    UploadcareInputError,
    uploadDirect,
    uploadMultipart,
    waitForFromUrl,
} from "../../client";
import { sendUntilKnown } from "../runtime/lifecycle";
import type { FileInputs } from "./inputs";
import { MULTIPART_THRESHOLD } from "./source";

/** How long Uploadcare may take to fetch a `sourceUrl`. */
export const FROM_URL_TIMEOUT_MS = 5 * 60_000;

/** Progress lines for the user (../runtime/progress.ts): `logo.mp4: part 4/10`. */
type Progress = (line: string) => void;

async function uploadOnce(client: UploadcareClient, inputs: FileInputs, progress: Progress): Promise<string> {
    const options = {
        filename: inputs.filename,
        store: "0" as const,
        metadata: inputs.metadata,
        // Sent on /base/ and /multipart/start/; `from_url` takes neither (create sets the tags after it).
        ...(inputs.contentType !== undefined ? { contentType: inputs.contentType } : {}),
        tags: inputs.tags,
    };
    if (inputs.sourceUrl !== undefined) {
        const started = await fromUrl(client, inputs.sourceUrl, options);
        if (started.type === "file_info") return started.uuid;
        const info = await waitForFromUrl(client, started.token, {
            timeoutMs: FROM_URL_TIMEOUT_MS,
            sourceUrl: inputs.sourceUrl,
            onStatus: fromUrlProgress(inputs.filename, inputs.sourceUrl, progress),
        });
        return info.uuid;
    }
    const source = inputs.source;
    if (!source) throw new UploadcareInputError("Invalid File inputs: give source or sourceUrl");
    if (source.kind === "text") return uploadDirect(client, { bytes: Buffer.from(source.text, "utf8") }, options);
    if ((inputs.size ?? 0) <= MULTIPART_THRESHOLD) return uploadDirect(client, { path: source.path }, options);
    const onPart = (done: number, total: number) => progress(`${inputs.filename}: part ${done}/${total}`);
    const info = await uploadMultipart(client, { path: source.path, size: inputs.size ?? 0 }, { ...options, onPart });
    return info.uuid;
}

/** `hero.jpg: fetching from https://example.com/hero.jpg, waiting (35 s)`; the URL without user info or query. */
function fromUrlProgress(filename: string, sourceUrl: string, progress: Progress) {
    let shown = "the source URL";
    if (URL.canParse(sourceUrl)) {
        const url = new URL(sourceUrl);
        shown = `${url.protocol}//${url.host}${url.pathname}`;
    }
    return (status: FromUrlStatus, elapsedMs: number) => {
        const { done, total } = status.status === "progress" ? status : { done: undefined, total: undefined };
        const state =
            typeof done === "number" && typeof total === "number" && total > 0
                ? `${Math.floor((100 * done) / total)}% fetched`
                : status.status === "progress"
                  ? "fetching"
                  : "waiting";
        progress(`${filename}: fetching from ${shown}, ${state} (${Math.round(elapsedMs / 1000)} s)`);
    };
}

/**
 * The UUID of a new, unstored file with these bytes. A lost answer is simply sent again (see above), but not after
 * a timeout, which already took the whole deadline (../runtime/lifecycle/ambiguity.ts).
 */
export function uploadUnstored(
    client: UploadcareClient,
    inputs: FileInputs,
    log: (line: string) => void,
    progress: Progress = () => {},
): Promise<string> {
    return sendUntilKnown(
        () => uploadOnce(client, inputs, progress),
        client.retry.maxErrorRetries,
        (error) =>
            log(
                `upload of ${inputs.filename} may or may not have arrived (${error.message}); uploading again, unstored`,
            ),
    );
}
