import * as pulumi from "@pulumi/pulumi";
import { File, getProjectOutput, Webhook } from "pulumi-uploadcare";

// Where the receiver listens: `SIGNING_SECRET=… node receiver.ts` serves http://127.0.0.1:8787/uploadcare.
// Plain http is accepted for loopback addresses only, which only the emulator delivers to; use https:// in production.
const config = new pulumi.Config();
const targetUrl = config.get("targetUrl") ?? "http://127.0.0.1:8787/uploadcare";
// `pulumi config set --secret signingSecret …` (at most 32 characters): the same value the receiver checks with.
const signingSecret = config.requireSecret("signingSecret");

const uploads = new Webhook("uploads", { targetUrl, event: "file.uploaded", signingSecret });

// Uploaded once the webhook exists, so Uploadcare delivers its file.uploaded to the receiver.
const hello = new File(
    "hello",
    { source: new pulumi.asset.StringAsset("hi"), filename: "hi.txt" },
    { dependsOn: [uploads] },
);

export const webhookId = uploads.webhookId;
export const helloUuid = hello.uuid;
export const project = getProjectOutput().name;
