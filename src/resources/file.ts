import * as pulumi from "@pulumi/pulumi";

import shim = require("../provider/shims/file");

import { type InAnotherProject, secretCredentials, withSecretCredentials } from "./credentials";
import { outputSlots } from "./outputSlots";
import { warnAboutSetup } from "./setupWarnings";
import { checkedSource } from "./sourceAsset";

/** Exactly one of `source` (bytes the provider uploads) and `sourceUrl` (a URL Uploadcare fetches). */
interface FileArgsBase extends InAnotherProject {
    /**
     * The file name Uploadcare records (`original_filename`), e.g. in the CDN URL of the original. Default: the
     * asset's base name, the last segment of `sourceUrl`, or `file.txt` for a `StringAsset`. A change replaces the file.
     */
    filename?: pulumi.Input<string>;
    /**
     * Keep the file (default true). Unstored files are deleted by Uploadcare within 24 hours. `false` never deletes
     * anything: a stored file stays stored; it only means the provider does not store it.
     */
    store?: pulumi.Input<boolean>;
    /** Uploadcare file metadata (REST v0.7): at most 50 keys of `[\w\-.:]{1,64}`, values up to 512 characters. Updated in place. */
    metadata?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /**
     * File tags (https://uploadcare.com/docs/file-tags/). Stored normalised: lower-cased, trimmed, blanks and
     * duplicates dropped, order kept, so `["Cat"]` after `["cat"]` is no change. At most 50 tags, each up to 100
     * characters of Latin letters, digits, `-`, `_` and `.`; a tag breaking a rule fails `check` (the preview) naming
     * it, before any request. Sent with the upload (for a `sourceUrl`, set right after it: `from_url` takes no tags);
     * a change updates them in place with one `PUT /files/:uuid/tags/`. Tags set outside Pulumi are seen by refresh
     * and set back to these by the next `up` (none given means none).
     */
    tags?: pulumi.Input<pulumi.Input<string>[]>;
}

export interface FileFromSourceArgs extends FileArgsBase {
    /**
     * The bytes: a `FileAsset` (a path relative to the program) or a `StringAsset`. Up to 10 MiB (10,485,760
     * bytes) goes in one request; larger files use the multipart upload, streamed from disk. New bytes (by sha256) replace the file.
     */
    source: pulumi.asset.FileAsset | pulumi.asset.StringAsset;
    sourceUrl?: undefined;
    /**
     * The media type the upload declares (`text/css`, `font/woff2`), which the CDN serves the file with. Default: the
     * one `filename`'s extension gives, from the `mime-types` database (`application/octet-stream` for an unknown
     * extension). Uploadcare recognises images from their bytes whatever is declared. Checked as a media type
     * (`type/subtype` and optional `; name=value` parameters). A change replaces the file: the declared type of
     * uploaded bytes cannot be changed in place.
     */
    contentType?: pulumi.Input<string>;
}

export interface FileFromUrlArgs extends FileArgsBase {
    /** A URL Uploadcare fetches (`from_url`). A change replaces the file. */
    sourceUrl: pulumi.Input<string>;
    source?: undefined;
    /** Not with `sourceUrl`: Uploadcare takes a fetched file's type from the URL's answer (see `mimeType`). */
    contentType?: undefined;
}

/** Exactly one of `source` (bytes the provider uploads) and `sourceUrl` (a URL Uploadcare fetches). */
export type FileArgs = FileFromSourceArgs | FileFromUrlArgs;

/**
 * An Uploadcare file. The Pulumi id is the file UUID. Destroying it deletes the file
 * (`DELETE /files/:uuid/storage/`); groups that list it then show it as removed.
 */
export class File extends pulumi.dynamic.Resource {
    /**
     * The file UUID: the resource's id, so a preview knows it even while an update is pending (a dynamic
     * resource's other outputs are unknown then) and resources built from it are not shown as replaced.
     */
    declare readonly uuid: pulumi.Output<string>;
    /** The CDN URL of the file, `https://<cdn host>/<uuid>/`, from the API's own URL of the original. */
    declare readonly cdnUrl: pulumi.Output<string>;
    /** The size in bytes, as Uploadcare reports it (`size`). */
    declare readonly size: pulumi.Output<number>;
    /** The MIME type Uploadcare reports for the file (`mime_type`), e.g. `image/png`. */
    declare readonly mimeType: pulumi.Output<string>;
    /** The file name Uploadcare recorded (`original_filename`): `filename`, or its default. */
    declare readonly originalFilename: pulumi.Output<string>;
    /** Whether Uploadcare recognised the file as an image (`is_image`). */
    declare readonly isImage: pulumi.Output<boolean>;
    /** Whether Uploadcare reports the file ready to be served (`is_ready`). */
    declare readonly isReady: pulumi.Output<boolean>;
    /** When the file was uploaded (ISO 8601). */
    declare readonly datetimeUploaded: pulumi.Output<string>;
    /** Null while the file is not stored. */
    declare readonly datetimeStored: pulumi.Output<string | null>;
    /** The file's metadata as Uploadcare reported it at the last create, update or refresh. */
    declare readonly metadata: pulumi.Output<Record<string, string>>;
    /**
     * The file's tags as Uploadcare reported them at the last create, update or refresh (normalised). Read from the
     * file info, which carries them in REST v0.7; where it does not, refresh asks `GET /files/:uuid/tags/` for a
     * file whose state has tags.
     */
    declare readonly tags: pulumi.Output<string[]>;
    /**
     * The type the upload declared: `contentType`, or the one `filename`'s extension gives. Undefined for a
     * `sourceUrl` (nothing is declared: see `mimeType`) and for files uploaded by 0.1.x, which declared every
     * upload `application/octet-stream` (give `contentType` to replace such a file with a typed upload).
     */
    declare readonly contentType: pulumi.Output<string | undefined>;
    /** The `filename` argument, or its default (the asset's base name, the URL's last segment, `file.txt`). */
    declare readonly filename: pulumi.Output<string>;
    /** The `store` argument (default true). */
    declare readonly store: pulumi.Output<boolean>;
    /** For `source`: the sha256 of the uploaded bytes. */
    declare readonly contentSha256: pulumi.Output<string | undefined>;
    /** The `sourceUrl` argument; undefined for a file uploaded from `source`. */
    declare readonly sourceUrl: pulumi.Output<string | undefined>;
    /** The public key of the project the file belongs to. */
    declare readonly project: pulumi.Output<string>;

    constructor(name: string, args: FileArgs, opts?: pulumi.CustomResourceOptions) {
        warnAboutSetup();
        super(
            shim,
            name,
            {
                ...outputSlots(
                    "cdnUrl",
                    "size",
                    "mimeType",
                    "originalFilename",
                    "isImage",
                    "isReady",
                    "datetimeUploaded",
                    "datetimeStored",
                    "contentSha256",
                    "project",
                    "sourceUrl",
                    "filename",
                    "store",
                    "metadata",
                    "tags",
                    "contentType",
                ),
                ...args,
                ...(args?.source !== undefined ? { source: checkedSource(name, args.source) } : {}),
                ...(args?.credentials !== undefined ? { credentials: secretCredentials(args.credentials) } : {}),
            },
            withSecretCredentials(opts, args?.credentials),
            "uploadcare",
            "File",
        );
        (this as { -readonly [K in "uuid"]: File[K] }).uuid = this.id;
    }
}
