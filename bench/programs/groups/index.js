// Benchmark program: `count` Uploadcare groups, group i holding `filesPerGroup` consecutive UUIDs of `files`
// (wrapping around when the list is shorter). Plain JavaScript so no TypeScript compiler runs per deployment.

const pulumi = require("@pulumi/pulumi");
const { Group } = require("pulumi-uploadcare");

const config = new pulumi.Config();
const count = config.requireNumber("count");
const files = config.requireObject("files");
const perGroup = config.getNumber("filesPerGroup") ?? 1;

for (let i = 0; i < count; i++) {
    const members = [];
    for (let j = 0; j < perGroup; j++) members.push(files[(i * perGroup + j) % files.length]);
    new Group(`g${i}`, { files: members });
}
