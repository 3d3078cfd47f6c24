// Benchmark program: one `File` per file in the folder `dir` (config), uploaded from a FileAsset.
// Plain JavaScript so no TypeScript compiler runs per deployment.

const fs = require("node:fs");
const path = require("node:path");
const pulumi = require("@pulumi/pulumi");
const { File } = require("pulumi-uploadcare");

const dir = new pulumi.Config().require("dir");
for (const name of fs.readdirSync(dir).sort()) {
    new File(name, { source: new pulumi.asset.FileAsset(path.join(dir, name)) });
}
