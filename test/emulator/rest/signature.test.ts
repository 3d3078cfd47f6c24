import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { expectedRestSignature, restSignatureMatches } from "../../../src/emulator/rest/signature";
import { emulatorFixtures, V07 } from "../../support/emulatorFixtures";

// Published vectors V1–V4 (Uploadcare's docs and recorded traffic of its official clients). The emulator's own
// verification must accept them: the client's signing code (test/unit/client/sign.test.ts) is checked against the same
// vectors, so the two are independent implementations that must agree.
const VECTORS = [
    {
        name: "V1 docs",
        method: "GET",
        body: "",
        contentType: "application/json",
        date: "Mon, 05 Nov 2018 13:14:41 GMT",
        uri: "/files/?limit=1&stored=true",
        signature: "3cbc4d2cf91f80c1ba162b926f8a975e8bec7995",
    },
    {
        name: "V2 recorded DELETE with a body",
        method: "DELETE",
        body: '{"target_url":"http://example.com"}',
        contentType: "application/json",
        date: "Sun, 25 Dec 2022 11:52:02 GMT",
        uri: "/webhooks/unsubscribe/",
        signature: "002e6b7d40e088be059581433c1a298bd2b48b88",
    },
    {
        name: "V3 recorded GET with a query",
        method: "GET",
        body: "",
        contentType: "application/json",
        date: "Wed, 17 Apr 2024 12:18:49 GMT",
        uri: "/addons/aws_rekognition_detect_moderation_labels/execute/status/?request_id=0f4598dd-d168-4272-b49e-e7f9d2543542",
        signature: "8d1013b2dbb9eda1d1120df7cb7d5b9e0daf06e3",
    },
    {
        name: "V4 recorded GET",
        method: "GET",
        body: "",
        contentType: "application/json",
        date: "Tue, 30 Apr 2024 12:30:58 GMT",
        uri: "/convert/document/cd7a51d4-9776-4749-b749-c9fc691891f1/",
        signature: "219d67acad8d30c4b33e2eb4b14359bb1d82ebd8",
    },
];
const SECRET = "demoprivatekey";

/** The documented recipe, spelled out once more with node:crypto, to check the vectors themselves. */
function recompute(v: (typeof VECTORS)[number]): string {
    const md5 = createHash("md5").update(v.body).digest("hex");
    const text = [v.method, md5, v.contentType, v.date, v.uri].join("\n");
    return createHmac("sha1", SECRET).update(text).digest("hex");
}

const { emulator, send } = emulatorFixtures("uc-emulator-signature-");

describe("the emulator's own REST signature check", () => {
    it.each(VECTORS)("$name: the vector holds and the emulator computes it", (v) => {
        expect(recompute(v)).toBe(v.signature);
        const received = { ...v, body: Buffer.from(v.body) };
        expect(expectedRestSignature(received, SECRET)).toBe(v.signature);
        expect(restSignatureMatches(received, SECRET, v.signature)).toBe(true);
    });

    it.each(VECTORS)("$name: any changed part or key is refused", (v) => {
        const received = { ...v, body: Buffer.from(v.body) };
        const flipped = `${v.signature.slice(0, -1)}${v.signature.endsWith("0") ? "1" : "0"}`;
        expect(restSignatureMatches(received, SECRET, flipped)).toBe(false);
        expect(restSignatureMatches(received, "otherprivatekey", v.signature)).toBe(false);
        expect(restSignatureMatches({ ...received, uri: `${v.uri}x` }, SECRET, v.signature)).toBe(false);
        expect(restSignatureMatches({ ...received, body: Buffer.from(`${v.body} `) }, SECRET, v.signature)).toBe(false);
        expect(restSignatureMatches(received, SECRET, v.signature.slice(1))).toBe(false);
    });

    // V1 and V2 name routes the emulator has, so they go over a socket exactly as published (V3 and V4 name
    // add-on and conversion routes it answers 404 before authentication).
    it.each([
        [VECTORS[0] as (typeof VECTORS)[number], "testpk", 200],
        [VECTORS[1] as (typeof VECTORS)[number], "demopublickey", 404],
    ] as const)("accepts %#: the published request over HTTP, byte for byte", async (v, publicKey, status) => {
        const emu = await emulator({ publicKey, secretKey: SECRET, now: () => new Date(v.date) });
        const headers = {
            Accept: V07,
            "Content-Type": v.contentType,
            Date: v.date,
            Authorization: `Uploadcare ${publicKey}:${v.signature}`,
        };
        const init = { method: v.method, headers, ...(v.body ? { body: v.body } : {}) };
        const accepted = await send(`${emu.url}${v.uri}`, init);
        expect(accepted.status).toBe(status);
        if (status === 404) expect(accepted.json()).toEqual({ detail: "Not found." });
        const wrong = `Uploadcare ${publicKey}:${v.signature.replace(/^./, (c) => (c === "0" ? "1" : "0"))}`;
        const refused = await send(`${emu.url}${v.uri}`, { ...init, headers: { ...headers, Authorization: wrong } });
        expect(refused.status).toBe(401);
        expect(refused.json()).toEqual({ detail: "Invalid signature. Please check your Secret key." });
    });
});
