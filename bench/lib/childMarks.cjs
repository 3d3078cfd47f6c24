// Shared by the memory profile's children (providerMemoryChild.cjs, httpReferenceChild.cjs): memory marks taken
// at named points, and a pool that runs `count` tasks `concurrency` at a time.
const fs = require("node:fs");
const v8 = require("node:v8");

const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync("/proc/self/status", "utf8"))[1]);

/** RSS, peak RSS (VmHWM), V8 heap and its spaces, and external memory, in KiB. */
function createMarks() {
    const marks = {};
    const mark = (name) => {
        const usage = process.memoryUsage();
        const spaces = Object.fromEntries(
            v8.getHeapSpaceStatistics().map((s) => [s.space_name, Math.round(s.physical_space_size / 1024)]),
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
    return { marks, mark };
}

async function pool(count, concurrency, task) {
    let next = 0;
    const worker = async () => {
        while (next < count) await task(next++);
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * The sequence both children run, with a mark after each step: one create (it loads what a first request needs),
 * the other N − 1 creates, then N deletes, `concurrency` at a time. Prints the marks as JSON and exits.
 */
function runProfile({ n, concurrency, createOne, deleteOne }, { marks, mark }) {
    const steps = async () => {
        await createOne(0);
        mark("firstCreate");
        await pool(n - 1, concurrency, (i) => createOne(i + 1));
        mark("afterCreate");
        await pool(n, concurrency, deleteOne);
        mark("afterDelete");
        process.stdout.write(`${JSON.stringify(marks)}\n`);
        process.exit(0);
    };
    steps().catch((error) => {
        console.error(error);
        process.exit(1);
    });
}

module.exports = { createMarks, pool, runProfile };
