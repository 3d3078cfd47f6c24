// Child of memoryProfile (bench/lib/profiles.mts): the provider process's work without the Pulumi CLI. Loads
// @pulumi/pulumi as the dynamic-provider host does, then the provider module given, then runs N creates and N
// deletes at the given concurrency against the environment's Uploadcare endpoint, and prints the peak RSS.
// argv: <provider module> <n> <concurrency> <files JSON file>
const fs = require("node:fs");

const { createMarks, runProfile } = require("./childMarks.cjs");

const { marks, mark } = createMarks();

function prepare() {
    const [modulePath, nText, concurrencyText, filesPath] = process.argv.slice(2);
    const n = Number(nText);
    const files = JSON.parse(fs.readFileSync(filesPath, "utf8"));
    mark("node");
    require("@pulumi/pulumi");
    mark("pulumi");
    const provider = require(modulePath);
    mark("providerModule");
    const ids = [];
    const createOne = async (i) => {
        const news = { files: files.slice(i * 3, i * 3 + 3) };
        const checked = await provider.check({}, news);
        const created = await provider.create(checked.inputs);
        ids[i] = { id: created.id, outs: created.outs };
    };
    return {
        n,
        concurrency: Number(concurrencyText),
        createOne,
        deleteOne: (i) => provider.delete(ids[i].id, ids[i].outs),
    };
}
runProfile(prepare(), { marks, mark });
