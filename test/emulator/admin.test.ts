import { networkInterfaces } from "node:os";
import { beforeAll, describe, expect, it } from "vitest";
import { type Emulator, isLoopbackAddress } from "../../src/emulator/index";
import { emulatorFixtures, makeClock } from "../support/emulatorFixtures";

const { emulator, send, rest, createGroup } = emulatorFixtures("uc-emulator-admin-");

describe("admin API and request log", () => {
    const clock = makeClock();
    let emu: Emulator;
    beforeAll(async () => {
        emu = await emulator({ now: clock.now, seedFiles: 1 });
    });

    const admin = (method: string, path: string, body?: unknown) =>
        send(`${emu.url}/__emulator/${path}`, {
            method,
            headers: { "Content-Type": "application/json" },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });

    it("controls the emulator over HTTP", async () => {
        const created = await admin("POST", "files", { count: 2, stored: false });
        expect(created.status).toBe(200);
        const { uuids } = created.json();
        expect(uuids).toHaveLength(2);

        const group = await createGroup(emu, uuids);
        const state = (await admin("GET", "state")).json();
        expect(state.publicKey).toBe(emu.publicKey);
        expect(JSON.stringify(state)).not.toContain(emu.secretKey);
        expect(state.projects[emu.publicKey].groups.map((g: { id: string }) => g.id)).toEqual([group.id]);
        expect(state.projects[emu.publicKey].files).toHaveLength(3);

        expect(
            (await admin("POST", "faults", [{ action: "status", status: 503, path: { regex: "^/project/$" } }])).status,
        ).toBe(200);
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(503);
        expect((await admin("POST", "faults", [{ action: "explode" }])).status).toBe(400);
        expect((await admin("POST", "faults", [{ action: "status", status: 500, times: "Infinity" }])).status).toBe(
            200,
        );
        expect((await admin("DELETE", "faults")).status).toBe(204);
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(200);

        expect((await admin("POST", "rate-limit", { rps: 1000 })).json()).toEqual({ rps: 1000 });
        expect((await admin("POST", "rate-limit", { rps: null })).json()).toEqual({ rps: null });

        expect((await admin("DELETE", `groups/${group.id}`)).status).toBe(204);
        expect((await admin("DELETE", `groups/${group.id}`)).status).toBe(404);
        expect((await rest(emu, "GET", `/groups/${group.id}/`, { clock })).status).toBe(404);

        const log = (await admin("GET", "requests")).json();
        expect(log.some((e: { api: string }) => e.api === "admin")).toBe(true);
        expect((await admin("DELETE", "requests")).status).toBe(204);
        expect(emu.requests.map((r) => r.path)).toEqual(["/__emulator/requests"]);
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
