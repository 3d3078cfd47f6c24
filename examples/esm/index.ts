// An ES module program: package.json has "type": "module", so this file is loaded with `import`, not
// `require`. Pulumi runs it through ts-node's ESM loader, which is why ts-node is a devDependency here.
import * as pulumi from "@pulumi/pulumi";
import { Group } from "pulumi-uploadcare";

const config = new pulumi.Config();
const files = config.requireObject<string[]>("files");

const gallery = new Group("gallery", { files });

// Shows how the program was loaded: an ES module has no `require`, and allows top-level await.
const moduleKind = await Promise.resolve(typeof require === "undefined" ? "esm" : "commonjs");

export const groupId = gallery.id;
export const cdnUrl = gallery.cdnUrl;
export const filesCount = gallery.filesCount;
export const programModule = moduleKind;
