// Engine floor: the same shape as ../groups (N dynamic resources with the same inputs), but the provider
// returns at once and sends nothing anywhere. Whatever time this takes is Pulumi's own cost.
// variant "module" (default): the provider is an installed module (node_modules/bench-noop-provider), serialized
// by reference like ours. variant "inline": the same methods copied into a plain object, which Pulumi
// serializes by value into each resource's state (only used to measure its `__provider` bytes).
// shape "group" (default): config count, files, filesPerGroup, as ../groups. shape "file": config dir, one
// resource per file named after it with the `source` FileAsset ../files gives each `File`. shape "webhook":
// config count, signingSecret (secret), the inputs ../webhooks gives each `Webhook` (the secret wrapped and
// listed in additionalSecretOutputs, as Webhook's constructor does). Only for the state-entry comparison.
const path = require("node:path");
const fs = require("node:fs");
const pulumi = require("@pulumi/pulumi");

const config = new pulumi.Config();
const installed = require("bench-noop-provider");
const noop = config.get("variant") === "inline" ? { ...installed } : installed;
const shape = config.get("shape") ?? "group";

class Noop extends pulumi.dynamic.Resource {
    constructor(name, args, opts) {
        super(noop, name, args, opts, "bench", "Noop");
    }
}

if (shape === "file") {
    const dir = config.require("dir");
    for (const name of fs.readdirSync(dir).sort()) {
        new Noop(name, { source: new pulumi.asset.FileAsset(path.join(dir, name)) });
    }
} else if (shape === "webhook") {
    const count = config.getNumber("count") ?? 10;
    const signingSecret = config.requireSecret("signingSecret");
    for (let i = 0; i < count; i++) {
        new Noop(
            `w${i}`,
            {
                targetUrl: `https://hooks.example.com/bench/${i}`,
                event: "file.uploaded",
                signingSecret: pulumi.secret(signingSecret),
            },
            { additionalSecretOutputs: ["signingSecret"] },
        );
    }
} else {
    const count = config.requireNumber("count");
    const files = config.requireObject("files");
    const perGroup = config.getNumber("filesPerGroup") ?? 1;
    for (let i = 0; i < count; i++) {
        const members = [];
        for (let j = 0; j < perGroup; j++) members.push(files[(i * perGroup + j) % files.length]);
        new Noop(`g${i}`, { files: members });
    }
}
