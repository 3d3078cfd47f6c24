/**
 * The schema of `uploadcare:index:File`, typed against the File provider's inputs and outputs (see
 * ./types.ts for how drift fails `tsc`). `source` is a Pulumi asset: from YAML `fn::fileAsset` or
 * `fn::stringAsset`; the engine sends it in the asset wire form the File provider's `check` reads.
 */
import type { FileInputs } from "../../provider/file/inputs";
import type { FileOutputs } from "../../provider/file/outputs";
import type { FileDetails } from "../../provider/lookups";
import { asset, bool, int, replacing, requiredKeys, type SpecsOf, str, stringMap, strings } from "./types";

export const FILE_TOKEN = "uploadcare:index:File";

/** What a program gives; `contentSha256` and `size` are computed by `check` from `source`. */
const fileInputs: SpecsOf<Omit<FileInputs, "contentSha256" | "size">> = {
    source: replacing(
        asset(
            "The bytes to upload: a file asset (a path relative to the program) or a string asset. Up to 10 MiB (10,485,760 bytes) goes in one request, larger files use the multipart upload. New bytes (by sha256) replace the file. Give either `source` or `sourceUrl`.",
        ),
    ),
    sourceUrl: replacing(str("A URL Uploadcare fetches (`from_url`). A change replaces the file.")),
    filename: replacing(
        str(
            "The file name Uploadcare records. Default: the asset's base name, the last segment of `sourceUrl`, or `file.txt` for a string asset. A change replaces the file.",
        ),
    ),
    store: bool(
        "Keep the file (default true); Uploadcare deletes unstored files within 24 hours. `false` never deletes anything.",
    ),
    metadata: stringMap(
        "File metadata: at most 50 keys of `[\\w\\-.:]{1,64}`, values up to 512 characters. Updated in place.",
    ),
    contentType: replacing(
        str(
            "The media type the upload declares, e.g. `text/css`; default: the one `filename`'s extension gives (`application/octet-stream` for an unknown one). The CDN serves a file with it; Uploadcare recognises images from their bytes whatever it says. Only with `source`. A change replaces the file: an uploaded file's type cannot be changed in place.",
        ),
    ),
    tags: strings(
        "File tags (https://uploadcare.com/docs/file-tags/), stored lower-cased and trimmed, blanks and duplicates dropped, so `Cat` and `cat` are the same tag: at most 50, each up to 100 Latin letters, digits, `-`, `_` or `.`. Sent with the upload; a change updates them in place (`PUT /files/:uuid/tags/`).",
    ),
};

const fileOutputs: SpecsOf<FileOutputs> = {
    uuid: str("The file UUID (also the resource id)."),
    cdnUrl: str("The CDN URL of the file, `https://<cdn host>/<uuid>/`."),
    size: int("The size in bytes."),
    mimeType: str("The MIME type Uploadcare detected."),
    originalFilename: str("The file name Uploadcare recorded."),
    isImage: bool("Whether Uploadcare recognised the file as an image."),
    isReady: bool("Whether the file is ready on the CDN."),
    datetimeUploaded: str("When the file was uploaded (ISO 8601)."),
    datetimeStored: str("When the file was stored (ISO 8601); null while it is not stored."),
    metadata: fileInputs.metadata,
    tags: strings("The file's tags as Uploadcare reports them (normalised)."),
    contentType: str(
        "The type the upload declared: `contentType`, or the one `filename`'s extension gives. Not set for a `sourceUrl` (see `mimeType`) or for a file uploaded before content types (0.1.x).",
    ),
    filename: fileInputs.filename,
    store: fileInputs.store,
    contentSha256: str("For `source`: the sha256 of the uploaded bytes."),
    sourceUrl: fileInputs.sourceUrl,
    project: str("The public key of the project the file belongs to."),
};

export const fileResourceSchema = {
    description:
        "An Uploadcare file, uploaded from an asset (`source`) or fetched by Uploadcare from a URL (`sourceUrl`), uploaded unstored and then stored. The id is the file UUID. New bytes, a new URL, file name or `contentType` replace the file; `metadata`, `tags` and `store` change in place. Destroying it deletes the file. Import with `pulumi import uploadcare:index:File <name> <uuid>` (then give it a `source` or `sourceUrl`: the bytes of an imported file are not known, so the first `up` with a `source` replaces it).",
    inputProperties: fileInputs,
    properties: fileOutputs,
    required: requiredKeys(fileOutputs, ["datetimeStored", "contentSha256", "sourceUrl", "contentType"]),
};

/** `getFile`'s result: the file as the REST API reports it (the lookups' `FileDetails`). */
const fileDetails: SpecsOf<FileDetails> = {
    id: str("The same as `uuid`: a file's id is its UUID."),
    uuid: fileOutputs.uuid,
    cdnUrl: fileOutputs.cdnUrl,
    size: fileOutputs.size,
    mimeType: fileOutputs.mimeType,
    originalFilename: fileOutputs.originalFilename,
    isImage: fileOutputs.isImage,
    isReady: fileOutputs.isReady,
    datetimeUploaded: fileOutputs.datetimeUploaded,
    datetimeStored: fileOutputs.datetimeStored,
    metadata: fileOutputs.metadata,
    tags: fileOutputs.tags,
    datetimeRemoved: str("When the file was deleted (ISO 8601); null while it exists."),
};

export const fileFunctionSchemas = {
    "uploadcare:index:getFile": {
        description: "File info (`GET /files/:uuid/`). Fails when the (proven) project has no such file.",
        inputs: { properties: { uuid: str("The file UUID.") }, required: ["uuid"] },
        outputs: {
            properties: fileDetails,
            required: requiredKeys(fileDetails, ["datetimeStored", "datetimeRemoved"]),
        },
    },
};
