import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Emulator } from "../../../src/emulator/index";
import { emulatorFixtures, makeClock } from "../../support/emulatorFixtures";

const TOKEN = "account-token-0123456789";
const { emulator, send, rest, stop, tempDir } = emulatorFixtures("uc-projects-");

/** A Project API request with the account token (or `token`), JSON in and out. */
function api(emu: Emulator, method: string, path: string, body?: unknown, token: string | null = TOKEN) {
    const headers: Record<string, string> = token === null ? {} : { Authorization: `Bearer ${token}` };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return send(`${emu.url}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

async function created(emu: Emulator, body: unknown = { name: "staging" }) {
    const res = await api(emu, "POST", "/projects/", body);
    expect(res.status).toBe(201);
    return res.json() as { pub_key: string; name: string; features: Record<string, Record<string, unknown>> };
}

describe("Project API: the token", () => {
    it("answers 401 invalid_token without the token, with another one, and when none is configured", async () => {
        const emu = await emulator({ projectApiToken: TOKEN });
        for (const token of [null, "other-token", `${TOKEN}x`]) {
            const res = await api(emu, "GET", "/projects/", undefined, token);
            expect(res.status).toBe(401);
            expect(res.json()).toEqual({ message: "Invalid token.", code: "invalid_token" });
        }
        const closed = await emulator();
        expect((await api(closed, "GET", "/projects/")).status).toBe(401);
        expect(emu.requests.at(-1)?.api).toBe("project");
    });
});

describe("Project API: projects", () => {
    it("creates a project with fresh 20-hex keys and default settings, lists, reads and updates only what is sent", async () => {
        const emu = await emulator({ projectApiToken: TOKEN });
        const project = await created(emu, { name: "staging", features: { uploads: { filesize_limit: 5000 } } });
        expect(project.pub_key).toMatch(/^[0-9a-f]{20}$/);
        expect(project.features.uploads).toEqual({
            filesize_limit: 5000,
            autostore: true,
            image_resolution_limit: null,
            is_signed_upload_enabled: false,
        });
        const list = (await api(emu, "GET", "/projects/")).json();
        expect(list.total).toBe(2);
        expect(list.results.map((p: { pub_key: string }) => p.pub_key)).toEqual([emu.publicKey, project.pub_key]);
        expect((await api(emu, "GET", `/projects/${project.pub_key}/`)).json()).toEqual(project);

        const changes = {
            name: "renamed",
            features: { uploads: { autostore: false }, malware_protection: { is_enabled: true } },
        };
        const updated = (await api(emu, "POST", `/projects/${project.pub_key}/`, changes)).json();
        expect(updated.name).toBe("renamed");
        expect(updated.features.uploads).toEqual({ ...project.features.uploads, autostore: false });
        expect(updated.features.malware_protection).toEqual({ is_enabled: true });
        expect(updated.features.svg_validation).toEqual(project.features.svg_validation);
    });

    it.each([
        [{ name: "" }, "name is required and must be a non-empty string."],
        [
            { name: "x", features: { uploads: { filesize_limit: -1 } } },
            "features.uploads.filesize_limit must be a positive whole number or null.",
        ],
        [
            { name: "x", features: { team_members: { team_size: 3 } } },
            "features.team_members is not a writable section.",
        ],
        [{ name: "x", features: { uploads: { nope: true } } }, "features.uploads.nope is not a writable field."],
    ])("refuses a create of %j with 400 validation_error", async (body, message) => {
        const emu = await emulator({ projectApiToken: TOKEN });
        const res = await api(emu, "POST", "/projects/", body);
        expect(res.status).toBe(400);
        expect(res.json()).toEqual({ message, code: "validation_error" });
    });

    it("refuses an update with an unknown or mistyped field and changes nothing", async () => {
        const emu = await emulator({ projectApiToken: TOKEN });
        const { pub_key } = await created(emu);
        const path = `/projects/${pub_key}/`;
        expect((await api(emu, "POST", path, { pub_key: "x" })).json().message).toBe(
            "pub_key is not a writable field.",
        );
        expect((await api(emu, "POST", path, { name: "n", is_blocked: "yes" })).json().message).toBe(
            "is_blocked must be true or false.",
        );
        expect(
            (
                await send(`${emu.url}${path}`, {
                    method: "POST",
                    headers: { Authorization: `Bearer ${TOKEN}` },
                    body: "{",
                })
            ).status,
        ).toBe(400);
        expect((await api(emu, "GET", path)).json().name).toBe("staging");
    });

    it("soft delete: 204, then 404 not_found_error for every route of it, and gone from the list", async () => {
        const emu = await emulator({ projectApiToken: TOKEN });
        const { pub_key } = await created(emu);
        expect((await api(emu, "DELETE", `/projects/${pub_key}/`)).status).toBe(204);
        for (const [method, path] of [
            ["GET", `/projects/${pub_key}/`],
            ["DELETE", `/projects/${pub_key}/`],
            ["GET", `/projects/${pub_key}/secrets/`],
        ]) {
            const res = await api(emu, method as string, path as string);
            expect(res.status).toBe(404);
            expect(res.json()).toEqual({ message: "Project not found.", code: "not_found_error" });
        }
        expect((await api(emu, "GET", "/projects/")).json().total).toBe(1);
    });

    it("pages with absolute next links that keep the prefix the client used (both bases are served)", async () => {
        const emu = await emulator({ projectApiToken: TOKEN });
        await created(emu, { name: "a" });
        await created(emu, { name: "b" });
        const first = (await api(emu, "GET", "/apps/api/project-api/v1/projects/?limit=2")).json();
        expect(first).toMatchObject({ total: 3, per_page: 2, previous: null });
        expect(first.next).toBe(`${emu.url}/apps/api/project-api/v1/projects/?limit=2&offset=2`);
        const second = (await send(first.next, { headers: { Authorization: `Bearer ${TOKEN}` } })).json();
        expect(second.results.map((p: { name: string }) => p.name)).toEqual(["b"]);
        expect(second.next).toBeNull();
        expect(second.previous).toBe(`${emu.url}/apps/api/project-api/v1/projects/?limit=2&offset=0`);
        expect((await api(emu, "GET", "/projects/?limit=0")).status).toBe(400);
        expect((await api(emu, "GET", "/projects/?offset=x")).status).toBe(400);
    });

    it("answers 404 for an unknown path, 405 for a wrong method, 503 when read-only", async () => {
        const emu = await emulator({ projectApiToken: TOKEN });
        expect((await api(emu, "GET", "/projects/x/nothing/")).json()).toEqual({
            message: "Not found.",
            code: "not_found_error",
        });
        const wrong = await api(emu, "PUT", "/projects/");
        expect(wrong.status).toBe(405);
        expect(wrong.json().code).toBe("method_not_allowed");
        expect((await api(emu, "GET", "/projects/%E0%A4%A/")).status).toBe(404);
    });

    it("throttles and injects faults in its own error shape", async () => {
        const emu = await emulator({
            projectApiToken: TOKEN,
            faults: [{ path: "/projects/", action: "status", status: 429, retryAfter: 3 }],
        });
        const res = await api(emu, "GET", "/projects/");
        expect(res.status).toBe(429);
        expect(res.headers["retry-after"]).toBe("3");
        expect(res.json()).toEqual({ message: "Request failed with status 429.", code: "error" });
    });
});

describe("Project API: secret keys", () => {
    it("creates a key shown once, lists it by hint, marks it used, deletes it", async () => {
        const emu = await emulator({ projectApiToken: TOKEN });
        const { pub_key } = await created(emu);
        const path = `/projects/${pub_key}/secrets/`;
        expect((await api(emu, "GET", path)).json().results).toEqual([]);
        const key = (await api(emu, "POST", path)).json();
        expect(key).toEqual({
            id: expect.stringMatching(/^[0-9a-f]{20}$/),
            secret: expect.stringMatching(/^[0-9a-f]{20}$/),
        });
        expect((await api(emu, "GET", path)).json().results).toEqual([
            { id: key.id, hint: key.secret.slice(-4), last_used_at: null },
        ]);

        const info = await rest({ ...emu, publicKey: pub_key, secretKey: key.secret }, "GET", "/project/");
        expect(info.status).toBe(200);
        expect(info.json()).toMatchObject({ pub_key, name: "staging", autostore_enabled: true });
        expect((await api(emu, "GET", path)).json().results[0].last_used_at).toMatch(/^\d{4}-/);

        expect((await api(emu, "DELETE", `${path}${key.id}/`)).status).toBe(204);
        expect((await api(emu, "DELETE", `${path}${key.id}/`)).json()).toEqual({
            message: "Secret not found.",
            code: "not_found_error",
        });
        expect((await rest({ ...emu, publicKey: pub_key, secretKey: key.secret }, "GET", "/project/")).status).toBe(
            401,
        );
    });

    it("refuses to delete the last key while signed uploads are on, and the options' own key", async () => {
        const emu = await emulator({ projectApiToken: TOKEN });
        const { pub_key } = await created(emu, {
            name: "signed",
            features: { uploads: { is_signed_upload_enabled: true } },
        });
        const key = (await api(emu, "POST", `/projects/${pub_key}/secrets/`)).json();
        const refused = await api(emu, "DELETE", `/projects/${pub_key}/secrets/${key.id}/`);
        expect(refused.status).toBe(400);
        expect(refused.json().code).toBe("last_secret_signed_uploads");
        const [own] = (await api(emu, "GET", `/projects/${emu.publicKey}/secrets/`)).json().results;
        expect(own.hint).toBe(emu.secretKey.slice(-4));
        expect((await api(emu, "DELETE", `/projects/${emu.publicKey}/secrets/${own.id}/`)).status).toBe(400);
    });
});

describe("Project API: usage", () => {
    it("answers one entry per day, and 400 beyond 90 days or for a bad date", async () => {
        const clock = makeClock(Date.UTC(2026, 10, 26, 12));
        const emu = await emulator({ projectApiToken: TOKEN, now: clock.now, seedFiles: 2 });
        const usage = (await api(emu, "GET", `/projects/${emu.publicKey}/usage/?from=2026-11-25&to=2026-11-27`)).json();
        expect(usage.units).toEqual({ traffic: "bytes", storage: "bytes", operations: "count" });
        expect(usage.data.map((d: { date: string }) => d.date)).toEqual(["2026-11-25", "2026-11-26", "2026-11-27"]);
        expect(usage.data[0]).toEqual({ date: "2026-11-25", traffic: 0, storage: 0, operations: 0 });
        expect(usage.data[1].operations).toBe(2);
        expect(usage.data[1].storage).toBe(emu.files().reduce((sum, f) => sum + f.size, 0));
        for (const query of [
            "from=2026-01-01&to=2026-04-02",
            "from=2026-02-30&to=2026-03-01",
            "from=2026-03-02&to=2026-03-01",
            "",
        ]) {
            const res = await api(emu, "GET", `/projects/${emu.publicKey}/usage/?${query}`);
            expect(res.status).toBe(400);
            expect(res.json().code).toBe("validation_error");
        }
    });
});

describe("Project API: persistence", () => {
    it("a restart keeps projects made through the API, their keys, deletions and the options project's settings", async () => {
        const statePath = join(tempDir(), "state.json");
        const first = await emulator({ projectApiToken: TOKEN, statePath });
        const kept = await created(first, { name: "kept" });
        const key = (await api(first, "POST", `/projects/${kept.pub_key}/secrets/`)).json();
        const gone = await created(first, { name: "gone" });
        await api(first, "DELETE", `/projects/${gone.pub_key}/`);
        await api(first, "POST", `/projects/${first.publicKey}/`, { features: { uploads: { autostore: false } } });
        await stop(first);

        const second = await emulator({ projectApiToken: TOKEN, statePath });
        const names = (await api(second, "GET", "/projects/")).json().results.map((p: { name: string }) => p.name);
        expect(names).toEqual(["Demo project", "kept"]);
        expect((await api(second, "GET", `/projects/${second.publicKey}/`)).json().features.uploads.autostore).toBe(
            false,
        );
        expect((await api(second, "GET", `/projects/${gone.pub_key}/`)).status).toBe(404);
        expect(
            (await rest({ ...second, publicKey: kept.pub_key, secretKey: key.secret }, "GET", "/project/")).status,
        ).toBe(200);
        // The options' key is never written to the state file.
        const { readFileSync } = await import("node:fs");
        expect(readFileSync(statePath, "utf8")).not.toContain(second.secretKey);
    });

    it("a read-only emulator answers changes 503 and reads the writer's projects", async () => {
        const statePath = join(tempDir(), "state.json");
        const writer = await emulator({ projectApiToken: TOKEN, statePath });
        const project = await created(writer, { name: "shared" });
        const reader = await emulator({ projectApiToken: TOKEN, statePath, readOnlyState: true });
        expect((await api(reader, "GET", `/projects/${project.pub_key}/`)).json().name).toBe("shared");
        expect((await api(reader, "POST", "/projects/", { name: "x" })).status).toBe(503);
    });

    it("a body over the limit gets 413 after the token check", async () => {
        const emu = await emulator({ projectApiToken: TOKEN, maxBodyBytes: 10 });
        expect((await api(emu, "POST", "/projects/", { name: "a long enough name" })).status).toBe(413);
        expect((await api(emu, "POST", "/projects/", { name: "a long enough name" }, "wrong")).status).toBe(401);
    });
});
