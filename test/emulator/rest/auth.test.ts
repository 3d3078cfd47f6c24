import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { httpDate, signRequest } from "../../../src/client/core/sign";
import { emulatorFixtures, UUID, V07 } from "../../support/emulatorFixtures";

const { emulator, sharedEmulator, send, rest } = emulatorFixtures("uc-emulator-auth-");

describe("REST authentication and negotiation", () => {
    const shared = sharedEmulator();
    const { clock } = shared;

    it("accepts a correctly signed request and answers with the documented headers", async () => {
        const res = await rest(shared.emu, "GET", "/project/", { clock });
        expect(res.status).toBe(200);
        expect(res.headers["content-type"]).toBe(V07);
        expect(res.headers.vary).toBe("Accept");
        expect(res.headers.allow).toBe("GET, HEAD, OPTIONS");
        expect(res.headers["x-uploadcare-request-id"]).toMatch(UUID);
        expect(res.json()).toEqual({
            name: "Demo project",
            pub_key: "demopublickey",
            autostore_enabled: true,
            collaborators: [],
        });
    });

    it("accepts the classic Date header and an empty Content-Type signed as empty", async () => {
        expect((await rest(shared.emu, "GET", "/project/", { clock, dateHeader: "Date" })).status).toBe(200);
        expect((await rest(shared.emu, "GET", "/project/", { clock, contentType: null })).status).toBe(200);
    });

    it("matches a signature computed independently (the documented example)", async () => {
        const fixed = await emulator({ now: () => new Date("2018-11-05T13:14:41Z") });
        const res = await send(`${fixed.url}/groups/?limit=100&ordering=-datetime_created`, {
            headers: {
                Accept: V07,
                "Content-Type": "application/json",
                Date: "Mon, 05 Nov 2018 13:14:41 GMT",
                Authorization: "Uploadcare demopublickey:5191da38007a30f15ba98510a2b3286a39dff678",
            },
        });
        expect(res.status).toBe(200);
        expect(res.json()).toMatchObject({ total: 0, results: [] });
    });

    it("rejects a wrong secret", async () => {
        const res = await rest(shared.emu, "GET", "/project/", { clock, secret: "not-the-secret" });
        expect(res.status).toBe(401);
        expect(res.headers["content-type"]).toBe(V07);
        expect(res.json()).toEqual({ detail: "Invalid signature. Please check your Secret key." });
    });

    it("rejects a tampered path or query", async () => {
        const res = await rest(shared.emu, "GET", "/groups/?limit=2", { clock, signedUri: "/groups/?limit=1" });
        expect(res.status).toBe(401);
        expect(res.json().detail).toBe("Invalid signature. Please check your Secret key.");
    });

    it("rejects a tampered body", async () => {
        const url = `${shared.emu.url}/files/storage/`;
        const date = httpDate(clock.now());
        const signed = { method: "PUT", contentType: "application/json", date, uri: "/files/storage/" };
        const signature = signRequest({ ...signed, body: "[]" }, shared.emu.secretKey);
        const res = await send(url, {
            method: "PUT",
            headers: {
                Accept: V07,
                "Content-Type": "application/json",
                "X-Uploadcare-Date": date,
                Authorization: `Uploadcare ${shared.emu.publicKey}:${signature}`,
            },
            body: `["${randomUUID()}"]`,
        });
        expect(res.status).toBe(401);
    });

    it("rejects a date 16 minutes off the injected clock and accepts 14 minutes", async () => {
        for (const sign of [-1, 1]) {
            const far = new Date(clock.ms + sign * 16 * 60_000);
            const res = await rest(shared.emu, "GET", "/project/", { date: far });
            expect(res.status).toBe(401);
            expect(res.json()).toEqual({ detail: "Incorrect authentication credentials." });
            const near = new Date(clock.ms + sign * 14 * 60_000);
            expect((await rest(shared.emu, "GET", "/project/", { date: near })).status).toBe(200);
        }
    });

    it("rejects an unknown public key, a missing header and Simple auth over HTTP", async () => {
        const unknown = await rest(shared.emu, "GET", "/project/", { clock, publicKey: "nosuchkey" });
        expect(unknown.status).toBe(401);
        expect(unknown.json()).toEqual({ detail: "Public key nosuchkey not found." });

        const none = await send(`${shared.emu.url}/project/`, { headers: { Accept: V07 } });
        expect(none.status).toBe(401);
        expect(none.json()).toEqual({ detail: "Authentication credentials were not provided." });

        const simple = await send(`${shared.emu.url}/project/`, {
            headers: {
                Accept: V07,
                Authorization: `Uploadcare.Simple ${shared.emu.publicKey}:${shared.emu.secretKey}`,
            },
        });
        expect(simple.status).toBe(400);
        expect(simple.json()).toEqual({
            detail: "Simple authentication over HTTP is forbidden. Please, use HTTPS or signed requests instead.",
        });
    });

    it("answers 406 for a wrong or missing Accept header", async () => {
        const detail =
            "Incorrect Accept header provided. Make sure to specify API version. Refer to REST API docs for details.";
        for (const accept of ["application/vnd.uploadcare-v0.6+json", "application/json", null]) {
            const res = await rest(shared.emu, "GET", "/project/", { clock, accept });
            expect(res.status).toBe(406);
            expect(res.headers["content-type"]).toBe(V07);
            expect(res.json()).toEqual({ detail });
        }
        const lenient = await emulator({ now: clock.now, requireAcceptHeader: false });
        expect((await rest(lenient, "GET", "/project/", { clock, accept: null })).status).toBe(200);
    });

    it("answers 405 with Allow for a method the resource does not have", async () => {
        const res = await rest(shared.emu, "POST", "/groups/", { clock, body: "{}" });
        expect(res.status).toBe(405);
        expect(res.headers.allow).toBe("GET, HEAD, OPTIONS");
        expect(res.json()).toEqual({ detail: 'Method "POST" not allowed.' });
    });
});
