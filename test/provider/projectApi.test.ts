import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import {
    type ClientDeps,
    createClient,
    createGroup,
    createProject,
    createProjectApiClient,
    createProjectSecret,
    deleteProject,
    deleteProjectSecret,
    getProject,
    getProjectByKey,
    getProjectUsage,
    listProjectSecrets,
    listProjects,
    type SignUploads,
    UploadcareApiError,
    UploadcareAuthError,
    UploadcareBadResponseError,
    UploadcareInputError,
    UploadcareNotFoundError,
    UploadcareValidationError,
    updateProject,
    uploadDirect,
} from "../../src/client";
import { type Emulator, type EmulatorOptions, startEmulator } from "../../src/emulator";
import { failure } from "../support/failure";

const TOKEN = "account-token-9f8e7d6c5b4a";
const started: Emulator[] = [];
const servers: { close(): void }[] = [];
afterAll(async () => {
    await Promise.all(started.map((e) => e.close()));
    for (const s of servers) s.close();
});

async function setup(options: EmulatorOptions = {}, deps: ClientDeps = {}, token = TOKEN) {
    const emulator = await startEmulator({ quiet: true, projectApiToken: TOKEN, ...options });
    started.push(emulator);
    const client = createProjectApiClient(
        { token, baseUrl: `${emulator.url}/` },
        { retry: { baseDelayMs: 1 }, ...deps },
    );
    return { emulator, client };
}

async function all<T>(items: AsyncGenerator<T>): Promise<T[]> {
    const out: T[] = [];
    for await (const item of items) out.push(item);
    return out;
}

describe("Project API client against the emulator", () => {
    it("creates, reads, updates with only the changed fields, lists and soft-deletes a project", async () => {
        const { emulator, client } = await setup();
        const made = await createProject(client, {
            name: "staging",
            features: { uploads: { filesize_limit: 5_000_000 } },
        });
        expect(made.pub_key).toMatch(/^[0-9a-f]{20}$/);
        expect(made.features?.uploads?.filesize_limit).toBe(5_000_000);
        expect(await getProjectByKey(client, made.pub_key)).toEqual(made);
        emulator.clearRequests();
        const updated = await updateProject(client, made.pub_key, {
            name: "renamed",
            features: { uploads: { autostore: false } },
        });
        expect(updated).toMatchObject({
            name: "renamed",
            features: { uploads: { autostore: false, filesize_limit: 5_000_000 } },
        });
        expect(emulator.requests.map((r) => `${r.method} ${r.path} ${r.api}`)).toEqual([
            `POST /projects/${made.pub_key}/ project`,
        ]);
        expect((await all(listProjects(client))).map((p) => p.name)).toEqual(["Demo project", "renamed"]);
        expect(await deleteProject(client, made.pub_key)).toBe("deleted");
        expect(await deleteProject(client, made.pub_key)).toBe("not-found");
        const gone = await failure(getProjectByKey(client, made.pub_key));
        expect(gone).toBeInstanceOf(UploadcareNotFoundError);
        expect(gone).toMatchObject({
            code: "UPLOADCARE_NOT_FOUND",
            status: 404,
            errorCode: "not_found_error",
            detail: "Project not found.",
        });
        expect(gone.message).toContain(
            `GET ${emulator.url}/projects/${made.pub_key}/ failed with HTTP 404: Project not found. (not_found_error)`,
        );
    });

    it("refuses what it can check before a request: an empty name or change, a key that is not a path segment", async () => {
        const { emulator, client } = await setup();
        emulator.clearRequests();
        expect(await failure(createProject(client, { name: " " }))).toBeInstanceOf(UploadcareInputError);
        expect(await failure(updateProject(client, "abc", {}))).toBeInstanceOf(UploadcareInputError);
        expect(await failure(updateProject(client, "abc", { features: {} }))).toBeInstanceOf(UploadcareInputError);
        const traversal = await failure(getProjectByKey(client, "../project"));
        expect(traversal.message).toContain('pubKey must be a non-empty string of letters, digits, "_" or "-"');
        expect(await failure(deleteProjectSecret(client, "abc", "a/b"))).toBeInstanceOf(UploadcareInputError);
        expect(emulator.requests).toEqual([]);
    });

    it("secrets: created once with the value, listed by hint, deleted; the new key works for uploads and REST", async () => {
        const { emulator, client } = await setup();
        const project = await createProject(client, { name: "p" });
        const key = await createProjectSecret(client, project.pub_key);
        expect(await all(listProjectSecrets(client, project.pub_key))).toEqual([
            { id: key.id, hint: key.secret.slice(-4), last_used_at: null },
        ]);
        const keys = {
            publicKey: project.pub_key,
            secretKey: key.secret,
            apiBaseUrl: emulator.url,
            uploadBaseUrl: emulator.url,
        };
        expect((await getProject(createClient(keys))).pub_key).toBe(project.pub_key);
        expect(await deleteProjectSecret(client, project.pub_key, key.id)).toBe("deleted");
        expect(await deleteProjectSecret(client, project.pub_key, key.id)).toBe("not-found");
    });

    it("the last secret of a project with signed uploads is refused with Uploadcare's reason", async () => {
        const { client } = await setup();
        const project = await createProject(client, {
            name: "p",
            features: { uploads: { is_signed_upload_enabled: true } },
        });
        const key = await createProjectSecret(client, project.pub_key);
        const refused = await failure(deleteProjectSecret(client, project.pub_key, key.id));
        expect(refused).toBeInstanceOf(UploadcareValidationError);
        expect(refused).toMatchObject({ status: 400, errorCode: "last_secret_signed_uploads" });
    });

    it("usage: checked before the request, then answered day by day", async () => {
        const { emulator, client } = await setup({ seedFiles: 1 });
        const usage = await getProjectUsage(client, emulator.publicKey, { from: "2026-01-01", to: "2026-01-03" });
        expect(usage.data.map((d) => d.date)).toEqual(["2026-01-01", "2026-01-02", "2026-01-03"]);
        emulator.clearRequests();
        expect(
            await failure(getProjectUsage(client, emulator.publicKey, { from: "2026-01-01", to: "2026-06-01" })),
        ).toBeInstanceOf(UploadcareInputError);
        expect(emulator.requests).toEqual([]);
    });

    it("follows next links within the origin across pages, with the CLI's base path as well", async () => {
        const { emulator } = await setup();
        const client = createProjectApiClient({ token: TOKEN, baseUrl: `${emulator.url}/apps/api/project-api/v1/` });
        for (let i = 0; i < 100; i++) await createProject(client, { name: `p${i}` });
        emulator.clearRequests();
        const listed = await all(listProjects(client));
        expect(listed).toHaveLength(101);
        expect(new Set(listed.map((p) => p.pub_key)).size).toBe(101);
        expect(emulator.requests.map((r) => r.path)).toEqual([
            "/apps/api/project-api/v1/projects/?limit=100",
            "/apps/api/project-api/v1/projects/?limit=100&offset=100",
        ]);
    });
});

