/** The File lifecycle, one function per operation, over the process's shared runtime. */
import {
    contentTypeFor,
    deleteFile,
    deleteFileMetadata,
    getFile,
    getFileTags,
    type RestFile,
    requireFileUuid,
    setFileMetadata,
    setFileTags,
    storeFile,
    type UploadcareClient,
} from "../../client";
import { stripProvider } from "../runtime/checks";
import { ResourceInitError } from "../runtime/initError";
import { tracked } from "../runtime/lifecycle";
import { type ProviderRuntime, recordedProject } from "../runtime/runtime";
import { type FileInputs, parseFileInputs } from "./inputs";
import { type EchoedInputs, type FileOutputs, outputsFromFile } from "./outputs";
import { tagsDiffer } from "./tags";
import { uploadUnstored } from "./upload";

/** The type an upload from `source` declares (../../client/upload/contentType.ts); none for a `sourceUrl`. */
function declared(inputs: FileInputs): string | undefined {
    if (inputs.sourceUrl !== undefined) return undefined;
    return inputs.contentType ?? contentTypeFor(inputs.filename);
}

function echoed(inputs: FileInputs): EchoedInputs {
    const contentType = declared(inputs);
    return {
        filename: inputs.filename,
        store: inputs.store,
        ...(contentType !== undefined ? { contentType } : {}),
        ...(inputs.contentSha256 !== undefined ? { contentSha256: inputs.contentSha256 } : {}),
        ...(inputs.sourceUrl !== undefined ? { sourceUrl: inputs.sourceUrl } : {}),
    };
}

export async function createFileResource(runtime: ProviderRuntime, props: Record<string, unknown>) {
    const inputs = await parseFileInputs(props);
    const client = await runtime.writer("uploading a file");
    const uuid = await uploadUnstored(client, inputs, runtime.log, runtime.progress);
    const project = client.config.publicKey;
    // `from_url` takes no tags (https://uploadcare.com/docs/file-tags/ names /base/ and /multipart/start/ only).
    const tagsLater = inputs.sourceUrl !== undefined && inputs.tags.length > 0;
    try {
        if (tagsLater) await setFileTags(client, uuid, inputs.tags);
        const file = inputs.store ? await storeFile(client, uuid) : await getFile(client, uuid);
        return { id: uuid, outs: outputsFromFile(file, echoed(inputs), project, inputs.tags) };
    } catch (error) {
        // The upload exists: Pulumi records it, and the next `up` stores it (or refresh reads it). The echoed inputs
        // (contentSha256, sourceUrl) must be there, or the next diff would see new bytes and replace the file; tags
        // not yet set are recorded as none, so the next `up` sets them.
        const tags = tagsLater ? [] : inputs.tags;
        const partial = { uuid, ...echoed(inputs), metadata: inputs.metadata, tags, datetimeStored: null, project };
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
        ...(previous.contentType !== undefined ? { contentType: previous.contentType } : {}),
    };
    return { id, props: outputsFromFile(file, echo, project, await tagsNotInInfo(client, file, previous)) };
}

/**
 * The tags when the file info leaves them out (the docs put `tags` in every v0.7 file info "when tags are enabled",
 * https://uploadcare.com/docs/file-tags/): one `GET /files/:uuid/tags/`, but only for a file the state says has
 * tags, so a project without tags never pays (or fails) for it.
 */
async function tagsNotInInfo(client: UploadcareClient, file: RestFile, previous: Partial<FileOutputs>) {
    if (file.tags !== undefined || (previous.tags ?? []).length === 0) return [];
    return getFileTags(client, file.uuid);
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
    // Tags change in place, the whole set in one idempotent PUT (https://uploadcare.com/docs/file-tags/).
    const tags = tagsDiffer(inputs.tags, before.tags) ? setFileTags(client, uuid, inputs.tags) : undefined;
    // One request per key, as the metadata API takes them (https://uploadcare.com/api-refs/rest-api/v0.7.0/#tag/File-metadata).
    await Promise.all([
        ...set.map(([key, value]) => setFileMetadata(client, uuid, key, value)),
        ...remove.map((key) => deleteFileMetadata(client, uuid, key)),
        tags,
    ]);
    // store: false never deletes data: an unstored file stays as it is; a stored one stays stored.
    const stored = inputs.store && !before.datetimeStored ? await storeFile(client, uuid) : undefined;
    const file = stored ?? (await getFile(client, uuid));
    return { ...file, tags: file.tags ?? (await tags)?.tags ?? before.tags ?? [] };
}

export async function deleteFileResource(runtime: ProviderRuntime, id: string, props: Record<string, unknown> = {}) {
    const uuid = requireFileUuid(id, "file id");
    const previous = stripProvider(props) as Partial<FileOutputs>;
    const client = await runtime.client("deleting a file", true);
    // An already-removed file answers 200 again; a 404 is "already gone" only once the project is proven.
    await tracked(runtime, client, `file ${uuid}`, previous).delete(() => deleteFile(client, uuid));
}
