// Child of the SyncedFolder profile (bench/lib/syncedFolderProfile.mts), in a fresh node process as the program
// that hashes a folder runs in one.
//   walk <dir>:       the work SyncedFolder's class does before any request: walk the folder, read every file and
//                     take the first 16 bytes of its SHA-256 (base64url). Prints { ms, files, bytes }.
//   class <dir>:      the same folder through the class's own walker (dist/resources/folderManifest.js: picomatch
//                     filters, synchronous reads one file at a time), for comparison. Prints { ms, files }.
//   throughput <dir>: every file read into memory first (not timed), then hashed whole with each algorithm, best of
//                     3 rounds. Prints { algorithm: { ms, mbPerS } } and the total bytes: the line that justifies
//                     SHA-256 for the manifest.
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

function listFiles(dir) {
    return fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
        .sort();
}

function walk(dir) {
    const start = performance.now();
    const manifest = {};
    let bytes = 0;
    for (const rel of listFiles(dir)) {
        const content = fs.readFileSync(path.join(dir, rel));
        bytes += content.length;
        manifest[rel] = crypto.createHash("sha256").update(content).digest().subarray(0, 16).toString("base64url");
    }
    return { ms: performance.now() - start, files: Object.keys(manifest).length, bytes };
}

function throughput(dir) {
    const contents = listFiles(dir).map((rel) => fs.readFileSync(path.join(dir, rel)));
    const bytes = contents.reduce((sum, c) => sum + c.length, 0);
    const result = { files: contents.length, bytes, algorithms: {} };
    for (const algorithm of ["sha256", "sha1", "md5", "blake2b512"]) {
        let best = Number.POSITIVE_INFINITY;
        for (let round = 0; round < 3; round++) {
            const start = performance.now();
            for (const content of contents) crypto.createHash(algorithm).update(content).digest();
            best = Math.min(best, performance.now() - start);
        }
        result.algorithms[algorithm] = { ms: best, mbPerS: bytes / (1 << 20) / (best / 1000) };
    }
    return result;
}

async function classWalk(dir) {
    const { folderManifest } = require(path.join(__dirname, "../../dist/resources/folderManifest.js"));
    const start = performance.now();
    const { manifest } = await folderManifest(dir);
    return { ms: performance.now() - start, files: Object.keys(manifest).length };
}

const [mode, dir] = process.argv.slice(2);
const modes = { walk, class: classWalk, throughput };
Promise.resolve(modes[mode](dir)).then((result) => process.stdout.write(`${JSON.stringify(result)}\n`));
