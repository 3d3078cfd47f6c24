import { describe, expect, it } from "vitest";
import { emulatorFixtures } from "../../support/emulatorFixtures";

const { sharedEmulator, send, uploadForm } = emulatorFixtures("uc-emulator-parts-");

const MIB = 1024 * 1024;
const SIZE = 10 * MIB + 123;
/** Every part different, so a part at the wrong offset changes the file. */
const DATA = Buffer.alloc(SIZE);
for (let i = 0; i < SIZE; i += 512) DATA.writeUInt32BE(i, i);

describe("multipart part URLs carry S3's partNumber, and each part lands where its number says", () => {
    const shared = sharedEmulator();

    async function start() {
        const res = await uploadForm(shared.emu, "/multipart/start/", [
            ["UPLOADCARE_PUB_KEY", shared.emu.publicKey],
            ["filename", "parts.bin"],
            ["size", String(SIZE)],
            ["content_type", "application/octet-stream"],
        ]);
        expect(res.status).toBe(200);
        return res.json() as { uuid: string; parts: string[] };
    }

    it("parts PUT out of order, each placed by the partNumber read from its URL (as uploadcare-go does)", async () => {
        const { uuid, parts } = await start();
        expect(parts.map((url) => new URL(url).searchParams.get("partNumber"))).toEqual(["1", "2", "3"]);
        expect(parts.every((url) => new URL(url).searchParams.get("uploadId") === uuid)).toBe(true);
        // Sent last part first, each URL with the bytes its own partNumber names.
        for (const url of [...parts].reverse()) {
            const n = Number(new URL(url).searchParams.get("partNumber"));
            const body = DATA.subarray((n - 1) * 5 * MIB, n * 5 * MIB);
            const res = await send(url, {
                method: "PUT",
                body: body as never,
                headers: { "Content-Type": "application/octet-stream" },
            });
            expect(res.status, url).toBe(200);
        }
        const done = await uploadForm(shared.emu, "/multipart/complete/", [
            ["uuid", uuid],
            ["UPLOADCARE_PUB_KEY", shared.emu.publicKey],
        ]);
        expect(done.status).toBe(200);
        expect((await shared.emu.fileBytes(uuid))?.equals(DATA)).toBe(true);
    });

    it("a missing or out-of-range partNumber is S3's InvalidArgument", async () => {
        const { parts } = await start();
        const url = new URL(parts[0] ?? "");
        for (const n of [null, "0", "4", "1.5", "x"]) {
            if (n === null) url.searchParams.delete("partNumber");
            else url.searchParams.set("partNumber", n);
            const res = await send(url.href, { method: "PUT", body: "x" });
            expect(res.status, String(n)).toBe(400);
            expect(res.text, String(n)).toContain("<Code>InvalidArgument</Code>");
        }
    });
});
