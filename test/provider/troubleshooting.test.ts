import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { type AddressInfo, createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Agent, type Dispatcher, EnvHttpProxyAgent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGroupProvider, type GroupProvider, type GroupProviderDeps } from "../../src/provider/group/provider";
import { folderManifest, syncKeyFor } from "../../src/provider/syncedFolder/manifest";
import { createSyncedFolderProvider, type SyncedFolderProvider } from "../../src/provider/syncedFolder/provider";
import { failure } from "../support/failure";
import { REPO_ROOT } from "../support/installedPackage";
import { emulatorConfig, type Harness, stackConfig, startHarness } from "../support/providerHarness";

// The README's troubleshooting table, row for row: every bad input or wrong setup a user can run into, the message
// they see, its cause and the fix. `shown` is the part of the message the README quotes; each test checks that the
// real message contains it, names the field or setting, and, when the problem is detectable locally, that not a
// single request left the process (counted at the HTTP dispatcher, for any host).

const SECRET = "sk-troubleshooting-4f1c9a7e0b2d";
const OTHER_PUBLIC = "otherpublickey";
const FILE = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5";
const GROUP_ID = `${FILE}~2`;

/** An Agent that counts every request it is asked to send, whatever the host. */
class CountingAgent extends Agent {
    sent = 0;
    override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
        this.sent++;
        return super.dispatch(options, handler);
    }
}

interface Ctx {
    h: Harness;
    /** Files of the default project: two stored, two unstored. */
    files: string[];
    /** A file of another project on the same emulator. */
    otherFile: string;
    /** A loopback port where nothing listens, and one that accepts connections and never answers. */
    closedPort: number;
    silentPort: number;
    /** A provider with these stack settings (default: the emulator's, with SECRET as secret key). */
    provider(settings?: Record<string, string | undefined>, deps?: GroupProviderDeps): Promise<GroupProvider>;
    /** A SyncedFolder provider with the default settings, counted like `provider()`'s. */
    syncedFolderProvider(): Promise<SyncedFolderProvider>;
    /** A temp folder with these files, and the inputs `SyncedFolder` would give the provider for it. */
    folder(files: Record<string, string>): Promise<Record<string, unknown>>;
    /** Requests sent by providers made with `provider()` since the row started. */
    sent(): number;
}

interface Row {
    /** What the user did or sees (README column 1). */
    symptom: string;
    /** The part of the message the README quotes; the real message must contain it. */
    shown: string;
    cause: string;
    fix: string;
    /** Detectable without Uploadcare: then no request at all may be sent. */
    local: boolean;
    /** Produces the message the user sees (a check failure as "property: reason", or an error message). */
    run(ctx: Ctx): Promise<string>;
    /** Further checks on the full message. */
    also?: (message: string, ctx: Ctx) => void;
}

async function failureOf(promise: Promise<unknown>): Promise<string> {
    return (await failure(promise)).message;
}

/** What `pulumi preview`/`up` reports for inputs `check` refuses; `create` must refuse them too, sending nothing. */
async function checkFailure(ctx: Ctx, news: Record<string, unknown>): Promise<string> {
    const provider = await ctx.provider();
    const { failures } = await provider.check({}, news);
    expect(failures?.length ?? 0).toBeGreaterThan(0);
    await failureOf(provider.create(news));
    return (failures ?? []).map((f) => `${f.property}: ${f.reason}`).join("\n");
}

