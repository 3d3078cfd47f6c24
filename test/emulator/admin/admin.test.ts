import { networkInterfaces } from "node:os";
import { describe, expect, it } from "vitest";
import { isLoopbackHost, isLoopbackOrigin } from "../../../src/emulator/http/loopback";
import { isLoopbackAddress } from "../../../src/emulator/index";
import { emulatorFixtures } from "../../support/emulatorFixtures";

const { emulator, sharedEmulator, send, rest, createGroup } = emulatorFixtures("uc-emulator-admin-");

describe("admin API and request log", () => {
    const shared = sharedEmulator({ seedFiles: 1 });
    const { clock } = shared;

    const admin = (method: string, path: string, body?: unknown) =>
        send(`${shared.emu.url}/__emulator/${path}`, {
            method,
            headers: { "Content-Type": "application/json" },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });

    it("controls the emulator over HTTP", async () => {
        const created = await admin("POST", "files", { count: 2, stored: false });
        expect(created.status).toBe(200);
        const { uuids } = created.json();
        expect(uuids).toHaveLength(2);

        const group = await createGroup(shared.emu, uuids);
        const state = (await admin("GET", "state")).json();
        expect(state.publicKey).toBe(shared.emu.publicKey);
        expect(JSON.stringify(state)).not.toContain(shared.emu.secretKey);
        expect(state.projects[shared.emu.publicKey].groups.map((g: { id: string }) => g.id)).toEqual([group.id]);
        expect(state.projects[shared.emu.publicKey].files).toHaveLength(3);

        expect(
            (await admin("POST", "faults", [{ action: "status", status: 503, path: { regex: "^/project/$" } }])).status,
        ).toBe(200);
        expect((await rest(shared.emu, "GET", "/project/", { clock })).status).toBe(503);
        expect((await admin("POST", "faults", [{ action: "explode" }])).status).toBe(400);
        expect((await admin("POST", "faults", [{ action: "status", status: 500, times: "Infinity" }])).status).toBe(
            200,
        );
        expect((await admin("DELETE", "faults")).status).toBe(204);
        expect((await rest(shared.emu, "GET", "/project/", { clock })).status).toBe(200);

        expect((await admin("POST", "rate-limit", { rps: 1000 })).json()).toEqual({ rps: 1000 });
        expect((await admin("POST", "rate-limit", { rps: null })).json()).toEqual({ rps: null });

        expect((await admin("DELETE", `groups/${group.id}`)).status).toBe(204);
        expect((await admin("DELETE", `groups/${group.id}`)).status).toBe(404);
        expect((await rest(shared.emu, "GET", `/groups/${group.id}/`, { clock })).status).toBe(404);

        const log = (await admin("GET", "requests")).json();
        expect(log.some((e: { api: string }) => e.api === "admin")).toBe(true);
        expect((await admin("DELETE", "requests")).status).toBe(204);
        expect(shared.emu.requests.map((r) => r.path)).toEqual(["/__emulator/requests"]);
    });

    it("only trusts loopback peers", () => {
        for (const a of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"]) {
            expect(isLoopbackAddress(a)).toBe(true);
        }
        for (const a of ["10.0.0.1", "192.168.1.20", "::ffff:10.0.0.1", "fe80::1", "::", "", undefined]) {
            expect(isLoopbackAddress(a)).toBe(false);
        }
    });

    const external = Object.values(networkInterfaces())
        .flat()
        .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

    it.skipIf(external === undefined)("refuses admin calls from a non-loopback peer with 403", async () => {
        const wide = await emulator({ host: "0.0.0.0" });
        const port = new URL(wide.url).port;
        const refused = await send(`http://${external}:${port}/__emulator/state`, {});
        expect(refused.status).toBe(403);
        // The APIs themselves stay reachable; only the unauthenticated admin API is loopback-only.
        const upload = await send(`http://${external}:${port}/group/info/?pub_key=${wide.publicKey}`, {});
        expect([upload.status, upload.text]).toEqual([400, "group_id is required."]);
        expect((await send(`${wide.url}/__emulator/state`, {})).status).toBe(200);
    });
});

