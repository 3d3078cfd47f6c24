// Child of memoryProfile (bench/lib/profiles.mts): the least any in-process Node HTTP client costs. Loads
// @pulumi/pulumi exactly as providerMemoryChild.cjs does (the dynamic-provider host loads it too), then sends the
// same number of requests our provider sends for N creates with unstored members and N deletes (1 before the
// first create, as the project proof; 2 per create; 1 per delete), at the same concurrency, with node:http and a
// keep-alive Agent (maxSockets 16, the size of the provider's pool), to the Upload API, which answers unsigned
// requests: a create is `POST /group/` (pub_key, files[]) then `GET /group/info/` of the new group, a delete is one
// more `GET /group/info/`. Every body is read and JSON-parsed (the parent counts the answers by status at the
// emulator). Same marks as providerMemoryChild.cjs. The groups it creates are left for the parent to delete.
// argv: <n> <concurrency> <files JSON file>
const fs = require("node:fs");

const { createMarks, runProfile } = require("./childMarks.cjs");

const { marks, mark } = createMarks();

function prepare() {
    const [nText, concurrencyText, filesPath] = process.argv.slice(2);
    const n = Number(nText);
    const concurrency = Number(concurrencyText);
    const files = JSON.parse(fs.readFileSync(filesPath, "utf8"));
    const publicKey = process.env.UPLOADCARE_PUBLIC_KEY ?? "";
    const base = process.env.UPLOADCARE_UPLOAD_BASE_URL ?? "";
    mark("node");
    require("@pulumi/pulumi");
    mark("pulumi");
    // In place of the provider module: the client.
    const http = require("node:http");
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const send = (method, pathAndQuery, form) =>
        new Promise((resolve, reject) => {
            const body = form ? form.toString() : undefined;
            const headers = body
                ? { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) }
                : {};
            const req = http.request(new URL(pathAndQuery, base), { method, agent, headers }, (res) => {
                const chunks = [];
                res.on("data", (chunk) => chunks.push(chunk));
                res.on("error", reject);
                res.on("end", () => {
                    try {
                        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
                    } catch {
                        resolve(undefined);
                    }
                });
            });
            req.on("error", reject);
            req.end(body);
        });
    const createGroup = (members) => {
        const form = new URLSearchParams({ pub_key: publicKey });
        for (const uuid of members) form.append("files[]", uuid);
        return send("POST", "/group/", form);
    };
    const info = (id) =>
        send("GET", `/group/info/?${new URLSearchParams({ pub_key: publicKey, group_id: String(id) })}`);
    mark("providerModule");
    const ids = [];
    const createAndRead = async (i) => {
        const group = await createGroup(files.slice(i * 3, i * 3 + 3));
        ids[i] = group?.id;
        await info(ids[i]);
    };
    // The project proof's place: one request before the first create.
    const first = createGroup(files.slice(0, 3));
    const createOne = async (i) => {
        if (i === 0) await first;
        await createAndRead(i);
    };
    return { n, concurrency, createOne, deleteOne: (i) => info(ids[i]) };
}
runProfile(prepare(), { marks, mark });
