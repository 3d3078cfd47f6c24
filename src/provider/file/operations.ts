/** The File lifecycle, one function per operation, over the process's shared runtime. */
import {
    deleteFile,
    deleteFileMetadata,
    getFile,
    type RestFile,
    requireFileUuid,
    setFileMetadata,
    storeFile,
    type UploadcareClient,
} from "../../client";
import { stripProvider } from "../runtime/checks";
import { ResourceInitError } from "../runtime/initError";
import { tracked } from "../runtime/lifecycle";
import { type ProviderRuntime, recordedProject } from "../runtime/runtime";
import { type FileInputs, parseFileInputs } from "./inputs";
import { type EchoedInputs, type FileOutputs, outputsFromFile } from "./outputs";
import { uploadUnstored } from "./upload";

function echoed(inputs: FileInputs): EchoedInputs {
    return {
        filename: inputs.filename,
        store: inputs.store,
        ...(inputs.contentSha256 !== undefined ? { contentSha256: inputs.contentSha256 } : {}),
        ...(inputs.sourceUrl !== undefined ? { sourceUrl: inputs.sourceUrl } : {}),
    };
}

export async function createFileResource(runtime: ProviderRuntime, props: Record<string, unknown>) {
    const inputs = await parseFileInputs(props);
    const client = await runtime.writer("uploading a file");
    const uuid = await uploadUnstored(client, inputs, runtime.log);
    const project = client.config.publicKey;
    try {
        const file = inputs.store ? await storeFile(client, uuid) : await getFile(client, uuid);
        return { id: uuid, outs: outputsFromFile(file, echoed(inputs), project) };
    } catch (error) {
        // The upload exists: Pulumi records it, and the next `up` stores it (or refresh reads it). The echoed inputs
        // (contentSha256, sourceUrl) must be there, or the next diff would see new bytes and replace the file.
        const partial = { uuid, ...echoed(inputs), metadata: inputs.metadata, datetimeStored: null, project };
        throw new ResourceInitError(uuid, partial, "Uploadcare file", error);
    }
}

export async function readFileResource(runtime: ProviderRuntime, id: string, props: Record<string, unknown> = {}) {
    const uuid = requireFileUuid(id, "file id");
    const previous = stripProvider(props) as Partial<FileOutputs>;
    const client = await runtime.client("reading a file", true);
    const project = recordedProject(client, previous);
    const file = await tracked(runtime, client, `file ${uuid}`, previous).read(() => getFile(client, uuid));
    // Uploadcare keeps showing a deleted file with `datetime_removed` set: that is gone, proven by the API itself.
    if (!file || file.datetime_removed) return { id: "" };
    const echo: EchoedInputs = {
        filename: previous.filename ?? file.original_filename ?? "",
        store: previous.store ?? true,
        ...(previous.contentSha256 !== undefined ? { contentSha256: previous.contentSha256 } : {}),
        ...(previous.sourceUrl !== undefined ? { sourceUrl: previous.sourceUrl } : {}),
    };
    return { id, props: outputsFromFile(file, echo, project) };
}

/** Metadata keys to set (new or changed) and to delete (gone from the program). */
function metadataChanges(next: Record<string, string>, current: Record<string, string>) {
    const set = Object.entries(next).filter(([key, value]) => current[key] !== value);
    const remove = Object.keys(current).filter((key) => !Object.hasOwn(next, key));
    return { set, remove };
}

export async function updateFileResource(
    runtime: ProviderRuntime,
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
) {
    const uuid = requireFileUuid(id, "file id");
    const inputs = await parseFileInputs(news);
    const before = stripProvider(olds) as Partial<FileOutputs>;
    const client = await runtime.writer("updating a file");
    // A file deleted outside Pulumi (a 404, or shown with `datetime_removed` set): once proven, says to refresh.
    const file = await tracked(runtime, client, `file ${uuid}`, before).update(
        () => applyUpdate(client, uuid, inputs, before),
        (updated) => Boolean(updated.datetime_removed),
    );
    return { outs: outputsFromFile(file, echoed(inputs), recordedProject(client, before)) };
}

/** The metadata and storage changes of an update; the file as Uploadcare then has it. */
async function applyUpdate(
    client: UploadcareClient,
    uuid: string,
    inputs: FileInputs,
    before: Partial<FileOutputs>,
): Promise<RestFile> {
    const { set, remove } = metadataChanges(inputs.metadata, before.metadata ?? {});
    // One request per key, as the metadata API takes them (https://uploadcare.com/api-refs/rest-api/v0.7.0/#tag/File-metadata).
    await Promise.all([
        ...set.map(([key, value]) => setFileMetadata(client, uuid, key, value)),
        ...remove.map((key) => deleteFileMetadata(client, uuid, key)),
    ]);
    // store: false never deletes data: an unstored file stays as it is; a stored one stays stored.
    const stored = inputs.store && !before.datetimeStored ? await storeFile(client, uuid) : undefined;
    return stored ?? (await getFile(client, uuid));
}

export async function deleteFileResource(runtime: ProviderRuntime, id: string, props: Record<string, unknown> = {}) {
    const uuid = requireFileUuid(id, "file id");
    const previous = stripProvider(props) as Partial<FileOutputs>;
    const client = await runtime.client("deleting a file", true);
    // An already-removed file answers 200 again; a 404 is "already gone" only once the project is proven.
    await tracked(runtime, client, `file ${uuid}`, previous).delete(() => deleteFile(client, uuid));
}
