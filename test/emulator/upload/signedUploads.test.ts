import { describe, expect, it } from "vitest";
import { uploadSignature } from "../../../src/client/core/sign";
import { emulatorFixtures, type Fields } from "../../support/emulatorFixtures";

const { sharedEmulator, uploadForm } = emulatorFixtures("uc-emulator-signed-");

describe("signed uploads", () => {
    const shared = sharedEmulator({ signedUploads: true });
    const { clock } = shared;

    it("requires a valid, unexpired HMAC-SHA256 signature", async () => {
        const [file = ""] = shared.emu.createFiles(1);
        const base: Fields = [
            ["pub_key", shared.emu.publicKey],
            ["files[0]", file],
        ];
        const expire = String(Math.floor(clock.ms / 1000) + 60);
        const cases: [Fields, number, string][] = [
            [[], 400, "`signature` is required."],
            [[["signature", uploadSignature(shared.emu.secretKey, expire)]], 400, "`expire` is required."],
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
                    ["signature", uploadSignature(shared.emu.secretKey, "1000")],
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
            const res = await uploadForm(shared.emu, "/group/", [...base, ...extra]);
            expect([res.status, res.text]).toEqual([status, text]);
        }
        const ok = await uploadForm(shared.emu, "/group/", [
            ...base,
            ["signature", uploadSignature(shared.emu.secretKey, expire)],
            ["expire", expire],
        ]);
        expect(ok.status).toBe(200);
    });
});
