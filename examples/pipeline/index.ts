import * as fs from "node:fs";
import * as path from "node:path";
import { Group } from "pulumi-uploadcare";

// The file list lives in the repository, so a pull request that edits files.json shows the group
// change in `pulumi preview` before it is merged. Credentials come from the UPLOADCARE_* environment
// variables the workflow sets from repository secrets; they are never stored in the stack.
const files = JSON.parse(fs.readFileSync(path.join(__dirname, "files.json"), "utf8")) as string[];

const assets = new Group("release-assets", { files });

export const groupId = assets.id;
export const cdnUrl = assets.cdnUrl;
export const filesCount = assets.filesCount;
