import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Group, Project, ProjectSecret } from "pulumi-uploadcare";

// The file list lives in the repository, so a pull request that edits files.json shows the group
// change in `pulumi preview` before it is merged. Credentials come from the UPLOADCARE_* environment
// variables the workflow sets from repository secrets; they are never stored in the stack.
const files = JSON.parse(fs.readFileSync(path.join(__dirname, "files.json"), "utf8")) as string[];

// A pull request's own stack (`pr-<number>`, made by the workflow and removed when the pull request closes) holds
// a project of its own for the pull request's review app, made with the account's Project API token
// (UPLOADCARE_PROJECT_API_TOKEN); destroying the stack deletes it, its key with it.
const stack = pulumi.getStack();
const review = stack.startsWith("pr-")
    ? new Project("review", { name: `${pulumi.getProject()}-${stack}`, autostore: false })
    : undefined;
const reviewKey = review && new ProjectSecret("review-key", { project: review });

const assets = review ? undefined : new Group("release-assets", { files });

export const groupId = assets?.id;
export const cdnUrl = assets?.cdnUrl;
export const filesCount = assets?.filesCount;
export const reviewPublicKey = review?.pubKey;
export const reviewCdnBase = review?.cdnBaseUrl;
export const reviewSecretKey = reviewKey?.secret;
