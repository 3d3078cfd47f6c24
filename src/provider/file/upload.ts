/**
 * Getting the bytes to Uploadcare. Uploads are not idempotent, so every upload is made **unstored**
 * (`UPLOADCARE_STORE=0`) and stored explicitly afterwards: an upload whose answer was lost, and that is then
 * sent again, leaves at most an unstored copy, which Uploadcare deletes within 24 hours
 * (https://uploadcare.com/docs/uploads/storage/). So after any fault, exactly the declared files are stored.
 */
import {
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

async function uploadOnce(client: UploadcareClient, inputs: FileInputs): Promise<string> {
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
        });
        return info.uuid;
    }
    const source = inputs.source;
    if (!source) throw new UploadcareInputError("Invalid File inputs: give source or sourceUrl");
    if (source.kind === "text") return uploadDirect(client, { bytes: Buffer.from(source.text, "utf8") }, options);
    if ((inputs.size ?? 0) <= MULTIPART_THRESHOLD) return uploadDirect(client, { path: source.path }, options);
    const info = await uploadMultipart(client, { path: source.path, size: inputs.size ?? 0 }, options);
    return info.uuid;
}

/**
 * The UUID of a new, unstored file with these bytes. A lost answer is simply sent again (see above), but not after
 * a timeout, which already took the whole deadline (../runtime/lifecycle/ambiguity.ts).
 */
export function uploadUnstored(
    client: UploadcareClient,
    inputs: FileInputs,
    log: (line: string) => void,
): Promise<string> {
    return sendUntilKnown(
        () => uploadOnce(client, inputs),
        client.retry.maxErrorRetries,
        (error) =>
            log(
                `upload of ${inputs.filename} may or may not have arrived (${error.message}); uploading again, unstored`,
            ),
    );
}
