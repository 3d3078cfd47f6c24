// The naive way to write this provider, for comparison of state size only: an HTTP client object (settings,
// helper methods and, with `variant: agent`, an undici Agent connection pool) built in the program and
// captured by the provider's closures. Pulumi serializes everything a closure captures into every resource's
// `__provider`, so each resource's state carries the client's code and settings (secret key included).

const pulumi = require("@pulumi/pulumi");
const crypto = require("node:crypto");
const undici = require("undici");

const config = new pulumi.Config();
const variant = config.get("variant") ?? "client";
const count = config.getNumber("count") ?? 1;
const files = config.requireObject("files");

const client = {
    publicKey: process.env.UPLOADCARE_PUBLIC_KEY ?? "",
    secretKey: process.env.UPLOADCARE_SECRET_KEY ?? "",
    apiBaseUrl: process.env.UPLOADCARE_API_BASE_URL ?? "https://api.uploadcare.com",
    uploadBaseUrl: process.env.UPLOADCARE_UPLOAD_BASE_URL ?? "https://upload.uploadcare.com",
    agent: variant === "agent" ? new undici.Agent({ connections: 8 }) : undefined,
    sign(method, uri, body, contentType, date) {
        const md5 = crypto.createHash("md5").update(body).digest("hex");
        const text = [method, md5, contentType, date, uri].join("\n");
        return crypto.createHmac("sha1", this.secretKey).update(text).digest("hex");
    },
    async send(url, init) {
        const res = this.agent ? await undici.fetch(url, { ...init, dispatcher: this.agent }) : await fetch(url, init);
        const text = await res.text();
        if (res.status >= 400 && res.status !== 404) throw new Error(`${init.method} ${url}: ${res.status} ${text}`);
        return text ? JSON.parse(text) : undefined;
    },
    async createGroup(uuids) {
        const form = new URLSearchParams({ pub_key: this.publicKey });
        for (const [i, uuid] of uuids.entries()) form.append(`files[${i}]`, uuid);
        return this.send(`${this.uploadBaseUrl}/group/`, { method: "POST", body: form });
    },
    async deleteGroup(id) {
        const uri = `/groups/${encodeURIComponent(id)}/`;
        const date = new Date().toUTCString();
        const headers = {
            Accept: "application/vnd.uploadcare-v0.7+json",
            Date: date,
            Authorization: `Uploadcare ${this.publicKey}:${this.sign("DELETE", uri, "", "", date)}`,
        };
        await this.send(`${this.apiBaseUrl}${uri}`, { method: "DELETE", headers });
    },
};

const provider = {
    async diff(_id, olds, news) {
        const changed = JSON.stringify(olds.files) !== JSON.stringify(news.files);
        return changed ? { changes: true, replaces: ["files"] } : { changes: false };
    },
    async create(inputs) {
        const group = await client.createGroup(inputs.files);
        return { id: group.id, outs: { files: inputs.files, cdnUrl: group.cdn_url, filesCount: group.files_count } };
    },
    async delete(id) {
        await client.deleteGroup(id);
    },
};

for (let i = 0; i < count; i++) {
    new pulumi.dynamic.Resource(provider, `g${i}`, { files: [files[i % files.length]] }, undefined, "naive", "Group");
}
