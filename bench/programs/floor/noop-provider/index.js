// The engine floor's provider: answers at once and sends nothing anywhere. bench/run.mts installs this folder
// as node_modules/bench-noop-provider, so Pulumi serializes it as a `require(...)` of about the size of ours
// (and not by value, which would make every resource's state, and so every checkpoint, bigger).

module.exports = {
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
