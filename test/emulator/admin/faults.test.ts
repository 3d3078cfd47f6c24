import { describe, expect, it } from "vitest";
import { Faults, parseFaultSpec } from "../../../src/emulator/admin/faults";
import { BurstThrottle } from "../../../src/emulator/admin/ratelimit";
import { UploadcareEmulatorError } from "../../../src/emulator/errors";
import type { Emulator } from "../../../src/emulator/index";
import { emulatorFixtures, makeClock } from "../../support/emulatorFixtures";

const { emulator, sharedEmulator, send, rest, uploadForm } = emulatorFixtures("uc-emulator-faults-");

function createGroupRaw(emu: Emulator) {
    return uploadForm(emu, "/group/", [
        ["pub_key", emu.publicKey],
        ["files[0]", emu.seededFiles[0] ?? ""],
    ]);
}

describe("faults and throttling", () => {
    const shared = sharedEmulator({ seedFiles: 1 });
    const { clock } = shared;

    it("answers an injected 429 with Retry-After and the documented bodies, once", async () => {
        shared.emu.injectFaults([{ action: "status", status: 429, retryAfter: 7, path: "/project/" }]);
        const throttled = await rest(shared.emu, "GET", "/project/", { clock });
        expect(throttled.status).toBe(429);
        expect(throttled.headers["retry-after"]).toBe("7");
        expect(throttled.json()).toEqual({ detail: "Request was throttled. Expected available in 7 seconds." });
        expect((await rest(shared.emu, "GET", "/project/", { clock })).status).toBe(200);

        shared.emu.injectFaults([{ action: "status", status: 429, method: "POST", path: "/group/" }]);
        const up = await uploadForm(shared.emu, "/group/?jsonerrors=1", [
            ["pub_key", shared.emu.publicKey],
            ["files[0]", shared.emu.seededFiles[0] ?? ""],
        ]);
        expect(up.status).toBe(429);
        expect(up.headers["retry-after"]).toBe("1");
        expect(up.json()).toEqual({
            error: { content: "Request was throttled.", status_code: 429, error_code: "RequestThrottledError" },
        });
        expect(shared.emu.requests.filter((r) => r.fault === "status:429").length).toBe(2);
    });

    it("reset-before drops the connection without creating the group", async () => {
        const before = shared.emu.groups().length;
        shared.emu.injectFaults([{ action: "reset-before", method: "POST", path: "/group/" }]);
        await expect(createGroupRaw(shared.emu)).rejects.toThrow();
        expect(shared.emu.groups().length).toBe(before);
        expect(shared.emu.requests.at(-1)).toMatchObject({ method: "POST", status: 0, fault: "reset-before" });
    });

    it("reset-after creates the group but never answers", async () => {
        const before = shared.emu.groups().length;
        shared.emu.injectFaults([{ action: "reset-after", method: "POST", path: /^\/group\/$/ }]);
        await expect(createGroupRaw(shared.emu)).rejects.toThrow();
        expect(shared.emu.groups().length).toBe(before + 1);
        expect(shared.emu.requests.at(-1)).toMatchObject({ status: 200, fault: "reset-after" });
        // The rule is used up: the next call works.
        expect((await createGroupRaw(shared.emu)).status).toBe(200);
    });

    it("delays and injects 5xx for a number of times", async () => {
        shared.emu.injectFaults([{ action: "delay", delayMs: 150, path: "/project/" }]);
        const t0 = performance.now();
        expect((await rest(shared.emu, "GET", "/project/", { clock })).status).toBe(200);
        expect(performance.now() - t0).toBeGreaterThanOrEqual(140);

        shared.emu.injectFaults([{ action: "status", status: 503, times: 2 }]);
        expect((await rest(shared.emu, "GET", "/project/", { clock })).status).toBe(503);
        expect((await rest(shared.emu, "GET", "/project/", { clock })).status).toBe(503);
        expect((await rest(shared.emu, "GET", "/project/", { clock })).status).toBe(200);
        shared.emu.injectFaults([{ action: "status", status: 500, times: Number.POSITIVE_INFINITY }]);
        expect((await rest(shared.emu, "GET", "/project/", { clock })).status).toBe(500);
        shared.emu.clearFaults();
        expect((await rest(shared.emu, "GET", "/project/", { clock })).status).toBe(200);
    });

    it("draws probabilities from a seeded PRNG", () => {
        const draw = (seed: number) => {
            const f = new Faults(seed);
            f.inject([{ action: "status", status: 503, probability: 0.5, times: Number.POSITIVE_INFINITY }]);
            return Array.from({ length: 32 }, () => f.decide("GET", "/project/").fault !== undefined);
        };
        expect(draw(42)).toEqual(draw(42));
        expect(draw(42)).not.toEqual(draw(43));
        expect(draw(42).filter(Boolean).length).toBeGreaterThan(4);
        expect(draw(42).filter(Boolean).length).toBeLessThan(28);
    });

    it("throttles over the rate limit with an integer Retry-After >= 1", async () => {
        shared.emu.setRateLimit(2);
        const answers = await Promise.all(
            Array.from({ length: 6 }, () => rest(shared.emu, "GET", "/project/", { clock })),
        );
        const throttled = answers.filter((a) => a.status === 429);
        expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(1);
        expect(throttled.length).toBeGreaterThanOrEqual(3);
        for (const t of throttled) {
            expect(Number(t.headers["retry-after"])).toBeGreaterThanOrEqual(1);
            expect(Number.isInteger(Number(t.headers["retry-after"]))).toBe(true);
            expect(t.json().detail).toMatch(/^Request was throttled\. Expected available in \d+ seconds?\.$/);
        }
        expect(shared.emu.requests.some((r) => r.fault === "rate-limit")).toBe(true);
        shared.emu.setRateLimit(undefined);
        expect((await rest(shared.emu, "GET", "/project/", { clock })).status).toBe(200);
    });
});

