// The program behind the repository's Pulumi.yaml. It uploads the images of examples/files/images and groups
// them, the second one served resized through the group's CDN URL (`<cdnUrl>nth/1/`). Without Uploadcare keys it
// runs against the embedded emulator (`uploadcare:emulator: auto`); with keys, against your project.
// It runs from this checkout, so it imports the built package by path (`npm run build` first); in your own
// project, import from "pulumi-uploadcare" as examples/files does.
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { File, Group } from "../../dist/index.js";

// Relative to the project (where Pulumi.yaml is), so the state holds no machine-specific path.
const folder = path.relative(process.cwd(), path.join(__dirname, "../files/images"));
const images = fs
    .readdirSync(folder)
    .filter((name) => name.endsWith(".png"))
    .sort()
    .map((name) => new File(name, { source: new pulumi.asset.FileAsset(path.join(folder, name)) }));

const gallery = new Group("gallery", {
    files: images.map((image, index) => (index === 1 ? pulumi.interpolate`${image.uuid}/-/resize/800x/` : image.uuid)),
});

export const groupId = gallery.id;
export const cdnUrl = gallery.cdnUrl;
export const filesCount = gallery.filesCount;
export const groupFiles = gallery.files;
export const imageUrls = pulumi
    .all(images.map((image) => pulumi.all([image.originalFilename, image.cdnUrl])))
    .apply((pairs) => Object.fromEntries(pairs));