/** A stand-in Project API answering every GET with `page` (a function of the server's own URL). */
async function pageServer(page: (own: string) => unknown, hits: string[] = []): Promise<string> {
    const server = createServer((req, res) => {
        hits.push(req.headers.authorization ?? "");
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify(page(own)));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    const own = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return own;
}

describe("next links", () => {
    it("a link to another origin is refused, naming it and the setting, and the token is never sent there", async () => {
        const hits: string[] = [];
        const other = await pageServer(() => ({ next: null, results: [] }), hits);
        const base = await pageServer(() => ({
            next: `${other.replace("127.0.0.1", "localhost")}/apps/api/project-api/v1/projects/?limit=2`,
            results: [{ pub_key: "pk1", name: "Project 1" }],
        }));
        const client = createProjectApiClient({ token: TOKEN, baseUrl: base });
        const seen: string[] = [];
        const error = await failure(
            (async () => {
                for await (const p of listProjects(client)) seen.push(p.pub_key);
            })(),
        );
        expect(seen).toEqual(["pk1"]);
        expect(error).toBeInstanceOf(UploadcareBadResponseError);
        expect(error.message).toContain(
            `leaves ${base} for ${other.replace("127.0.0.1", "localhost")}/apps/api/project-api/v1/projects/`,
        );
        expect(error.message).toContain("uploadcare:projectApiBaseUrl");
        expect(error.message).not.toContain(TOKEN);
        expect(hits).toEqual([]);
    });

    it("a link back to a page already read stops the listing", async () => {
        const base = await pageServer((own) => ({
            next: `${own}/projects/?limit=100`,
            results: [{ pub_key: "pk1", name: "P" }],
        }));
        const error = await failure(all(listProjects(createProjectApiClient({ token: TOKEN, baseUrl: base }))));
        expect(error.message).toContain('its "next" link repeats a page read');
    });
});

describe("transport: retries, throttling, redaction", () => {
    it("retries a 5xx GET with the injected sleep, and a 429 after its Retry-After", async () => {
        const waits: number[] = [];
        const deps: ClientDeps = {
            sleep: async (ms) => void waits.push(ms),
            random: () => 0.5,
            retry: { baseDelayMs: 100 },
        };
        const { emulator, client } = await setup(
            {
                faults: [
                    { method: "GET", path: "/projects/", action: "status", status: 503, times: 2 },
                    { method: "POST", path: "/projects/", action: "status", status: 429, retryAfter: 7 },
                ],
            },
            deps,
        );
        expect((await all(listProjects(client))).length).toBe(1);
        expect(waits).toEqual([50, 100]);
        await createProject(client, { name: "after a 429" });
        expect(waits).toEqual([50, 100, 7000]);
        expect(emulator.requests.filter((r) => r.method === "POST").map((r) => r.status)).toEqual([429, 201]);
    });

    it("a POST create is not re-sent after a 5xx (it may have been applied)", async () => {
        const { emulator, client } = await setup({
            faults: [{ method: "POST", path: "/projects/", action: "status", status: 502 }],
        });
        const error = await failure(createProject(client, { name: "once" }));
        expect(error).toBeInstanceOf(UploadcareApiError);
        expect(emulator.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    });

    it("a wrong token is UPLOADCARE_AUTH naming the setting, and the token shows nowhere in the error", async () => {
        const { client } = await setup({}, {}, "wrong-token-123456");
        const error = await failure(getProjectByKey(client, "abc"));
        expect(error).toBeInstanceOf(UploadcareAuthError);
        expect(error).toMatchObject({ code: "UPLOADCARE_AUTH", status: 401, errorCode: "invalid_token" });
        expect(error.message).toContain("uploadcare:projectApiToken");
        expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(
            "wrong-token-123456",
        );
    });

    it("a server that echoes the token back has it redacted", async () => {
        const server = createServer((req, res) => {
            res.writeHead(403, { "Content-Type": "application/json" });
            res.end(JSON.stringify({ message: `token ${req.headers.authorization} may not`, code: "forbidden" }));
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        servers.push(server);
        const client = createProjectApiClient({
            token: TOKEN,
            baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        });
        const error = await failure(getProjectByKey(client, "abc"));
        expect(error).toMatchObject({ code: "UPLOADCARE_AUTH", status: 403, errorCode: "forbidden" });
        expect(error.message).toContain("Bearer [REDACTED] may not");
        expect(error.message).not.toContain(TOKEN);
    });

    it("refuses a base URL that would send the token in clear over the network", () => {
        expect(() => createProjectApiClient({ token: TOKEN, baseUrl: "http://example.com/" })).toThrow(
            /projectApiBaseUrl uses plain http/,
        );
    });
});

describe("signed uploads through the client", () => {
    it.each<[SignUploads, string]>([
        [true, "a token"],
        ["jwt", "a token"],
        ["legacy", "the signature fields"],
    ])("signUploads %s uploads and groups with %s to a project that requires them", async (signUploads) => {
        const { emulator, client: account } = await setup({ recordSignatures: true });
        const project = await createProject(account, {
            name: "signed",
            features: { uploads: { is_signed_upload_enabled: true } },
        });
        const key = await createProjectSecret(account, project.pub_key);
        const config = {
            publicKey: project.pub_key,
            secretKey: key.secret,
            apiBaseUrl: emulator.url,
            uploadBaseUrl: emulator.url,
        };
        const client = createClient({ ...config, signUploads });
        const uuid = await uploadDirect(client, { bytes: Buffer.from("signed") }, { filename: "a.txt", store: "1" });
        const group = await createGroup(client, [uuid]);
        expect(group.files_count).toBe(1);
        const unsigned = await failure(
            uploadDirect(createClient(config), { bytes: Buffer.from("x") }, { filename: "b", store: "1" }),
        );
        expect(unsigned.message).toContain("`signature` is required.");
        const sent = emulator.signatures().filter((s) => s !== TOKEN);
        expect(
            sent.every((s) => (signUploads === "legacy" ? /^[0-9a-f]{64}$/ : /^ey[\w-]+\.ey[\w-]+\.[\w-]+$/).test(s)),
        ).toBe(true);
        expect(sent.length).toBeGreaterThanOrEqual(2);
    });
});