describe("fault profiles (one-line specs, options, bursts)", () => {
    const clock = makeClock();

    it("parses one-line fault specs", () => {
        expect(parseFaultSpec("POST /group/ reset-after 0.3")).toEqual({
            method: "POST",
            path: "/group/",
            action: "reset-after",
            probability: 0.3,
            times: Number.POSITIVE_INFINITY,
        });
        expect(parseFaultSpec("* * status:503 0.25")).toEqual({
            action: "status",
            status: 503,
            probability: 0.25,
            times: Number.POSITIVE_INFINITY,
        });
        expect(parseFaultSpec("status:429:2 x5")).toEqual({ action: "status", status: 429, retryAfter: 2, times: 5 });
        expect(parseFaultSpec("get /groups/ delay:200")).toMatchObject({
            method: "GET",
            action: "delay",
            delayMs: 200,
        });
        expect(() => parseFaultSpec("POST /group/")).toThrow(/names no action/);
        expect(() => parseFaultSpec("* * status:503 1.5")).toThrow(/probability/);
        expect(() => parseFaultSpec("a b c reset-before")).toThrow(/METHOD/);
        expect(() => parseFaultSpec("status:abc")).toThrow(/status:CODE/);
    });

    it("applies errorRate, latencyMs and faults given as options, and admin specs as strings", async () => {
        const emu = await emulator({ now: clock.now, errorRate: 1, latencyMs: 60 });
        const t0 = performance.now();
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(503);
        expect(performance.now() - t0).toBeGreaterThanOrEqual(55);
        expect(emu.requests.at(-1)?.fault).toBe("delay:60,status:503");
        emu.clearFaults();
        const res = await send(`${emu.url}/__emulator/faults`, {
            method: "POST",
            body: JSON.stringify(["GET /project/ status:502 x1"]),
        });
        expect(res.status).toBe(200);
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(502);
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(200);
        const bad = await send(`${emu.url}/__emulator/faults`, { method: "POST", body: JSON.stringify(["nonsense"]) });
        expect([bad.status, bad.json().error]).toEqual([
            400,
            'fault "nonsense" names no action: use reset-before, reset-after, delay:MS or status:CODE[:RETRY_AFTER]',
        ]);
    });

    it("throttles in bursts with a Retry-After that points at the end of the burst", async () => {
        let ms = 0;
        const bursts = new BurstThrottle(() => ms);
        bursts.set({ everyMs: 10_000, durationMs: 2_500 });
        expect(bursts.take()).toBe(3);
        ms = 1_600;
        expect(bursts.take()).toBe(1);
        ms = 2_500;
        expect(bursts.take()).toBeUndefined();
        ms = 10_100;
        expect(bursts.take()).toBe(3);
        expect(() => bursts.set({ everyMs: 1_000, durationMs: 1_000 })).toThrow(UploadcareEmulatorError);

        const emu = await emulator({ now: clock.now, throttleBursts: { everyMs: 60_000, durationMs: 1_000 } });
        const throttled = await rest(emu, "GET", "/project/", { clock });
        expect([throttled.status, throttled.headers["retry-after"]]).toEqual([429, "1"]);
        expect(emu.requests.at(-1)?.fault).toBe("throttle-burst");
        const admin = (body: unknown) =>
            send(`${emu.url}/__emulator/throttle-bursts`, { method: "POST", body: JSON.stringify(body) });
        expect((await admin(null)).json()).toEqual({ throttleBursts: null });
        expect((await rest(emu, "GET", "/project/", { clock })).status).toBe(200);
        expect((await admin({ everyMs: "x" })).status).toBe(400);
        expect((await admin({ everyMs: 5_000, durationMs: 10 })).status).toBe(200);
        expect((await send(`${emu.url}/__emulator/state`, {})).json().throttleBursts).toEqual({
            everyMs: 5_000,
            durationMs: 10,
        });
    });
});
