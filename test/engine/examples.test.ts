import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_CDN } from "../support/cdn";
import { useEngineStack } from "../support/engineFixture";
import { REPO_ROOT } from "../support/installedPackage";

// Every example runs through the real CLI. basic has its own suite (basic.test.ts).

describe("examples/replace", () => {
    const stack = useEngineStack({
        project: { example: "replace" },
        config: ({ emulator }) => ({ files: emulator.createFiles(2, { stored: true }) }),
    });

    it("changing a CDN operation previews as a replace, and up swaps the group (new first, old deleted)", async () => {
        await stack.ws.up();
        const [first] = stack.emulator.groups();
        expect(first?.files.map((m) => m.defaultEffects)).toEqual(["resize/800x/", "resize/800x/"]);

        await stack.ws.setConfig("width", "1200");
        const preview = await stack.ws.preview();
        expect(preview.stdout).toMatch(/\+-pulumi-nodejs:dynamic\/uploadcare:Group: \(replace\)/);
        expect(preview.stdout).toContain("resize/1200x/");

        stack.emulator.clearRequests();
        await stack.ws.up();
        const groups = stack.emulator.groups();
        expect(groups).toHaveLength(1);
        expect(groups[0]?.id).not.toBe(first?.id);
        expect(groups[0]?.files.map((m) => m.defaultEffects)).toEqual(["resize/1200x/", "resize/1200x/"]);
        expect(stack.calls()).toEqual([
            "GET /project/",
            "GET /groups/",
            "POST /group/",
            `DELETE /groups/${first?.id}/`,
        ]);
        expect((await stack.ws.outputs()).groupId).toBe(groups[0]?.id);

        await stack.ws.destroy();
        expect(stack.emulator.groups()).toEqual([]);
    });
});

describe("examples/site", () => {
    const stack = useEngineStack({ project: { example: "site" } });
    const live = () => stack.emulator.files().filter((f) => f.datetimeStored && !f.datetimeRemoved);
    const PATHS = ["img/icon.png", "img/logo.svg", "index.html", "style.css"];

    it("up syncs public/ as one resource: 4 files stored with their path, hash and the example's metadata and tag, and a group", async () => {
        stack.emulator.clearRequests();
        await stack.ws.up();
        // The key check, one page of the file list (uploads of a crashed run), 4 uploads, one batch store, the group.
        expect(stack.calls()).toEqual([
            "GET /project/",
            "GET /files/",
            ...PATHS.map(() => "POST /base/"),
            "PUT /files/storage/",
            "POST /group/",
        ]);
        const outputs = await stack.ws.outputs();
        expect(outputs.count).toBe(4);
        const files = live();
        expect(files.map((f) => f.metadata["pulumi-path"]).sort()).toEqual(PATHS);
        expect(files.every((f) => f.metadata.example === "site" && f.tags?.includes("site"))).toBe(true);
        // Each file is served with the type of its extension.
        const typeOf = (rel: string) => files.find((f) => f.metadata["pulumi-path"] === rel)?.mimeType;
        expect([typeOf("index.html"), typeOf("style.css"), typeOf("img/logo.svg")]).toEqual([
            "text/html",
            "text/css",
            "image/svg+xml",
        ]);
        expect(outputs.totalBytes).toBe(files.reduce((sum, f) => sum + f.size, 0));
        const index = files.find((f) => f.metadata["pulumi-path"] === "index.html");
        expect(outputs.indexUrl).toMatch(new RegExp(`^https://[^/]+/${index?.uuid}/$`));
        const [group] = stack.emulator.groups();
        expect(group?.files).toHaveLength(4);
        expect(String(outputs.groupCdnUrl)).toContain(`/${group?.id}/`);
        expect(await stack.ws.resources("pulumi-nodejs:dynamic/uploadcare:SyncedFolder")).toHaveLength(1);
    });

    it("a second up sends nothing (a touched file is no change); a changed file previews by path and costs one upload", async () => {
        const now = new Date();
        fs.utimesSync(path.join(stack.project, "public", "index.html"), now, now);
        stack.emulator.clearRequests();
        await stack.ws.up(["--expect-no-changes"]);
        expect(stack.requests()).toEqual([]);

        fs.appendFileSync(path.join(stack.project, "public", "style.css"), "p { color: red }\n");
        const preview = await stack.ws.preview();
        // The folder is hashed by the program: the preview only proves the keys.
        expect(stack.calls()).toEqual(["GET /project/"]);
        // The manifest is an input: --diff marks the changed path (old hash => new hash), the others unchanged.
        expect(preview.stdout).toMatch(/~ style\.css\s*: "[\w-]{22}" => "[\w-]{22}"/);
        expect(preview.stdout).toMatch(/^\s+index\.html\s*: "[\w-]{22}"$/m);
        expect(preview.stdout).toMatch(/~ 1 to update/);
        stack.emulator.clearRequests();
        const [before] = stack.emulator.groups();
        await stack.ws.up();
        // 1 upload + 1 store + the new group, and only then the old file and the old group deleted.
        expect(stack.calls()).toEqual([
            "GET /project/",
            "GET /files/",
            "POST /base/",
            "PUT /files/storage/",
            "POST /group/",
            "DELETE /files/storage/",
            `DELETE /groups/${before?.id}/`,
        ]);
        expect(live()).toHaveLength(4);
    });

    it("an empty folder fails the preview before any request, naming path and the fix; the files stay", async () => {
        const emptied = path.join(stack.project, "public.away");
        fs.renameSync(path.join(stack.project, "public"), emptied);
        fs.mkdirSync(path.join(stack.project, "public"));
        try {
            stack.emulator.clearRequests();
            const preview = await stack.ws.run(["preview"], { allowFailure: true });
            expect(preview.code).not.toBe(0);
            // The message alone (a RunError to Pulumi), without "unhandled exception" and a stack trace.
            expect(preview.stdout).toMatch(
                /error: .*SyncedFolder path: \S+public is empty: syncing it would delete every file\. Check that the folder was built/,
            );
            expect(preview.stdout).not.toMatch(/unhandled exception|at folderManifest/);
            expect(stack.calls()).toEqual([]);
        } finally {
            fs.rmSync(path.join(stack.project, "public"), { recursive: true });
            fs.renameSync(emptied, path.join(stack.project, "public"));
        }
        expect(live()).toHaveLength(4);
    });

    it("refresh reads the file list, destroy deletes every file and the group", async () => {
        stack.emulator.clearRequests();
        await stack.ws.refresh(["--expect-no-changes"]);
        const id = (await stack.ws.outputs()).groupCdnUrl?.toString().split("/").at(-2);
        // ceil(N / 1000) pages of the file list + the group: never one request per file.
        expect(stack.calls()).toEqual(["GET /files/", `GET /groups/${id}/`]);
        stack.emulator.clearRequests();
        await stack.ws.destroy();
        // ceil(N / 100) batch deletes + the group.
        expect(stack.calls()).toEqual(["DELETE /files/storage/", `DELETE /groups/${id}/`]);
        expect(live()).toEqual([]);
        expect(stack.emulator.groups()).toEqual([]);
        expect(await stack.ws.resources()).toEqual([]);
    });
});

