import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { redact } from "../../../src/client/core/errors";
import {
    headersFor,
    UPLOAD_TOKEN_CLOCK_ALLOWANCE_SECONDS,
    UPLOAD_TOKEN_TTL_SECONDS,
} from "../../../src/client/core/headers";
import { uploadToken, uploadTokenScope } from "../../../src/client/core/sign";
import { checkUsageRange } from "../../../src/client/project/usage";

// The official test inputs of @uploadcare/signed-uploads' generateAuthToken (secret YOUR_SECRET_KEY, iat 1678359840,
// exp = iat + 3600, header {"alg":"HS256","typ":"JWT"}, payload {exp, iat}); the expected tokens are recomputed here
// with node:crypto, independently of the code under test.
const SECRET = "YOUR_SECRET_KEY";
const IAT = 1678359840;
const EXP = IAT + 3600;

function reference(payload: object): string {
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const unsigned = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(payload)}`;
    const key = createHash("sha256").update(SECRET).digest();
    return `${unsigned}.${createHmac("sha256", key).update(unsigned).digest("base64url")}`;
}

describe("upload tokens (JWT, HS256 keyed with the raw SHA-256 of the secret key)", () => {
    it("the key is the raw digest of the secret, and the unrestricted vector matches the recomputed token", () => {
        expect(createHash("sha256").update(SECRET).digest("hex")).toBe(
            "67e2ad7ac39c349aa94140872d31cc585440e06c5758f82448f59bc877a191d4",
        );
        const expected = reference({ exp: EXP, iat: IAT });
        expect(expected).toBe(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE2NzgzNjM0NDAsImlhdCI6MTY3ODM1OTg0MH0.8STB0bgfvWSXrEcRo_jZxWfBXc7o2VzcKJSSu8iodYw",
        );
        expect(uploadToken(SECRET, { iat: IAT, exp: EXP })).toBe(expected);
    });

    it("the restricted vector's signature matches too (scope plus an operations limit, recomputed)", () => {
        const uc = { restrictions: { scope: ["/base/", "/multipart/*"], limits: { operations: 10 } } };
        const signature = reference({ exp: EXP, iat: IAT, uc }).split(".")[2];
        expect(signature).toBe("ffkWKJ7n2wzoKF6Ujhm5umfyVsDY9ob12FJGlX47f4s");
    });

    it("a scope goes under uc.restrictions.scope; an empty one leaves uc out", () => {
        const scoped = uploadToken(SECRET, { iat: IAT, exp: EXP, scope: ["/base/"] });
        expect(scoped).toBe(reference({ exp: EXP, iat: IAT, uc: { restrictions: { scope: ["/base/"] } } }));
        expect(uploadToken(SECRET, { iat: IAT, exp: EXP, scope: [] })).toBe(reference({ exp: EXP, iat: IAT }));
    });

    it.each([
        ["/base/?jsonerrors=1", ["/base/"]],
        ["/group/?jsonerrors=1", ["/group/"]],
        ["/multipart/start/?jsonerrors=1", ["/multipart/*"]],
        ["/multipart/complete/", ["/multipart/*"]],
        ["/from_url/?jsonerrors=1", ["/from_url/*"]],
        ["/info/", undefined],
    ])("the scope of %s is %j", (path, scope) => {
        expect(uploadTokenScope(path)).toEqual(scope);
    });

    it("an upload POST gets a Bearer token of a few minutes scoped to its endpoint; part PUTs and GETs get none", () => {
        const config = { publicKey: "pk", secretKey: SECRET, apiBaseUrl: "x", uploadBaseUrl: "x", signUploads: true };
        const now = new Date(IAT * 1000);
        const post = headersFor(
            { api: "upload", method: "POST", path: "/base/", ok: [200], idempotent: false },
            config,
            "ua",
            now,
        );
        expect(post.authorization).toBe(
            `Bearer ${uploadToken(SECRET, { iat: IAT - 60, exp: IAT + UPLOAD_TOKEN_TTL_SECONDS, scope: ["/base/"] })}`,
        );
        // Issued a minute back (a clock slightly ahead of Uploadcare's), alive for minutes, not the 24 h maximum.
        expect(UPLOAD_TOKEN_CLOCK_ALLOWANCE_SECONDS).toBe(60);
        expect(UPLOAD_TOKEN_TTL_SECONDS).toBeLessThanOrEqual(900);
        const part = {
            api: "upload",
            method: "PUT",
            path: "/p",
            url: "https://s3/p",
            ok: [200],
            idempotent: true,
        } as const;
        expect(headersFor(part, config, "ua", now).authorization).toBeUndefined();
        const get = { api: "upload", method: "GET", path: "/info/", ok: [200], idempotent: true } as const;
        expect(headersFor(get, config, "ua", now).authorization).toBeUndefined();
        const legacy = headersFor(
            { ...part, method: "POST", path: "/base/" },
            { ...config, signUploads: "legacy" },
            "ua",
            now,
        );
        expect(legacy.authorization).toBeUndefined();
    });

    it("a Project API call carries the account token; without one it fails naming the setting", () => {
        const call = { api: "project", method: "GET", path: "/projects/", ok: [200], idempotent: true } as const;
        const config = { publicKey: "", apiBaseUrl: "x", uploadBaseUrl: "x", projectApiToken: "t0ken-value" };
        expect(headersFor(call, config, "ua", new Date()).authorization).toBe("Bearer t0ken-value");
        expect(headersFor(call, config, "ua", new Date()).accept).toBeUndefined();
        expect(() => headersFor(call, { ...config, projectApiToken: "" }, "ua", new Date())).toThrow(
            /uploadcare:projectApiToken .*UPLOADCARE_PROJECT_API_TOKEN/,
        );
    });

    it("redaction hides Bearer credentials whatever their value", () => {
        expect(redact('sent "Authorization: Bearer abc.def.ghi", then bearer xyz', [])).toBe(
            'sent "Authorization: Bearer [REDACTED]", then bearer [REDACTED]',
        );
    });
});

describe("usage range (checked before the request)", () => {
    it("accepts up to 90 days between from and to", () => {
        expect(() => checkUsageRange("2026-01-01", "2026-04-01")).not.toThrow();
        expect(() => checkUsageRange("2026-03-05", "2026-03-05")).not.toThrow();
    });

    it.each([
        ["2026-01-01", "2026-04-02", /at most 90 days after from \(2026-01-01\), got 2026-04-02: 91 days/],
        ["2026-02-02", "2026-02-01", /to must not be before from/],
        ["2026-02-30", "2026-03-01", /from must be a date as YYYY-MM-DD, got the string "2026-02-30"/],
        ["2026-01-01", "01/02/2026", /to must be a date as YYYY-MM-DD/],
    ])("refuses %s → %s", (from, to, message) => {
        expect(() => checkUsageRange(from, to)).toThrow(message);
        try {
            checkUsageRange(from, to);
        } catch (error) {
            expect((error as { code: string }).code).toBe("UPLOADCARE_INPUT");
        }
    });
});