const TROUBLESHOOTING: Row[] = [
    {
        symptom: "`files` is an empty list",
        shown: "files: is empty: a group needs 1 to 1000 files",
        cause: "Uploadcare groups hold 1 to 1000 files",
        fix: "List at least one file UUID, or drop the Group",
        local: true,
        run: (ctx) => checkFailure(ctx, { files: [] }),
    },
    {
        symptom: "`files` is missing",
        shown: "files: is required: list 1 to 1000 file UUIDs",
        cause: "The `files` input was not given (or is null)",
        fix: "Pass `files: [...]` to create a group, or `groupId` to adopt one",
        local: true,
        run: (ctx) => checkFailure(ctx, { storeFiles: true }),
    },
    {
        symptom: "`files` is not a list",
        shown: 'files: must be a list of file UUIDs, got the string "',
        cause: "A single string (or another type) was passed where a list is expected",
        fix: "Wrap it in a list: `files: [uuid]`",
        local: true,
        run: (ctx) => checkFailure(ctx, { files: FILE }),
    },
    {
        symptom: "An entry of `files` is not a string",
        shown: "files[1]: must be a string (a file UUID), got number 42",
        cause: "Wrong type in the list (numbers, objects, nested lists)",
        fix: "Give every entry as a string UUID",
        local: true,
        run: (ctx) => checkFailure(ctx, { files: [FILE, 42] }),
    },
    {
        symptom: "Malformed file UUID",
        shown: 'files[0]: "3d1b8ac2-6b19-4e6c-8f3a" does not start with a file UUID (8-4-4-4-12 hex digits',
        cause: "A truncated or mistyped UUID, a file name, or a URL that is not a CDN URL",
        fix: "Copy the UUID from the dashboard or the upload response (e.g. 3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5)",
        local: true,
        run: (ctx) => checkFailure(ctx, { files: ["3d1b8ac2-6b19-4e6c-8f3a"] }),
    },
    {
        symptom: "Upper-case or `{braced}` UUIDs (preview shows them in lower case)",
        shown: "(no error: normalised)",
        cause: "Uploadcare UUIDs are lower case; other spellings are accepted and normalised in `check`",
        fix: "Nothing to fix; write them in lower case to keep the program and the state identical",
        local: true,
        run: async (ctx) => {
            const provider = await ctx.provider();
            const upper = ctx.files[0]?.toUpperCase() ?? "";
            const result = await provider.check({}, { files: [upper, `{${ctx.files[1]}}`] });
            expect(result.failures).toBeUndefined();
            expect(result.inputs?.files).toEqual([ctx.files[0], ctx.files[1]]);
            return "(no error: normalised)";
        },
    },
    {
        symptom: "A group id in `files`",
        shown: "a group id (ending in ~N) is not a file",
        cause: "`<uuid>~<count>` is a group, not a file",
        fix: "List the group's file UUIDs, or give `groupId` (instead of `files`) to adopt that group",
        local: true,
        run: (ctx) => checkFailure(ctx, { files: [GROUP_ID] }),
    },
    {
        symptom: "More than 1000 files",
        shown: "files: has 1001 entries; Uploadcare groups hold at most 1000 files: split them into several groups",
        cause: "Uploadcare's limit per group",
        fix: "Split the list into several Groups",
        local: true,
        run: (ctx) => checkFailure(ctx, { files: Array.from({ length: 1001 }, () => FILE) }),
    },
    {
        symptom: "CDN operations without `-/`",
        shown: 'CDN operations must follow the UUID as "/-/<operation>/<arguments>/", e.g. "/-/resize/800x/"',
        cause: "Operations were written as `<uuid>/resize/800x/`",
        fix: "Write `<uuid>/-/resize/800x/`",
        local: true,
        run: (ctx) => checkFailure(ctx, { files: [`${FILE}/resize/800x/`] }),
    },
    {
        symptom: "A CDN operation without a name",
        shown: '"-/" must be followed by an operation name such as resize or format, got "800x"',
        cause: "`-/` followed by arguments, or a doubled `-/-/`",
        fix: "Write each operation as `-/<name>/<arguments>/`",
        local: true,
        run: (ctx) => checkFailure(ctx, { files: [`${FILE}/-/800x/`] }),
    },
    {
        symptom: "A CDN URL with a query string",
        shown: "has a query or fragment; give the CDN path only",
        cause: "`?…` or `#…` is not part of a file reference",
        fix: "Drop the query; put operations in the path",
        local: true,
        run: (ctx) => checkFailure(ctx, { files: [`https://ucarecdn.com/${FILE}/?v=2`] }),
    },
    {
        symptom: "`storeFiles` is not a boolean",
        shown: 'storeFiles: must be true or false, got the string "yes"',
        cause: "Wrong type",
        fix: "Use `true` or `false`",
        local: true,
        run: (ctx) => checkFailure(ctx, { files: [FILE], storeFiles: "yes" }),
    },
    {
        symptom: "A misspelt input",
        shown: 'fiels: unknown input "fiels"; a Group takes "files" or "groupId", and "storeFiles"',
        cause: "Typo in an input name",
        fix: "Use `files`, `groupId` or `storeFiles`",
        local: true,
        run: (ctx) => checkFailure(ctx, { fiels: [FILE], files: [FILE] }),
    },
    {
        symptom: "`groupId` is not a group id",
        shown: "groupId: must be an Uploadcare group id such as 3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~3",
        cause: "A file UUID, a CDN URL or a mistyped id was given",
        fix: "Give the group id, `<uuid>~<file count>`, as the dashboard or `getGroups()` shows it",
        local: true,
        run: (ctx) => checkFailure(ctx, { groupId: FILE }),
        also: (message) => expect(message).toContain("this is a bare UUID"),
    },
    {
        symptom: "Both `files` and `groupId`",
        shown: "groupId: cannot be given with files: use files to create a new group, or groupId to adopt an existing one",
        cause: "A Group either creates a group from files or adopts one by id",
        fix: "Drop `files` to adopt (its files come from Uploadcare), or drop `groupId` to create",
        local: true,
        run: (ctx) => checkFailure(ctx, { files: [FILE, FILE], groupId: GROUP_ID }),
    },
    {
        symptom: "The old `adopt` input",
        shown: 'adopt: unknown input "adopt"; to take over an existing group give groupId',
        cause: "`adopt` (with `files`) was replaced by `groupId` before the first release",
        fix: 'Write `groupId: "<uuid>~<n>"` and drop `files`',
        local: true,
        run: (ctx) => checkFailure(ctx, { files: [FILE], adopt: GROUP_ID }),
    },
    {
        symptom: "`groupId` names a group the project does not have",
        shown: 'has no such group. It was deleted, belongs to another project (check the keys), or its "~N" file count is wrong',
        cause: "Deleted group, another project's group, or a wrong `~N`",
        fix: "Check the id and the project's keys; `getGroups()` lists the project's groups",
        local: false,
        run: async (ctx) => {
            const provider = await ctx.provider();
            return failureOf(provider.create({ groupId: GROUP_ID }));
        },
        also: (message, ctx) =>
            expect(message).toContain(
                `Cannot adopt group ${GROUP_ID}: project ${ctx.h.emulator.publicKey} has no such group`,
            ),
    },
    {
        symptom: "A file UUID Uploadcare does not know",
        shown: "failed with HTTP 400: Some files not found. (GroupFilesNotFoundError)",
        cause: "The file was never uploaded, or was deleted",
        fix: "Upload the file first, or remove it from `files`",
        local: false,
        run: async (ctx) => {
            const provider = await ctx.provider();
            return failureOf(provider.create({ files: [ctx.files[0], "00000000-0000-4000-8000-000000000000"] }));
        },
        also: (message, ctx) => {
            expect(message).toMatch(/^Uploadcare POST http:\/\/127\.0\.0\.1:\d+\/group\/\?jsonerrors=1 failed/);
            // Which member: only the unknown one is named.
            expect(message).toContain(
                `Project ${ctx.h.emulator.publicKey} has no file 00000000-0000-4000-8000-000000000000: never uploaded`,
            );
            expect(message).not.toContain(ctx.files[0]);
            expect(ctx.h.newGroups()).toEqual([]);
        },
    },
    {
        symptom: "A file of another Uploadcare project",
        shown: "failed with HTTP 400: Some files not found. (GroupFilesNotFoundError)",
        cause: "Groups can only hold files of the project whose keys are configured",
        fix: "Use the keys of the project that owns the files, or copy the files into this project",
        local: false,
        run: async (ctx) => {
            const provider = await ctx.provider();
            return failureOf(provider.create({ files: [ctx.files[0], ctx.otherFile] }));
        },
        also: (message, ctx) => {
            expect(message).toContain(`has no file ${ctx.otherFile}: never uploaded, deleted, or another project's`);
            expect(ctx.h.newGroups()).toEqual([]);
        },
    },
    {
        symptom: "No public key configured",
        shown: "Uploadcare project public key is not set, and creating a group needs it. Run `pulumi config set uploadcare:publicKey <value>` or set the UPLOADCARE_PUBLIC_KEY environment variable.",
        cause: "Neither `uploadcare:publicKey` nor `UPLOADCARE_PUBLIC_KEY` is set",
        fix: "`pulumi config set uploadcare:publicKey <key>` (or the environment variable)",
        local: true,
        run: async (ctx) => {
            const provider = await ctx.provider({ "uploadcare:publicKey": undefined });
            return failureOf(provider.create({ files: [FILE] }));
        },
    },
    {
        symptom: "No secret key configured",
        shown: "Uploadcare project secret key is not set, and deleting a group needs it. Run `pulumi config set --secret uploadcare:secretKey <value>` or set the UPLOADCARE_SECRET_KEY environment variable.",
        cause: "Neither `uploadcare:secretKey` nor `UPLOADCARE_SECRET_KEY` is set (every REST call needs it)",
        fix: "`pulumi config set --secret uploadcare:secretKey <key>` (or the environment variable)",
        local: true,
        run: async (ctx) => {
            const provider = await ctx.provider({ "uploadcare:secretKey": undefined });
            return failureOf(provider.delete(GROUP_ID, {}));
        },
    },
    {
        symptom: "Wrong public key",
        shown: "failed with HTTP 401: Public key nosuchpublickey not found.",
        cause: "The public key is mistyped or belongs to a deleted project",
        fix: "Copy the public key from the dashboard's API keys page",
        local: false,
        run: async (ctx) => {
            const provider = await ctx.provider({ "uploadcare:publicKey": "nosuchpublickey" });
            return failureOf(provider.delete(GROUP_ID, {}));
        },
    },
    {
        symptom: "Wrong secret key",
        shown: "failed with HTTP 401: Invalid signature. Please check your Secret key.",
        cause: "The secret key does not belong to the public key's project",
        fix: "Set the matching secret key with `pulumi config set --secret uploadcare:secretKey`",
        local: false,
        run: async (ctx) => {
            const provider = await ctx.provider({ "uploadcare:secretKey": `${SECRET}-wrong` });
            return failureOf(provider.delete(GROUP_ID, {}));
        },
        also: (message) => {
            expect(message).not.toContain(SECRET);
            expect(message).not.toMatch(/[0-9a-f]{40}/);
        },
    },
    {
        symptom: "`pulumi up` with a wrong secret key",
        shown: "Fix uploadcare:secretKey (UPLOADCARE_SECRET_KEY); nothing was created or changed.",
        cause: "The keys are checked with one signed `GET /project/` before the first write of a run",
        fix: "Set the matching secret key; nothing was created, so just run `pulumi up` again",
        local: false,
        run: async (ctx) => {
            const provider = await ctx.provider({ "uploadcare:secretKey": `${SECRET}-wrong` });
            return failureOf(provider.create({ files: [ctx.files[2]], storeFiles: true }));
        },
        also: (_message, ctx) => expect(ctx.h.calls()).not.toContain("POST /group/"),
    },
    {
        symptom: "`refresh` or `destroy` after changing `apiBaseUrl` or the keys",
        shown: "is not proven to be that project's REST API",
        cause: "Uploadcare answered 404, but `GET /project/` did not prove the endpoint is the group's project (a path on the URL, a proxy, another project's keys)",
        fix: "Nothing was removed from the state: fix `uploadcare:apiBaseUrl` (no path) or the keys, and run the command again",
        local: false,
        run: async (ctx) => {
            const good = await ctx.provider();
            const { id, outs } = await good.create({ files: [ctx.files[0]], storeFiles: false });
            const wrong = await ctx.provider({ "uploadcare:apiBaseUrl": `${ctx.h.emulator.url}/v0.7` });
            const message = await failureOf(wrong.read(id, outs));
            expect(await failureOf(wrong.delete(id, outs))).toContain("Nothing was removed from the state");
            await good.delete(id, outs);
            return message;
        },
    },
    {
        symptom: "An HTML page, a proxy or a captive portal answers instead of Uploadcare",
        shown: "This is not an answer of Uploadcare's API",
        cause: "The base URL or a proxy returns something that is not the documented JSON (code `UPLOADCARE_BAD_RESPONSE`)",
        fix: "Check `uploadcare:apiBaseUrl`/`uploadBaseUrl` and `HTTPS_PROXY`; the message shows the start of the body",
        local: false,
        run: async (ctx) => {
            const portal = createHttpServer((_req, res) => {
                res.writeHead(200, { "content-type": "text/html" });
                res.end("<html>Sign in to the network</html>");
            });
            await new Promise<void>((resolve) => portal.listen(0, "127.0.0.1", resolve));
            try {
                const url = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
                const provider = await ctx.provider({ "uploadcare:apiBaseUrl": url });
                return await failureOf(provider.read(GROUP_ID, { files: [FILE], project: ctx.h.emulator.publicKey }));
            } finally {
                portal.close();
            }
        },
        also: (message) => expect(message).toContain("Sign in to the network"),
    },
    {
        symptom: "A CDN URL on another host",
        shown: "is not on an Uploadcare CDN host (ucarecdn.com or <prefix>.ucarecd.net); give the file UUID instead",
        cause: "Only Uploadcare CDN URLs carry a file UUID the provider can trust",
        fix: "Give the UUID, or the file's `ucarecdn.com`/`ucarecd.net` URL",
        local: true,
        run: (ctx) => checkFailure(ctx, { files: [`https://cdn.example.com/${FILE}/`] }),
    },
    {
        symptom: "`..`, `&`, `[ ]` or percent-encoded characters in CDN operations",
        shown: 'CDN operations must not contain ".."',
        cause: "CDN operation arguments are letters, digits and a little punctuation; anything else could rewrite the path",
        fix: "Write the operations as the CDN documents them, e.g. `/-/resize/800x/`",
        local: true,
        run: (ctx) => checkFailure(ctx, { files: [`${FILE}/-/resize/../../`] }),
    },
    {
        symptom: "The local clock is more than 15 minutes off",
        shown: "failed with HTTP 401: Incorrect authentication credentials. Your clock is 20 minutes ahead of the server's Date header (signed requests allow 15); fix the system time (e.g. enable NTP)",
        cause: "Signed REST requests carry the local time; Uploadcare refuses dates more than 15 minutes off its own",
        fix: "Fix the system time (enable NTP); the message says how far off it is, compared with the server's `Date`",
        local: false,
        run: async (ctx) => {
            const provider = await ctx.provider({}, { now: () => new Date(Date.now() + 20 * 60_000) });
            return failureOf(provider.delete(GROUP_ID, {}));
        },
    },
    {
        symptom: "Plain http:// to a host that is not loopback",
        shown: "apiBaseUrl uses plain http to api.example.com, which would expose requests to the network. Use https://, or http:// only for a loopback emulator (127.0.0.1, localhost).",
        cause: "`uploadcare:apiBaseUrl` / `UPLOADCARE_API_BASE_URL` (or the upload URL) starts with http://",
        fix: "Use https://; plain http is only for the local emulator",
        local: true,
        run: async (ctx) => {
            const provider = await ctx.provider({ "uploadcare:apiBaseUrl": "http://api.example.com" });
            return failureOf(provider.delete(GROUP_ID, {}));
        },
    },
    {
        symptom: "A base URL that is not a URL",
        shown: 'uploadBaseUrl is not a valid URL: "upload.uploadcare.com". Use e.g. https://upload.uploadcare.com.',
        cause: "The scheme is missing or the value is mistyped",
        fix: "Give a full URL such as https://upload.uploadcare.com",
        local: true,
        run: async (ctx) => {
            const provider = await ctx.provider({ "uploadcare:uploadBaseUrl": "upload.uploadcare.com" });
            return failureOf(provider.create({ files: [FILE] }));
        },
    },
    {
        symptom: "A malformed provider setting",
        shown: "uploadcare:maxConcurrency / UPLOADCARE_MAX_CONCURRENCY must be a whole number",
        cause: "A setting has a value of the wrong kind",
        fix: "Set a whole number from 1 to 64 (or remove the setting)",
        local: true,
        run: async (ctx) => {
            const provider = await ctx.provider({ "uploadcare:maxConcurrency": "lots" });
            return failureOf(provider.delete(GROUP_ID, {}));
        },
    },
    {
        symptom: "`signUploads` without a secret key",
        shown: "signUploads needs the secret key: set uploadcare:secretKey or UPLOADCARE_SECRET_KEY.",
        cause: "Signed uploads are computed from the secret key",
        fix: "Set the secret key, or turn `uploadcare:signUploads` off",
        local: true,
        run: async (ctx) => {
            const provider = await ctx.provider({
                "uploadcare:secretKey": undefined,
                "uploadcare:signUploads": "true",
            });
            return failureOf(provider.create({ files: [FILE], storeFiles: false }));
        },
    },
    {
        symptom: "The project requires signed uploads",
        shown: "failed with HTTP 400: `signature` is required. (SignatureRequiredError)",
        cause: "Signed uploads are enabled in the project's settings",
        fix: "`pulumi config set uploadcare:signUploads true` (needs the secret key)",
        local: false,
        run: async () => {
            const signed = await startHarness({ emulator: { signedUploads: true, seedFiles: 1 } });
            try {
                const provider = createGroupProvider({ env: {}, sleep: async () => {} });
                await provider.configure({ config: emulatorConfig(signed.emulator) });
                return await failureOf(provider.create({ files: signed.emulator.seededFiles, storeFiles: false }));
            } finally {
                await signed.close();
            }
        },
    },
    {
        symptom: "Nothing listens at the endpoint",
        shown: "failed: connect ECONNREFUSED 127.0.0.1:",
        cause: "Wrong host or port, the service (or emulator) is down, or a firewall rejects the connection",
        fix: "Check `uploadcare:apiBaseUrl` / `uploadcare:uploadBaseUrl`, and that the endpoint is up",
        local: false,
        run: async (ctx) => {
            const url = `http://127.0.0.1:${ctx.closedPort}`;
            const provider = await ctx.provider({ "uploadcare:apiBaseUrl": url });
            return failureOf(provider.delete(GROUP_ID, {}));
        },
        also: (message, ctx) =>
            expect(message).toContain(`Uploadcare DELETE http://127.0.0.1:${ctx.closedPort}/groups/${GROUP_ID}/`),
    },
    {
        symptom: "The endpoint does not answer (timeout)",
        shown: "failed: Headers Timeout Error (UND_ERR_HEADERS_TIMEOUT)",
        cause: "The endpoint accepts connections but never answers (overloaded service, a proxy or firewall eating traffic)",
        fix: "Check the URL and the network path to it; the request was retried 4 times before this",
        local: false,
        run: async (ctx) => {
            const url = `http://127.0.0.1:${ctx.silentPort}`;
            const provider = await ctx.provider({ "uploadcare:apiBaseUrl": url }, { timeouts: { headersMs: 150 } });
            return failureOf(provider.delete(GROUP_ID, {}));
        },
        also: (message, ctx) =>
            expect(message).toContain(`Uploadcare DELETE http://127.0.0.1:${ctx.silentPort}/groups/${GROUP_ID}/`),
    },
    {
        symptom: "The proxy in use cannot be reached",
        shown: "Uploadcare DELETE https://api.uploadcare.invalid/groups/3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~2/ via proxy http://127.0.0.1:",
        cause: "`HTTPS_PROXY` / `HTTP_PROXY` point at a proxy that is down or wrong",
        fix: "Fix the proxy variables, or add the Uploadcare hosts to `NO_PROXY`",
        local: false,
        run: async (ctx) => {
            const proxy = `http://127.0.0.1:${ctx.closedPort}`;
            const saved = process.env.HTTPS_PROXY;
            process.env.HTTPS_PROXY = proxy;
            const dispatcher = new EnvHttpProxyAgent({ httpsProxy: proxy, httpProxy: proxy, noProxy: "" });
            try {
                const provider = await ctx.provider(
                    { "uploadcare:apiBaseUrl": "https://api.uploadcare.invalid" },
                    { dispatcher },
                );
                return await failureOf(provider.delete(GROUP_ID, {}));
            } finally {
                if (saved === undefined) delete process.env.HTTPS_PROXY;
                else process.env.HTTPS_PROXY = saved;
                await dispatcher.close();
            }
        },
        also: (message, ctx) => expect(message).toContain(`via proxy http://127.0.0.1:${ctx.closedPort} failed`),
    },
    {
        symptom: "Throttled for longer than the retry budget",
        shown: "failed with HTTP 429: Request was throttled. (RequestThrottledError). Still throttled after 5 retries; run the command again later",
        cause: "Uploadcare kept answering 429 through 5 retries, each after its Retry-After",
        fix: "Run the command again later (nothing was created), or lower `uploadcare:maxConcurrency`",
        local: false,
        run: async (ctx) => {
            ctx.h.emulator.injectFaults([
                { method: "POST", path: "/group/", action: "status", status: 429, retryAfter: 1, times: Infinity },
            ]);
            const provider = await ctx.provider();
            return failureOf(provider.create({ files: [ctx.files[0]] }));
        },
        also: (_message, ctx) => expect(ctx.h.newGroups()).toEqual([]),
    },
    {
        symptom: "A request runs for minutes, then fails (a very slow link, or a server that trickles its answer)",
        shown: "ms, the per-request deadline. If the link is slow rather than the server stuck, raise uploadcare:requestTimeoutMs (or UPLOADCARE_REQUEST_TIMEOUT_MS)",
        cause: "The request did not finish within `uploadcare:requestTimeoutMs` (default 10 minutes); code `UPLOADCARE_TIMEOUT`, not retried",
        fix: "On a slow link, raise `uploadcare:requestTimeoutMs`; otherwise check the endpoint and any proxy on the way",
        local: false,
        run: async (ctx) => {
            const url = `http://127.0.0.1:${ctx.silentPort}`;
            const provider = await ctx.provider({ "uploadcare:apiBaseUrl": url }, { timeouts: { requestMs: 150 } });
            return failureOf(provider.delete(GROUP_ID, {}));
        },
        also: (message, ctx) => {
            expect(message).toContain(`Uploadcare DELETE http://127.0.0.1:${ctx.silentPort}/groups/${GROUP_ID}/`);
            expect(ctx.sent()).toBe(1);
        },
    },
    {
        symptom: "An upload fails with HTTP 404",
        shown: "which has no Upload API /group/ route: use https://upload.uploadcare.com (no path) or the emulator's URL",
        cause: "`uploadcare:uploadBaseUrl` has a path, or points at another service (every Upload API POST route exists)",
        fix: "Set `uploadcare:uploadBaseUrl` to https://upload.uploadcare.com (no path) or the emulator's URL",
        local: false,
        run: async (ctx) => {
            const provider = await ctx.provider({ "uploadcare:uploadBaseUrl": `${ctx.h.emulator.url}/v1` });
            return failureOf(provider.create({ files: [ctx.files[0]] }));
        },
        also: (message, ctx) => {
            expect(message).toContain(
                `uploadcare:uploadBaseUrl (or UPLOADCARE_UPLOAD_BASE_URL) is ${ctx.h.emulator.url}/v1,`,
            );
            expect(ctx.h.newGroups()).toEqual([]);
        },
    },
    {
        symptom: "A `SyncedFolder` up fails naming a file of the folder",
        shown: "changed after the program hashed it; run the program again so the manifest matches the folder",
        cause: "Something wrote into the folder during `pulumi up` (a build or watcher still running), so its bytes no longer match the hash the preview showed",
        fix: "Finish writing the folder before `pulumi up`, then run it again: what the failed run uploaded is adopted, not sent twice",
        local: false,
        run: async (ctx) => {
            const inputs = await ctx.folder({ "index.html": "<p>v1</p>" });
            writeFileSync(path.join(inputs.path as string, "index.html"), "<p>v2, written during up</p>");
            return failureOf((await ctx.syncedFolderProvider()).create(inputs));
        },
        also: (message) => expect(message).toContain("path index.html"),
    },
    {
        symptom: "`group: true` on a `SyncedFolder` of more than 1,000 files",
        shown: "group: can hold at most 1000 files and the folder has 1001: set group: false or narrow include",
        cause: "An Uploadcare group holds at most 1,000 files",
        fix: "Set `group: false`, or narrow `include` to the files the group needs",
        local: true,
        run: async (ctx) => {
            const files = Object.fromEntries(
                Array.from({ length: 1001 }, (_, i) => [`img/${i}.svg`, `<svg>${i}</svg>`]),
            );
            const inputs = await ctx.folder(files);
            const { failures } = await (await ctx.syncedFolderProvider()).check({}, { ...inputs, group: true });
            return (failures ?? []).map((f) => `${f.property}: ${f.reason}`).join("; ");
        },
    },
];

