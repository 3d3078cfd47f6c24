import * as pulumi from "@pulumi/pulumi";
import { Group } from "pulumi-uploadcare";

// The files to group, e.g. `pulumi config set --path 'files[0]' 3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5`.
// Each entry may carry CDN operations: "<uuid>/-/resize/800x/".
const config = new pulumi.Config();
const files = config.requireObject<string[]>("files");

const gallery = new Group("gallery", { files });

export const groupId = gallery.id;
export const cdnUrl = gallery.cdnUrl;
export const filesCount = gallery.filesCount;
