// Benchmark program: one `SyncedFolder` of the folder `dir` (config, an absolute path). Used by the SyncedFolder
// profile and the side-by-side row (bench/lib/syncedFolderProfile.mts). Plain JavaScript so no TypeScript compiler
// runs per deployment.

const pulumi = require("@pulumi/pulumi");
const { SyncedFolder } = require("pulumi-uploadcare");

const site = new SyncedFolder("site", { path: new pulumi.Config().require("dir") });
exports.count = site.count;
