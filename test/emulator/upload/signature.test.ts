import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { expectedUploadSignature, uploadSignatureMatches } from "../../../src/emulator/upload/signature";
import { emulatorFixtures } from "../../support/emulatorFixtures";

// Published signed-upload vectors U1 (Uploadcare's @uploadcare/signed-uploads tests) and U2 (uploadcare-go's tests).
// The client's own signing (test/unit/client/sign.test.ts) is checked against the same ones.
const VECTORS = [
    {
        name: "U1",
        secret: "YOUR_SECRET_KEY",
        expire: "1678361640",
        signature: "93b69d086a487fbdfc36172b96a5d7f5afa7cb209e43e5f25890bc037e638584",
    },
    {
        name: "U2",
        secret: "project_secret_key",
        expire: "1454903856",
        signature: "d39a461d41f607338abffee5f31da4d4e46535651c87346e76906bf75c064d47",
    },
];

const { emulator, uploadForm } = emulatorFixtures("uc-emulator-upload-signature-");

describe("the emulator's own signed-upload check", () => {
    it.each(VECTORS)("$name: the vector holds and the emulator computes it", (v) => {
        expect(createHmac("sha256", v.secret).update(v.expire).digest("hex")).toBe(v.signature);
        expect(expectedUploadSignature(v.secret, v.expire)).toBe(v.signature);
        expect(uploadSignatureMatches(v.secret, v.expire, v.signature)).toBe(true);
        expect(uploadSignatureMatches(v.secret, String(Number(v.expire) + 1), v.signature)).toBe(false);
        expect(uploadSignatureMatches(`${v.secret}x`, v.expire, v.signature)).toBe(false);
        expect(uploadSignatureMatches(v.secret, v.expire, v.signature.toUpperCase())).toBe(false);
    });

    it.each(VECTORS)("$name: a group POST signed with the vector is accepted, a changed one refused", async (v) => {
        const now = () => new Date((Number(v.expire) - 60) * 1000);
        const emu = await emulator({ publicKey: "signedpk", secretKey: v.secret, signedUploads: true, now });
        const [file = ""] = emu.createFiles(1);
        const fields = (signature: string): [string, string][] => [
            ["pub_key", emu.publicKey],
            ["files[0]", file],
            ["signature", signature],
            ["expire", v.expire],
        ];
        const ok = await uploadForm(emu, "/group/", fields(v.signature));
        expect(ok.status).toBe(200);
        const changed = v.signature.replace(/^./, (c) => (c === "0" ? "1" : "0"));
        const refused = await uploadForm(emu, "/group/", fields(changed));
        expect([refused.status, refused.text]).toEqual([403, "Invalid signature."]);
    });
});
