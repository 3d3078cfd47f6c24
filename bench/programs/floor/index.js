// Engine floor: the same shape as ../groups (N dynamic resources with the same inputs), but the provider
// returns at once and sends nothing anywhere. Whatever time this takes is Pulumi's own cost.
// variant "module" (default): the provider is an installed module (node_modules/bench-noop-provider), serialized
// by reference like ours. variant "inline": the same methods copied into a plain object, which Pulumi
// serializes by value into each resource's state (only used to measure its `__provider` bytes).
const pulumi = require("@pulumi/pulumi");

const config = new pulumi.Config();
const installed = require("bench-noop-provider");
const noop = config.get("variant") === "inline" ? { ...installed } : installed;
const count = config.requireNumber("count");
const files = config.requireObject("files");
const perGroup = config.getNumber("filesPerGroup") ?? 1;

class Noop extends pulumi.dynamic.Resource {
    constructor(name, args, opts) {
        super(noop, name, args, opts, "bench", "Noop");
    }
}

for (let i = 0; i < count; i++) {
    const members = [];
    for (let j = 0; j < perGroup; j++) members.push(files[(i * perGroup + j) % files.length]);
    new Noop(`g${i}`, { files: members });
}
