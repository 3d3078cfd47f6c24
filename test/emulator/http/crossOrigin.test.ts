import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isOwnOrigin } from "../../../src/emulator/http/crossOrigin";
import { emulatorFixtures, groupFields } from "../../support/emulatorFixtures";

const { sharedEmulator, send, rest } = emulatorFixtures("uc-emulator-origin-");

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

describe("state-changing requests from web pages of other origins", () => {
    const shared = sharedEmulator({ seedFiles: 2, allowLoopbackSources: true });
    let service: Server;
    let base = "";
    const heard: string[] = [];
    beforeAll(async () => {
        service = createServer((req, res) => {
            heard.push(req.url ?? "");
            res.end("ok");
        });
        await new Promise<void>((resolve) => service.listen(0, "127.0.0.1", resolve));
        base = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => service.close(() => resolve())));

    it("a cross-origin form POST to /from_url/ is refused with 403 and the emulator fetches nothing", async () => {
        const body = new URLSearchParams({ pub_key: shared.emu.publicKey, source_url: `${base}/admin/delete?all=1` });
        const res = await send(`${shared.emu.url}/from_url/`, {
            method: "POST",
            headers: { ...FORM, Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
            body: body.toString(),
        });
        expect(res.status).toBe(403);
        expect(res.json().detail).toMatch(/refuses state-changing requests .*"https:\/\/evil\.example"/);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(heard).toEqual([]);
    });

    it("refuses other origins, `null`, rebound names and same-site pages on every API; changes nothing", async () => {
        const { emu, clock } = shared;
        const port = new URL(emu.url).port;
        const refused: Record<string, string>[] = [
            { Origin: "https://evil.example" },
            { Origin: "null" },
            { Origin: `http://rebound.example:${port}` },
            { Origin: "http://localhost:3000" },
            { "Sec-Fetch-Site": "same-site" },
            { "Sec-Fetch-Site": "cross-site" },
        ];
        const group = new URLSearchParams(groupFields(emu, emu.seededFiles)).toString();
        for (const headers of refused) {
            const label = JSON.stringify(headers);
            const upload = await send(`${emu.url}/group/`, {
                method: "POST",
                headers: { ...FORM, ...headers },
                body: group,
            });
            expect(upload.status, label).toBe(403);
            const del = await rest(emu, "DELETE", `/files/${emu.seededFiles[0]}/storage/`, { clock, headers });
            expect(del.status, label).toBe(403);
            const part = await send(`${emu.url}/multipart/part/00000000-0000-4000-8000-000000000000/?partNumber=1`, {
                method: "PUT",
                headers,
            });
            expect(part.status, label).toBe(403);
            const admin = await send(`${emu.url}/__emulator/files`, { method: "POST", headers, body: "{}" });
            expect(admin.status, label).toBe(403);
        }
        expect(emu.groups()).toEqual([]);
        expect(emu.files().every((f) => f.datetimeRemoved === null)).toBe(true);
    });

    it("lets through requests without Origin (SDKs, curl), the emulator's own origin, and any GET", async () => {
        const { emu } = shared;
        const port = new URL(emu.url).port;
        const group = new URLSearchParams(groupFields(emu, emu.seededFiles)).toString();
        for (const headers of [
            {},
            { Origin: emu.url },
            { Origin: `http://localhost:${port}`, "Sec-Fetch-Site": "same-origin" },
        ]) {
            const res = await send(`${emu.url}/group/`, {
                method: "POST",
                headers: { ...FORM, ...headers },
                body: group,
            });
            expect(res.status, JSON.stringify(headers)).toBe(200);
        }
        const info = await send(`${emu.url}/info/?pub_key=${emu.publicKey}&file_id=${emu.seededFiles[0]}`, {
            headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
        });
        expect(info.status).toBe(200);
    });

    it("tells the emulator's own origin from others", () => {
        const own = "http://127.0.0.1:4000";
        expect(isOwnOrigin("http://127.0.0.1:4000", own)).toBe(true);
        expect(isOwnOrigin("http://localhost:4000", own)).toBe(true);
        expect(isOwnOrigin("http://[::1]:4000", own)).toBe(true);
        for (const other of ["http://localhost:4001", "https://127.0.0.1:4000", "http://a.example:4000", "null", ""]) {
            expect(isOwnOrigin(other, own), other).toBe(false);
        }
    });
});
