// Child of the SyncedFolder profile (bench/lib/syncedFolderProfile.mts): the same uploads as
// uploadReferenceChild.cjs, but through the package's own client (dist/client: undici, the limiter, retries), as
// the provider sends them (bytes read whole, unstored, the three per-file metadata keys), without the CLI or the
// provider around it; one storeFiles per 100. Between the reference and the provider's `up`, it shows how much
// of the gap is the HTTP client. Prints { ms, uploads, stores, uuids }.
// argv: <JSON file: [{ path, rel, contentType }]> <concurrency>
const fs = require("node:fs");
const path = require("node:path");

const client = require(path.join(__dirname, "../../dist/client/index.js"));
const [listFile, concurrencyText] = process.argv.slice(2);
const files = JSON.parse(fs.readFileSync(listFile, "utf8"));
const concurrency = Number(concurrencyText);
const env = process.env;
const uc = client.createClient(
    {
        publicKey: env.UPLOADCARE_PUBLIC_KEY,
        secretKey: env.UPLOADCARE_SECRET_KEY,
        apiBaseUrl: env.UPLOADCARE_API_BASE_URL,
        uploadBaseUrl: env.UPLOADCARE_UPLOAD_BASE_URL,
    },
    { limiter: new client.Limiter(concurrency) },
);

async function main() {
    const uuids = [];
    const unstored = [];
    const stores = [];
    let next = 0;
    const worker = async () => {
        while (next < files.length) {
            const file = files[next++];
            const bytes = await fs.promises.readFile(file.path);
            const metadata = { "pulumi-synced-folder": "bench", "pulumi-path": file.rel, "pulumi-hash": "bench" };
            const options = { filename: path.basename(file.rel), store: "0", metadata };
            const uuid = await client.uploadDirect(uc, { bytes }, options);
            uuids.push(uuid);
            unstored.push(uuid);
            if (unstored.length >= 100) stores.push(client.storeFiles(uc, unstored.splice(0, 100)));
        }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    if (unstored.length > 0) stores.push(client.storeFiles(uc, unstored.splice(0)));
    await Promise.all(stores);
    const ms = performance.now() - start;
    // Exits once the line is written (a pipe is written asynchronously): the client's keep-alive pool would hold on.
    const line = `${JSON.stringify({ ms, uploads: uuids.length, stores: stores.length, uuids })}\n`;
    process.stdout.write(line, () => process.exit(0));
}
main().catch((error) => {
    console.error(error);
    process.exit(1);
});
