// Benchmark program: `count` Uploadcare webhooks (config), webhook i subscribing
// https://hooks.example.com/bench/<i> to `file.uploaded` with the signing secret `signingSecret` (a secret
// config value). The emulator refuses two subscriptions of one URL to one event, hence one URL per webhook; it
// never contacts non-loopback targets. ../floor with `shape: webhook` registers the same inputs.
// Plain JavaScript so no TypeScript compiler runs per deployment.

const pulumi = require("@pulumi/pulumi");
const { Webhook } = require("pulumi-uploadcare");

const config = new pulumi.Config();
const count = config.getNumber("count") ?? 10;
const signingSecret = config.requireSecret("signingSecret");

for (let i = 0; i < count; i++) {
    new Webhook(`w${i}`, { targetUrl: `https://hooks.example.com/bench/${i}`, event: "file.uploaded", signingSecret });
}
