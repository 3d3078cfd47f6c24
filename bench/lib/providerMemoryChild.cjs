// Child of memoryProfile (bench/lib/profiles.mts): the provider process's work without the Pulumi CLI. Loads
// @pulumi/pulumi as the dynamic-provider host does, then the provider module given, then runs N creates and N
// deletes at the given concurrency against the environment's Uploadcare endpoint, and prints the peak RSS.
// argv: <provider module> <n> <concurrency> <files JSON file>
const fs = require("node:fs");

const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync("/proc/self/status", "utf8"))[1]);
const marks = {};
const mark = (name) => {
    const usage = process.memoryUsage();
    const spaces = Object.fromEntries(
        require("node:v8")
            .getHeapSpaceStatistics()
            .map((s) => [s.space_name, Math.round(s.physical_space_size / 1024)]),
    );
    marks[name] = {
        rssKb: kb("VmRSS"),
        peakKb: kb("VmHWM"),
        heapUsedKb: Math.round(usage.heapUsed / 1024),
        heapTotalKb: Math.round(usage.heapTotal / 1024),
        externalKb: Math.round(usage.external / 1024),
        spacesKb: spaces,
    };
};

async function pool(count, concurrency, task) {
    let next = 0;
    const worker = async () => {
        while (next < count) await task(next++);
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
}

async function main() {
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
    await createOne(0);
    mark("firstCreate");
    await pool(n - 1, Number(concurrencyText), (i) => createOne(i + 1));
    mark("afterCreate");
    await pool(n, Number(concurrencyText), async (i) => provider.delete(ids[i].id, ids[i].outs));
    mark("afterDelete");
    process.stdout.write(`${JSON.stringify(marks)}\n`);
    process.exit(0);
}
main().catch((error) => {
    console.error(error);
    process.exit(1);
});