describe("admin API callers", () => {
    it("refuses a Host that is not loopback (DNS rebinding) and an Origin of another site (CSRF)", async () => {
        const emu = await emulator();
        const port = new URL(emu.url).port;
        const state = (headers: Record<string, string>) => send(`${emu.url}/__emulator/state`, { headers });
        const rebound = await state({ Host: `evil.example:${port}` });
        expect([rebound.status, rebound.json().error]).toEqual([
            403,
            "the emulator admin API needs a loopback Host header",
        ]);
        const page = await send(`${emu.url}/__emulator/faults`, {
            method: "POST",
            headers: { Origin: "https://evil.example" },
            body: JSON.stringify(["* * status:503"]),
        });
        expect(page.status).toBe(403);
        expect(emu.activeFaults()).toEqual([]);
        expect((await state({ Origin: "null" })).status).toBe(403);
        for (const headers of [{ Host: `localhost:${port}` }, { Origin: `http://localhost:${port}` }, {}]) {
            expect((await state(headers)).status).toBe(200);
        }
        // The REST and Upload APIs do not care: browsers may call the Upload API from any page.
        const upload = await send(`${emu.url}/group/info/?pub_key=${emu.publicKey}`, {
            headers: { Host: "evil.example", Origin: "https://evil.example" },
        });
        expect(upload.status).toBe(400);
    });

    it("tells loopback hosts and origins from others", () => {
        for (const h of [
            "localhost",
            "localhost:80",
            "127.0.0.1:4010",
            "127.1.2.3",
            "[::1]:4010",
            "[::1]",
            "LOCALHOST",
        ]) {
            expect(isLoopbackHost(h)).toBe(true);
        }
        for (const h of ["evil.example", "localhost.evil.example", "10.0.0.1:80", "[::2]", "::1", "", undefined]) {
            expect(isLoopbackHost(h)).toBe(false);
        }
        expect(isLoopbackOrigin("http://127.0.0.1:3000")).toBe(true);
        expect(isLoopbackOrigin("https://localhost")).toBe(true);
        for (const o of ["null", "http://evil.example", "file://", "http://127.0.0.1:3000/path"]) {
            expect(isLoopbackOrigin(o)).toBe(false);
        }
    });
});

describe("admin API input", () => {
    it("answers bad fault rules and unknown projects with 400 and a message, injecting nothing", async () => {
        const emu = await emulator();
        const post = (path: string, body: unknown) =>
            send(`${emu.url}/__emulator/${path}`, { method: "POST", body: JSON.stringify(body) });
        const cases: [string, unknown, RegExp][] = [
            ["faults", [{ action: "status", status: 503, path: { regex: "(" } }], /path\.regex.*not a valid/],
            ["faults", [{ action: "status", status: 503, method: 5 }], /`method` must be a string/],
            ["faults", [{ action: "status", status: 1000 }], /200\.\.599/],
            ["faults", [{ action: "delay", delayMs: "slow" }], /delayMs/],
            ["faults", [{ action: "status", status: 429, retryAfter: {} }], /retryAfter/],
            ["faults", [{ action: "status", status: 503 }, { action: "explode" }], /unknown fault action/],
            ["faults", ["* * status:99"], /200\.\.599/],
            ["files", { count: 1, projectPublicKey: "nosuchkey" }, /unknown project nosuchkey/],
            ["rate-limit", { rps: -1 }, /rate limit must be > 0/],
        ];
        for (const [path, body, message] of cases) {
            const res = await post(path, body);
            expect([path, res.status]).toEqual([path, 400]);
            expect(res.json().error).toMatch(message);
        }
        expect(emu.activeFaults()).toEqual([]);
        expect(emu.requests.every((r) => r.status === 400)).toBe(true);
        expect((await rest(emu, "GET", "/project/")).status).toBe(200);
    });
});
