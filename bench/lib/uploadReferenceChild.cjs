// Child of the SyncedFolder profile (bench/lib/syncedFolderProfile.mts): the least a Node uploader can do for the
// same files. Every file goes unstored to the Upload API's `POST /base/` (multipart/form-data: public key,
// UPLOADCARE_STORE=0, the file with its name and content type) with node:http and a keep-alive Agent, at most
// `concurrency` requests in flight; every 100 uploaded UUIDs are stored with one signed `PUT /files/storage/`
// (REST API v0.7, "up to 100 files per request": https://uploadcare.com/api-refs/rest-api/v0.7.0/), counted
// within the same limit. Prints { ms, uploads, stores, uuids } (ms from the first request to the last answer).
// argv: <JSON file: [{ path, rel, contentType }]> <concurrency>
// env: UPLOADCARE_PUBLIC_KEY, UPLOADCARE_SECRET_KEY, UPLOADCARE_UPLOAD_BASE_URL, UPLOADCARE_API_BASE_URL
const crypto = require("node:crypto");
const fs = require("node:fs");
const http = require("node:http");

const [listFile, concurrencyText] = process.argv.slice(2);
const files = JSON.parse(fs.readFileSync(listFile, "utf8"));
const concurrency = Number(concurrencyText);
const { UPLOADCARE_PUBLIC_KEY: publicKey, UPLOADCARE_SECRET_KEY: secretKey } = process.env;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function send(url, method, headers, body) {
    return new Promise((resolve, reject) => {
        const req = http.request(url, { method, agent, headers: { ...headers, "content-length": body.length } });
        req.on("response", (res) => {
            const chunks = [];
            res.on("data", (chunk) => chunks.push(chunk));
            res.on("error", reject);
            res.on("end", () => {
                const text = Buffer.concat(chunks).toString("utf8");
                if (res.statusCode >= 300) reject(new Error(`${method} ${url} → ${res.statusCode} ${text}`));
                else resolve(JSON.parse(text));
            });
        });
        req.on("error", reject);
        req.end(body);
    });
}

function upload(file) {
    const boundary = `----bench${crypto.randomBytes(8).toString("hex")}`;
    const field = (name, value) =>
        `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const head =
        field("UPLOADCARE_PUB_KEY", publicKey) +
        field("UPLOADCARE_STORE", "0") +
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.rel.split("/").pop()}"\r\n` +
        `content-type: ${file.contentType}\r\n\r\n`;
    const body = Buffer.concat([Buffer.from(head), fs.readFileSync(file.path), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const url = new URL("/base/", process.env.UPLOADCARE_UPLOAD_BASE_URL);
    return send(url, "POST", { "content-type": `multipart/form-data; boundary=${boundary}` }, body);
}

/** Signed as the REST API's `Uploadcare` scheme asks: HMAC-SHA1 of verb, body MD5, content type, date, URI. */
function store(uuids) {
    const body = Buffer.from(JSON.stringify(uuids));
    const date = new Date().toUTCString();
    const contentType = "application/json";
    const uri = "/files/storage/";
    const md5 = crypto.createHash("md5").update(body).digest("hex");
    const signature = crypto
        .createHmac("sha1", secretKey)
        .update(["PUT", md5, contentType, date, uri].join("\n"))
        .digest("hex");
    const headers = {
        accept: "application/vnd.uploadcare-v0.7+json",
        "content-type": contentType,
        date,
        authorization: `Uploadcare ${publicKey}:${signature}`,
    };
    return send(new URL(uri, process.env.UPLOADCARE_API_BASE_URL), "PUT", headers, body);
}

async function main() {
    const uuids = [];
    const unstored = [];
    let next = 0;
    let stores = 0;
    const storeBatch = () => {
        stores++;
        return store(unstored.splice(0, 100));
    };
    const worker = async () => {
        while (next < files.length || unstored.length >= 100) {
            if (unstored.length >= 100) await storeBatch();
            else {
                const { file } = await upload(files[next++]);
                uuids.push(file);
                unstored.push(file);
            }
        }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    while (unstored.length > 0) await storeBatch();
    const ms = performance.now() - start;
    process.stdout.write(`${JSON.stringify({ ms, uploads: uuids.length, stores, uuids })}\n`);
    agent.destroy();
}
main().catch((error) => {
    console.error(error);
    process.exit(1);
});