describe("troubleshooting: every README row is rejected with a message naming the field and the fix", () => {
    let h: Harness;
    let files: string[];
    let otherFile: string;
    let closed: Server;
    let silent: Server;
    let closedPort: number;
    let silentPort: number;
    const held: import("node:net").Socket[] = [];

    beforeAll(async () => {
        h = await startHarness({
            emulator: {
                secretKey: SECRET,
                extraProjects: [{ publicKey: OTHER_PUBLIC, secretKey: "othersecretkey", seedFiles: 1 }],
            },
        });
        files = [...h.emulator.createFiles(2, { stored: true }), ...h.emulator.createFiles(2, { stored: false })];
        otherFile = h.emulator.files(OTHER_PUBLIC)[0]?.uuid ?? "";
        // A port that was free a moment ago: nothing listens there.
        closed = createServer();
        await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
        closedPort = (closed.address() as { port: number }).port;
        await new Promise<void>((resolve) => closed.close(() => resolve()));
        silent = createServer((socket) => held.push(socket));
        await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
        silentPort = (silent.address() as { port: number }).port;
    });

    afterAll(async () => {
        // `TROUBLESHOOTING_TABLE=1 npx vitest run --project provider test/provider/troubleshooting.test.ts` prints
        // the README table from the rows themselves, so the two cannot drift apart.
        if (process.env.TROUBLESHOOTING_TABLE) console.log(markdownTable());
        for (const socket of held) socket.destroy();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
        await h.close();
    });

    it("has at least 20 rows, each with a symptom, a message, a cause and a fix", () => {
        expect(TROUBLESHOOTING.length).toBeGreaterThanOrEqual(20);
        for (const row of TROUBLESHOOTING) {
            for (const text of [row.symptom, row.shown, row.cause, row.fix]) expect(text.trim()).not.toBe("");
        }
    });

    for (const row of TROUBLESHOOTING) {
        it(row.symptom, async () => {
            h.reset();
            const agents: CountingAgent[] = [];
            const ctx: Ctx = {
                h,
                files,
                otherFile,
                closedPort,
                silentPort,
                async provider(settings = {}, deps = {}) {
                    const agent = new CountingAgent();
                    agents.push(agent);
                    const values: Record<string, string> = {
                        "uploadcare:publicKey": h.emulator.publicKey,
                        "uploadcare:secretKey": SECRET,
                        "uploadcare:apiBaseUrl": h.emulator.url,
                        "uploadcare:uploadBaseUrl": h.emulator.url,
                    };
                    for (const [key, value] of Object.entries(settings)) {
                        if (value === undefined) delete values[key];
                        else values[key] = value;
                    }
                    const provider = createGroupProvider({
                        env: {},
                        dispatcher: agent,
                        sleep: async () => {},
                        readAfterCreateWindowMs: 0,
                        ...deps,
                    });
                    await provider.configure({ config: stackConfig(values) });
                    return provider;
                },
                async syncedFolderProvider() {
                    const agent = new CountingAgent();
                    agents.push(agent);
                    const provider = createSyncedFolderProvider({ env: {}, dispatcher: agent, sleep: async () => {} });
                    const config = emulatorConfig(h.emulator, { "uploadcare:secretKey": SECRET });
                    await provider.configure({ config });
                    return provider;
                },
                async folder(contents) {
                    const root = mkdtempSync(path.join(tmpdir(), "troubleshooting-folder-"));
                    for (const [rel, text] of Object.entries(contents)) {
                        mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
                        writeFileSync(path.join(root, rel), text);
                    }
                    const { path: absolute, manifest } = await folderManifest(root);
                    return {
                        path: absolute,
                        manifest,
                        syncKey: syncKeyFor("troubleshooting", "dev", path.basename(root)),
                    };
                },
                sent: () => agents.reduce((sum, a) => sum + a.sent, 0),
            };
            try {
                const message = await row.run(ctx);
                expect(message).toContain(row.shown);
                row.also?.(message, ctx);
                // The secret key of the configured project never shows, whatever went wrong.
                expect(message).not.toContain(SECRET);
                if (row.local) {
                    expect(ctx.sent()).toBe(0);
                    expect(h.calls()).toEqual([]);
                }
            } finally {
                await Promise.all(agents.map((a) => a.close()));
            }
        });
    }
});

