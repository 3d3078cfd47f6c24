// The program behind the repository's Pulumi.yaml. Without Uploadcare keys it groups the demo files that
// the embedded emulator seeds; with keys, set the files to group: `pulumi config set --path 'files[0]' <uuid>`.
// It runs from this checkout, so it imports the built package by path (`npm run build` first); in your own
// project, import from "pulumi-uploadcare" as examples/basic does.
import * as pulumi from "@pulumi/pulumi";
import { seededFileUuids } from "../../dist/emulator/index.js";
import { Group } from "../../dist/index.js";

const config = new pulumi.Config();
const uploadcare = new pulumi.Config("uploadcare");
const hasKeys = Boolean(uploadcare.get("publicKey") ?? process.env.UPLOADCARE_PUBLIC_KEY);
const files = config.getObject<string[]>("files") ?? (hasKeys ? [] : seededFileUuids(3));

const gallery = new Group("gallery", {
    // The second picture is served resized through the group's CDN URL (`<cdnUrl>nth/1/`).
    files: files.map((uuid, index) => (index === 1 ? `${uuid}/-/resize/800x/` : uuid)),
});

export const groupId = gallery.id;
export const cdnUrl = gallery.cdnUrl;
export const filesCount = gallery.filesCount;
export const groupFiles = gallery.files;
