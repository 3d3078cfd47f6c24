import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { File, Group } from "pulumi-uploadcare";

// Every image in ./images becomes an Uploadcare file. The path is relative to this program, so the state holds
// no machine-specific path; a new image is a new file, and changed bytes replace the file (compared by sha256).
const folder = "images";
const names = fs
    .readdirSync(path.join(__dirname, folder))
    .filter((name) => /\.(png|jpe?g|gif|webp|avif)$/i.test(name))
    .sort();

const images = names.map(
    (name) =>
        new File(name, {
            source: new pulumi.asset.FileAsset(path.join(folder, name)),
            metadata: { example: "files" },
        }),
);

// One group of them all, in name order: `<groupCdnUrl>nth/<i>/` is the i-th image.
const gallery = new Group("gallery", { files: images.map((image) => image.uuid) });

export const groupCdnUrl = gallery.cdnUrl;
export const filesCount = gallery.filesCount;
/** File name → CDN URL. */
export const imageUrls = pulumi
    .all(images.map((image) => pulumi.all([image.originalFilename, image.cdnUrl])))
    .apply((pairs) => Object.fromEntries(pairs));