describe("examples/pipeline", () => {
    // As in the workflow: credentials only from UPLOADCARE_* variables, nothing in stack config.
    const stack = useEngineStack({
        project: { example: "pipeline" },
        before: ({ emulator, project }) => {
            fs.writeFileSync(path.join(project, "files.json"), JSON.stringify(emulator.createFiles(3)));
        },
        stack: "production",
    });

    it("the pull-request preview only proves the keys (no write), the main-branch up deploys", async () => {
        stack.emulator.clearRequests();
        const preview = await stack.ws.preview();
        expect(preview.stdout).toMatch(/\+ 2 to create/);
        expect(stack.calls()).toEqual(["GET /project/"]);
        await stack.ws.up();
        expect(stack.emulator.groups()).toHaveLength(1);
        const config = fs.readFileSync(path.join(stack.project, "Pulumi.production.yaml"), "utf8");
        expect(config).not.toContain(stack.emulator.secretKey);
    });

    it("a pull request that edits files.json previews a replace; merging applies it", async () => {
        const files = JSON.parse(fs.readFileSync(path.join(stack.project, "files.json"), "utf8")) as string[];
        fs.writeFileSync(path.join(stack.project, "files.json"), JSON.stringify(files.slice(0, 2)));
        const preview = await stack.ws.preview();
        expect(preview.stdout).toMatch(/\(replace\)/);
        await stack.ws.up();
        expect(stack.emulator.groups().map((g) => g.files.length)).toEqual([2]);
        await stack.ws.destroy();
        expect(stack.emulator.groups()).toEqual([]);
    });
});

describe("the repository's Pulumi.yaml (default program) with no keys: embedded emulator", () => {
    const stateDir = path.join(REPO_ROOT, "examples/default/.pulumi-uploadcare");
    // In place, from this checkout: the provider is serialized by value here (not under node_modules). The
    // fixture removes the Pulumi.embedded.yaml that `stack init` writes beside Pulumi.yaml.
    const stack = useEngineStack({
        project: { inPlace: REPO_ROOT },
        emulator: false,
        before: () => fs.rmSync(stateDir, { recursive: true, force: true }),
        stack: "embedded",
        after: () => fs.rmSync(stateDir, { recursive: true, force: true }),
    });

    it("up uploads and groups the example images; files and group survive in the state file for refresh and destroy", async () => {
        await stack.ws.up();
        const outputs = await stack.ws.outputs();
        const urls = outputs.imageUrls as Record<string, string>;
        expect(Object.keys(urls)).toEqual(["hero.png", "icon.png", "logo.png"]);
        const [a, b, c] = Object.values(urls).map((url) => new URL(url).pathname.split("/")[1]);
        expect(outputs.filesCount).toBe(3);
        expect(outputs.groupFiles).toEqual([a, `${b}/-/resize/800x/`, c]);
        expect(String(outputs.cdnUrl)).toBe(`${DEMO_CDN}/${outputs.groupId}/`);
        const saved = fs.readFileSync(path.join(stateDir, "emulator-state.json"), "utf8");
        expect(saved).toContain(String(outputs.groupId));

        await stack.ws.refresh(["--expect-no-changes"]);
        await stack.ws.destroy();
        expect(fs.readFileSync(path.join(stateDir, "emulator-state.json"), "utf8")).not.toContain(
            String(outputs.groupId),
        );
        expect(await stack.ws.resources()).toEqual([]);
        expect(await stack.ws.resources("pulumi-nodejs:dynamic/uploadcare:File")).toEqual([]);
    });
});

