// Benchmark program: one `File` per file under the folder `dir` (config), sub-folders included, each named after
// its relative path and uploaded from a FileAsset. Plain JavaScript so no TypeScript compiler runs per deployment.

const fs = require("node:fs");
const path = require("node:path");
const pulumi = require("@pulumi/pulumi");
const { File } = require("pulumi-uploadcare");

const dir = new pulumi.Config().require("dir");
const files = fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
for (const rel of files) new File(rel, { source: new pulumi.asset.FileAsset(path.join(dir, rel)) });
