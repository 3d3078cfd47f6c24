import * as pulumi from "@pulumi/pulumi";

import shim = require("../provider/shims/project");

import { SETTINGS_INPUTS } from "../provider/project/inputs";
import { outputSlots } from "./outputSlots";
import { warnAboutSetup } from "./setupWarnings";

/**
 * An Uploadcare project's settings. Every input left out is not managed: whatever the project has stays. Every
 * change updates the project in place (`POST /projects/{pub_key}/` with the changed fields only).
 */
export interface ProjectArgs {
    /** The project's name, as the dashboard shows it. Required unless `pubKey` adopts an existing project. */
    name?: pulumi.Input<string>;
    /** Whether uploads are stored for good by default (`UPLOADCARE_STORE=auto`); otherwise they are removed after 24 h unless stored. */
    autostore?: pulumi.Input<boolean>;
    /** The largest file an upload may have, in bytes (0 or more); left out: not managed. */
    filesizeLimit?: pulumi.Input<number>;
    /** The largest image an upload may have, in pixels (0 or more); left out: not managed. */
    imageResolutionLimit?: pulumi.Input<number>;
    /** Whether uploads must be signed (a token, or `signature` and `expire`). */
    signedUploads?: pulumi.Input<boolean>;
    /** The MIME types uploads are checked against when `mimeFilteringEnabled` (`type/subtype`, or `image/*`). */
    mimeTypes?: pulumi.Input<pulumi.Input<string>[]>;
    /** Whether uploads are refused unless their MIME type is in `mimeTypes`. */
    mimeFilteringEnabled?: pulumi.Input<boolean>;
    /** Whether uploads are scanned for malware. */
    malwareProtection?: pulumi.Input<boolean>;
    /** Whether uploaded SVG files are checked for scripts. */
    svgValidation?: pulumi.Input<boolean>;
    /** Whether video processing is on. */
    videoProcessing?: pulumi.Input<boolean>;
    /** Whether animated GIFs may be converted to video on the CDN. */
    gifToVideo?: pulumi.Input<boolean>;
    /** Whether search engines may index the project's files. */
    searchIndexAllowed?: pulumi.Input<boolean>;
    /**
     * Adopt an existing project (its public key) instead of creating one; the settings given are then applied to
     * it, and destroy deletes it (unless `retainOnDelete`). A create whose answer was lost fails with
     * `UPLOADCARE_OUTCOME_UNKNOWN` when it cannot prove which new project is its own: this input adopts it.
     * Naming another project later replaces the resource (that one is adopted, then this one deleted).
     */
    pubKey?: pulumi.Input<string>;
}

/**
 * An Uploadcare project, managed with the account's Project API token (`uploadcare:projectApiToken`). The Pulumi id
 * is the public key. Nothing replaces a project except `pulumi up --replace`; destroying it is Uploadcare's soft
 * delete (docs/resources.md, "Project").
 */
export class Project extends pulumi.dynamic.Resource {
    /** The project's public key: the resource's id. */
    declare readonly pubKey: pulumi.Output<string>;
    /** The project's name. */
    declare readonly name: pulumi.Output<string>;
    /** Whether uploads are stored by default, as Uploadcare reports it. */
    declare readonly autostore: pulumi.Output<boolean>;
    /** The file size limit in bytes; undefined when there is none. */
    declare readonly filesizeLimit: pulumi.Output<number | undefined>;
    /** The image resolution limit in pixels; undefined when there is none. */
    declare readonly imageResolutionLimit: pulumi.Output<number | undefined>;
    /** Whether uploads must be signed. */
    declare readonly signedUploads: pulumi.Output<boolean>;
    /** The MIME types of the filter. */
    declare readonly mimeTypes: pulumi.Output<string[]>;
    /** Whether the MIME type filter is on. */
    declare readonly mimeFilteringEnabled: pulumi.Output<boolean>;
    /** Whether malware protection is on. */
    declare readonly malwareProtection: pulumi.Output<boolean>;
    /** Whether SVG validation is on. */
    declare readonly svgValidation: pulumi.Output<boolean>;
    /** Whether video processing is on. */
    declare readonly videoProcessing: pulumi.Output<boolean>;
    /** Whether GIF-to-video conversion is on. */
    declare readonly gifToVideo: pulumi.Output<boolean>;
    /** Whether search engines may index the project's files. */
    declare readonly searchIndexAllowed: pulumi.Output<boolean>;
    /** Whether Uploadcare has blocked the project (read-only). */
    declare readonly isBlocked: pulumi.Output<boolean>;
    /** The project's own CDN base, `https://<prefix>.ucarecd.net`. */
    declare readonly cdnBaseUrl: pulumi.Output<string>;

    constructor(name: string, args: ProjectArgs, opts?: pulumi.CustomResourceOptions) {
        warnAboutSetup();
        super(
            shim,
            name,
            {
                ...outputSlots(...SETTINGS_INPUTS, "isBlocked", "cdnBaseUrl"),
                ...args,
            },
            opts,
            "uploadcare",
            "Project",
        );
        // Not from the state: during an update preview every stored output is unknown, the id is not.
        (this as { -readonly [K in "pubKey"]: Project[K] }).pubKey = this.id;
    }
}
