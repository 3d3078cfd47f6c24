import { describe, expect, it } from "vitest";
import { uploadSignature } from "../../../src/client/core/sign";
import { emulatorFixtures, makeClock } from "../../support/emulatorFixtures";

const { emulator, sharedEmulator, send, rest, uploadForm, createGroup } = emulatorFixtures("uc-emulator-log-");

describe("request log", () => {
    const shared = sharedEmulator({ seedFiles: 1 });
    const { clock } = shared;

    it("logs every request in order without keys or Authorization", async () => {
        shared.emu.clearRequests();
        await rest(shared.emu, "GET", "/project/", { clock });
        await rest(shared.emu, "GET", "/project/", { clock, secret: "wrong" });
        const group = await createGroup(shared.emu, shared.emu.seededFiles);
        await send(
            `${shared.emu.url}/group/info/?pub_key=${shared.emu.publicKey}&group_id=${group.id}&jsonerrors=1`,
            {},
        );
        expect(shared.emu.requests.map((r) => [r.api, r.method, r.status])).toEqual([
            ["rest", "GET", 200],
            ["rest", "GET", 401],
            ["upload", "POST", 200],
            ["upload", "GET", 200],
        ]);
        expect(shared.emu.requests[3]?.path).toBe(`/group/info/?pub_key=***&group_id=${group.id}&jsonerrors=1`);
        const dump = JSON.stringify(shared.emu.requests);
        expect(dump).not.toContain(shared.emu.secretKey);
        expect(dump).not.toContain(shared.emu.publicKey);
        expect(dump).not.toContain("Uploadcare");
        for (const r of shared.emu.requests) expect(r.time).toBe(clock.now().toISOString());
    });

    it("logs the values of unknown query parameters as ***, known ones as sent", async () => {
        shared.emu.clearRequests();
        const file = shared.emu.seededFiles[0];
        await send(`${shared.emu.url}/info/?pub_key=${shared.emu.publicKey}&file_id=${file}&q=hunter2&x%3Dy=s3cr3t`);
        await send(`${shared.emu.url}/from_url/status/?token=t0ken&jsonerrors=1&flag`);
        await rest(shared.emu, "GET", "/files/?limit=2&stored=true&api_key=k3y", { clock });
        expect(shared.emu.requests.map((r) => r.path)).toEqual([
            `/info/?pub_key=***&file_id=${file}&q=***&x%3Dy=***`,
            "/from_url/status/?token=***&jsonerrors=1&flag",
            "/files/?limit=2&stored=true&api_key=***",
        ]);
    });

    it("keeps only the newest requestLogLimit log entries", async () => {
        const emu = await emulator({ now: clock.now, requestLogLimit: 3 });
        for (let i = 0; i < 5; i++) await rest(emu, "GET", "/project/", { clock });
        expect(emu.requests).toHaveLength(3);
    });
});

describe("recordSignatures", () => {
    const clock = makeClock();

    it("records signatures only when asked, in process only", async () => {
        const plain = await emulator({ now: clock.now, seedFiles: 1 });
        await rest(plain, "GET", "/project/", { clock });
        expect(plain.signatures()).toEqual([]);

        const emu = await emulator({ now: clock.now, seedFiles: 1, recordSignatures: true, signedUploads: true });
        await rest(emu, "GET", "/project/", { clock });
        const expire = String(Math.floor(clock.ms / 1000) + 600);
        const signature = uploadSignature(emu.secretKey, Number(expire));
        await uploadForm(emu, "/group/?jsonerrors=1", [
            ["pub_key", emu.publicKey],
            ["files[0]", emu.seededFiles[0] ?? ""],
            ["signature", signature],
            ["expire", expire],
        ]);
        const [restSignature, uploadSig] = emu.signatures();
        expect(restSignature).toMatch(/^[0-9a-f]{40}$/);
        expect(uploadSig).toBe(signature);
        const state = (await send(`${emu.url}/__emulator/state`, {})).text;
        const log = (await send(`${emu.url}/__emulator/requests`, {})).text;
        for (const s of emu.signatures()) {
            expect(state).not.toContain(s);
            expect(log).not.toContain(s);
        }
    });
});
