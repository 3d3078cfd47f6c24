import { beforeAll, describe, expect, it } from "vitest";
import { uploadSignature } from "../../src/client/sign";
import type { Emulator } from "../../src/emulator/index";
import { emulatorFixtures, type Fields, makeClock } from "../support/emulatorFixtures";

const { emulator, uploadForm } = emulatorFixtures("uc-emulator-signed-");

describe("signed uploads", () => {
    const clock = makeClock();
    let emu: Emulator;
    beforeAll(async () => {
        emu = await emulator({ now: clock.now, signedUploads: true });
    });

    it("requires a valid, unexpired HMAC-SHA256 signature", async () => {
        const [file = ""] = emu.createFiles(1);
        const base: Fields = [
            ["pub_key", emu.publicKey],
            ["files[0]", file],
        ];
        const expire = String(Math.floor(clock.ms / 1000) + 60);
        const cases: [Fields, number, string][] = [
            [[], 400, "`signature` is required."],
            [[["signature", uploadSignature(emu.secretKey, expire)]], 400, "`expire` is required."],
            [
                [
                    ["signature", "x"],
                    ["expire", "soon"],
                ],
                400,
                "`expire` must be a UNIX timestamp.",
            ],
            [
                [
                    ["signature", uploadSignature(emu.secretKey, "1000")],
                    ["expire", "1000"],
                ],
                403,
                "Expired signature.",
            ],
            [
                [
                    ["signature", uploadSignature("wrong", expire)],
                    ["expire", expire],
                ],
                403,
                "Invalid signature.",
            ],
        ];
        for (const [extra, status, text] of cases) {
            const res = await uploadForm(emu, "/group/", [...base, ...extra]);
            expect([res.status, res.text]).toEqual([status, text]);
        }
        const ok = await uploadForm(emu, "/group/", [
            ...base,
            ["signature", uploadSignature(emu.secretKey, expire)],
            ["expire", expire],
        ]);
        expect(ok.status).toBe(200);
    });
});