// docs/troubleshooting.md holds the table these rows generate, between its two markers, so the two cannot drift apart.
describe("docs/troubleshooting.md", () => {
    it("holds exactly the table generated from these rows", () => {
        const doc = readFileSync(path.join(REPO_ROOT, "docs", "troubleshooting.md"), "utf8");
        const table = /<!-- troubleshooting table:[^\n]*-->\n([\s\S]*?)\n<!-- end of troubleshooting table -->/.exec(
            doc,
        );
        expect(table, "docs/troubleshooting.md lost its table markers").not.toBeNull();
        expect(
            table?.[1],
            "docs/troubleshooting.md is out of date: paste the table that " +
                "`TROUBLESHOOTING_TABLE=1 npx vitest run --project provider test/provider/troubleshooting.test.ts` prints",
        ).toBe(markdownTable());
    });
});

function markdownTable(): string {
    const cell = (text: string) => text.replace(/\|/g, "\\|");
    // A code span that holds backticks needs double backticks around it (CommonMark).
    const quote = (text: string) =>
        text.startsWith("(") ? text : text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``;
    const lines = [
        "| Symptom | Message you see (contains) | Cause | Fix |",
        "| --- | --- | --- | --- |",
        ...TROUBLESHOOTING.map(
            (r) => `| ${cell(r.symptom)} | ${cell(quote(r.shown))} | ${cell(r.cause)} | ${cell(r.fix)} |`,
        ),
    ];
    return lines.join("\n");
}

