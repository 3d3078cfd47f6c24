import * as pulumi from "@pulumi/pulumi";
import { File, Group, Project, ProjectSecret, Webhook } from "pulumi-uploadcare";

// A staging project made with the account's Project API token (`UPLOADCARE_PROJECT_API_TOKEN`, or
// `pulumi config set --secret uploadcare:projectApiToken …`): no project keys are needed in the stack config.
const config = new pulumi.Config();
const staging = new Project("staging", {
    name: config.get("name") ?? "acme-staging",
    autostore: false,
    filesizeLimit: 5_000_000,
});

// Its secret key. Given the Project itself, the key is deleted with it; `pulumi up --replace <urn>` rotates it.
const key = new ProjectSecret("staging-key", { project: staging });

// Everything below lives in the staging project, whatever project the stack config names.
const credentials = { publicKey: staging.pubKey, secretKey: key.secret };
const logo = new File("logo", {
    source: new pulumi.asset.StringAsset("staging logo"),
    filename: "logo.txt",
    credentials,
});
const gallery = new Group("gallery", { files: [logo.uuid], credentials });
const hook = new Webhook("hook", {
    targetUrl: config.get("targetUrl") ?? "https://example.com/uploadcare",
    event: "file.uploaded",
    credentials,
});

export const pubKey = staging.pubKey;
export const cdnBase = staging.cdnBaseUrl;
export const groupId = gallery.id;
export const groupCdnUrl = gallery.cdnUrl;
export const webhookId = hook.webhookId;
