import * as pulumi from "@pulumi/pulumi";
import { Group } from "pulumi-uploadcare";

// Uploadcare groups are immutable. Change `width` (`pulumi config set width 1200`) and `pulumi preview`
// shows a replace: `pulumi up` creates the new group first, then deletes the old one. Files are kept.
const config = new pulumi.Config();
const files = config.requireObject<string[]>("files");
const width = config.getNumber("width") ?? 800;

const thumbnails = new Group("thumbnails", {
    files: files.map((uuid) => `${uuid}/-/resize/${width}x/`),
});

export const groupId = thumbnails.id;
export const cdnUrl = thumbnails.cdnUrl;