// Not README rows: regressions for the two recovery fixes the fault suite (test/engine/faults.test.ts) exposed.
describe("ambiguous POST /group/ recovery under faults", () => {
    it("a group created by a POST whose answer was lost, still hidden by read lag, is waited for, not duplicated", async () => {
        const h = await startHarness({
            emulator: { readLagMs: 400 },
            deps: { readAfterCreateWindowMs: 5_000, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
        });
        try {
            const files = h.emulator.createFiles(2, { stored: true });
            h.reset();
            h.emulator.injectFaults([{ method: "POST", path: "/group/", action: "reset-after", times: 1 }]);
            const { id } = await h.provider.create({ files });
            expect(h.newGroups().map((g) => g.id)).toEqual([id]);
            expect(h.calls().filter((c) => c === "POST /group/")).toHaveLength(1);
        } finally {
            await h.close();
        }
    });

    it("POST /group/ gets the same budget as other requests: 4 failures in a row still end in one group", async () => {
        const h = await startHarness();
        try {
            const files = h.emulator.createFiles(2, { stored: true });
            h.reset();
            h.emulator.injectFaults([{ method: "POST", path: "/group/", action: "status", status: 503, times: 4 }]);
            const { id } = await h.provider.create({ files });
            expect(h.newGroups().map((g) => g.id)).toEqual([id]);
            expect(h.calls().filter((c) => c === "POST /group/")).toHaveLength(5);
        } finally {
            await h.close();
        }
    });
});
