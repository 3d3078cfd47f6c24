// Engine floor: the same shape as ../groups (N dynamic resources with the same inputs), but the provider
// returns at once and sends nothing anywhere. Whatever time this takes is Pulumi's own cost.
// variant "module" (default): the provider is an installed module (node_modules/bench-noop-provider), serialized
// by reference like ours. variant "inline": the same methods defined here, serialized by value into each
// resource's state (only used to measure its `__provider` bytes).
const pulumi = require("@pulumi/pulumi");

const inline = {
    async check(_olds, news) {
        return { inputs: news };
    },
    async diff() {
        return { changes: false };
    },
    async create(inputs) {
        return { id: require("node:crypto").randomUUID(), outs: inputs };
    },
    async read(id, props) {
        return { id, props };
    },
    async delete() {},
};

const config = new pulumi.Config();
const noop = config.get("variant") === "inline" ? inline : require("bench-noop-provider");
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