describe("examples/environments with only the Project API settings (no project keys)", () => {
    const TOKEN = "engine-account-token-environments-01";
    const stack = useEngineStack({
        project: { example: "environments" },
        emulator: { projectApiToken: TOKEN },
        env: {
            UPLOADCARE_PROJECT_API_TOKEN: TOKEN,
            get UPLOADCARE_PROJECT_API_BASE_URL() {
                return `${stack.emulator.url}/`;
            },
            // The staging project's own APIs are the emulator too; its keys come from the program (credentials).
            get UPLOADCARE_API_BASE_URL() {
                return stack.emulator.url;
            },
            get UPLOADCARE_UPLOAD_BASE_URL() {
                return stack.emulator.url;
            },
        },
        config: { name: "acme-staging" },
    });
    const live = (pubKey: string) => ({
        files: stack.emulator.files(pubKey).filter((f) => !f.datetimeRemoved).length,
        groups: stack.emulator.groups(pubKey).length,
        webhooks: stack.emulator.webhooks(pubKey).length,
    });
    // Each operation's requests (ids as :id, sorted: the engine runs independent resources concurrently). The table
    // "Requests per operation: projects" in bench/README.md quotes these counts.
    const run = async (args: string[]) => {
        stack.emulator.clearRequests();
        await stack.ws.run(args);
        return stack
            .calls()
            .map((call) => call.replace(/\/[0-9a-f][0-9a-f-]{11,}(~\d+)?\//g, "/:id/").replace(/\/\d+\//g, "/:id/"))
            .sort();
    };
    // With the preview, as users run it: the credentials of the File, Group and Webhook are not known in the preview
    // (the Project and its key are still to be made), so their keys are checked when `up` knows them.
    const UP = ["up", "--yes"];

    it("up creates the project, its key, a file, a group and a webhook in it; a second up sends 0 requests", async () => {
        expect(await run(UP)).toEqual(
            [
                "GET /project/",
                // The preview proves the token too (check of the Project and its key).
                "GET /projects/",
                "GET /projects/",
                "GET /projects/",
                "GET /projects/:id/secrets/",
                "GET /webhooks/",
                "GET /groups/",
                "POST /base/",
                "POST /group/",
                "POST /projects/",
                "POST /projects/:id/secrets/",
                "POST /webhooks/",
                "PUT /files/:id/storage/",
            ].sort(),
        );
        const outputs = await stack.ws.outputs();
        const pubKey = String(outputs.pubKey);
        expect(live(pubKey)).toEqual({ files: 1, groups: 1, webhooks: 1 });
        expect(outputs.cdnBase).toMatch(/^https:\/\/[a-z0-9]+\.ucarecd\.net$/);
        expect(await run(["up", "--yes", "--expect-no-changes"])).toEqual([]);
    });

    it("renaming the project updates it in place; --replace of the key rotates it and the rest still refreshes", async () => {
        const before = await stack.ws.outputs();
        await stack.ws.setConfig("name", "acme-staging-2");
        // With its preview: check proves the token once (GET /projects/), as does the update.
        expect(await run(["up", "--yes"])).toEqual(["GET /projects/", "GET /projects/", "POST /projects/:id/"]);
        const [key] = await stack.ws.resources("pulumi-nodejs:dynamic/uploadcare:ProjectSecret");
        // The new key first, then the old one deleted; the File, Group and Webhook only record the new key.
        expect(await run([...UP, "--replace", String(key?.urn)])).toEqual([
            "DELETE /projects/:id/secrets/:id/",
            "GET /project/",
            "GET /projects/",
            "GET /projects/",
            "GET /projects/:id/secrets/",
            "GET /projects/:id/secrets/",
            "POST /projects/:id/secrets/",
        ]);
        const after = await stack.ws.outputs();
        expect(after.pubKey).toBe(before.pubKey);
        expect(after.groupId).toBe(before.groupId);
        expect(after.webhookId).toBe(before.webhookId);
        await stack.ws.refresh(["--expect-no-changes"]);
    });

    it("destroy removes all of it", async () => {
        const pubKey = String((await stack.ws.outputs()).pubKey);
        // The key goes with the project (deletedWith): no request of its own.
        expect(await run(["destroy", "--yes"])).toEqual([
            "DELETE /files/:id/storage/",
            "DELETE /groups/:id/",
            "DELETE /projects/:id/",
            "DELETE /webhooks/:id/",
        ]);
        expect(await stack.ws.resources()).toEqual([]);
        expect(stack.emulator.groups(pubKey)).toEqual([]);
    });
});
