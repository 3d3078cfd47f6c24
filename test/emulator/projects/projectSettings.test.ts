import { createHash, createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { FormData } from "undici";
import { describe, expect, it } from "vitest";
import type { Emulator } from "../../../src/emulator/index";
import { emulatorFixtures, makeClock } from "../../support/emulatorFixtures";

const TOKEN = "account-token-0123456789";
const { emulator, send, rest } = emulatorFixtures("uc-project-settings-");

/** A JWT minted here with node:crypto, apart from the client's code: HS256 keyed with the raw SHA-256 of `secret`. */
function jwt(secret: string, payload: object, header: object = { alg: "HS256", typ: "JWT" }): string {
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const unsigned = `${b64(header)}.${b64(payload)}`;
    const key = createHash("sha256").update(secret).digest();
    return `${unsigned}.${createHmac("sha256", key).update(unsigned).digest("base64url")}`;
}

function api(emu: Emulator, method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };
    return send(`${emu.url}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

/** A project made through the API with `features`, and one secret key of it. */
async function project(emu: Emulator, features: object = {}) {
    const made = (await api(emu, "POST", "/projects/", { name: "p", features })).json() as { pub_key: string };
    const key = (await api(emu, "POST", `/projects/${made.pub_key}/secrets/`)).json() as { secret: string };
    return { publicKey: made.pub_key, secretKey: key.secret };
}

/** `POST /base/` of `bytes` for `publicKey`, with extra fields and headers. */
function upload(
    emu: Emulator,
    publicKey: string,
    o: { bytes?: number; fields?: [string, string][]; headers?: Record<string, string>; path?: string } = {},
) {
    const form = new FormData();
    form.append("UPLOADCARE_PUB_KEY", publicKey);
    for (const [k, v] of o.fields ?? []) form.append(k, v);
    form.append("file", new Blob([Buffer.alloc(o.bytes ?? 10, 1)]), "a.bin");
    return send(`${emu.url}${o.path ?? "/base/"}?jsonerrors=1`, {
        method: "POST",
        body: form,
        headers: o.headers ?? {},
    });
}

describe("a project's settings take effect", () => {
    it("its keys work on both APIs; soft delete stops them with the unknown-key answers", async () => {
        const emu = await emulator({ projectApiToken: TOKEN });
        const keys = await project(emu);
        const target = { ...emu, ...keys };
        expect((await rest(target, "GET", "/project/")).status).toBe(200);
        expect((await upload(emu, keys.publicKey)).status).toBe(200);
        expect(emu.files(keys.publicKey)).toHaveLength(1);

        expect((await api(emu, "DELETE", `/projects/${keys.publicKey}/`)).status).toBe(204);
        const refused = await rest(target, "GET", "/project/");
        expect(refused.status).toBe(401);
        expect(refused.json()).toEqual({ detail: `Public key ${keys.publicKey} not found.` });
        const upload403 = await upload(emu, keys.publicKey);
        expect(upload403.status).toBe(403);
        expect(upload403.json().error.content).toBe("UPLOADCARE_PUB_KEY is invalid.");
    });

    it("autostore off: UPLOADCARE_STORE=auto leaves the file temporary; REST project info says so", async () => {
        const emu = await emulator({ projectApiToken: TOKEN });
        const keys = await project(emu, { uploads: { autostore: false } });
        const res = await upload(emu, keys.publicKey, { fields: [["UPLOADCARE_STORE", "auto"]] });
        expect(res.status).toBe(200);
        expect(emu.files(keys.publicKey)[0]?.datetimeStored).toBeNull();
        expect((await rest({ ...emu, ...keys }, "GET", "/project/")).json().autostore_enabled).toBe(false);
        await api(emu, "POST", `/projects/${keys.publicKey}/`, { features: { uploads: { autostore: true } } });
        await upload(emu, keys.publicKey, { fields: [["UPLOADCARE_STORE", "auto"]] });
        expect(emu.files(keys.publicKey).filter((f) => f.datetimeStored !== null)).toHaveLength(1);
    });

    it("filesize_limit: an upload over it fails with 400 'File size exceeds project limit.', at the limit it passes", async () => {
        const emu = await emulator({ projectApiToken: TOKEN });
        const keys = await project(emu, { uploads: { filesize_limit: 100 } });
        const over = await upload(emu, keys.publicKey, { bytes: 101 });
        expect(over.status).toBe(400);
        expect(over.json().error).toEqual({
            content: "File size exceeds project limit.",
            status_code: 400,
            error_code: "FileSizeLimitExceededError",
        });
        expect((await upload(emu, keys.publicKey, { bytes: 100 })).status).toBe(200);
        const start = new URLSearchParams({
            UPLOADCARE_PUB_KEY: keys.publicKey,
            filename: "big.bin",
            size: String(20 * 1024 * 1024),
            content_type: "application/octet-stream",
        });
        const multipart = await send(`${emu.url}/multipart/start/?jsonerrors=1`, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: start.toString(),
        });
        expect(multipart.json().error.error_code).toBe("FileSizeLimitExceededError");
    });
});

describe("filesize_limit on from_url", () => {
    it("a download over the limit ends in the status as FileSizeLimitExceededError, and no file is made", async () => {
        const source = createServer((_req, res) => res.end(Buffer.alloc(200, 7)));
        await new Promise<void>((resolve) => source.listen(0, "127.0.0.1", resolve));
        try {
            const emu = await emulator({ projectApiToken: TOKEN, allowLoopbackSources: true });
            const keys = await project(emu, { uploads: { filesize_limit: 100 } });
            const url = `http://127.0.0.1:${(source.address() as AddressInfo).port}/big.bin`;
            const body = new URLSearchParams({ pub_key: keys.publicKey, source_url: url }).toString();
            const headers = { "Content-Type": "application/x-www-form-urlencoded" };
            const started = (await send(`${emu.url}/from_url/`, { method: "POST", headers, body })).json();
            let status: { status: string; error_code?: string; error?: string } = { status: "waiting" };
            for (let i = 0; i < 100 && (status.status === "waiting" || status.status === "progress"); i++) {
                await new Promise((resolve) => setTimeout(resolve, 20));
                status = (await send(`${emu.url}/from_url/status/?token=${started.token}`)).json();
            }
            expect(status).toEqual({
                status: "error",
                error: "File size exceeds project limit.",
                error_code: "FileSizeLimitExceededError",
            });
            expect(emu.files(keys.publicKey)).toEqual([]);
        } finally {
            source.close();
        }
    });
});

describe("signed uploads with tokens (JWT)", () => {
    const clock = makeClock(Date.UTC(2026, 10, 26, 12));
    const now = () => Math.floor(clock.ms / 1000);
    async function signed() {
        const emu = await emulator({ projectApiToken: TOKEN, now: clock.now });
        return { emu, keys: await project(emu, { uploads: { is_signed_upload_enabled: true } }) };
    }
    const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

    it("needs a credential; a token signed with any of the project's keys passes", async () => {
        const { emu, keys } = await signed();
        expect((await upload(emu, keys.publicKey)).json().error.error_code).toBe("SignatureRequiredError");
        const token = jwt(keys.secretKey, { exp: now() + 300, iat: now() });
        expect((await upload(emu, keys.publicKey, { headers: bearer(token) })).status).toBe(200);
        const second = (await api(emu, "POST", `/projects/${keys.publicKey}/secrets/`)).json();
        const other = jwt(second.secret, { exp: now() + 300, iat: now(), uc: { restrictions: { scope: ["/base/"] } } });
        expect((await upload(emu, keys.publicKey, { headers: bearer(other) })).status).toBe(200);
    });

    it("an expired token is 401 AccessTokenExpiredError 'Expired token.'", async () => {
        const { emu, keys } = await signed();
        const res = await upload(emu, keys.publicKey, {
            headers: bearer(jwt(keys.secretKey, { exp: now() - 1, iat: now() - 60 })),
        });
        expect(res.status).toBe(401);
        expect(res.json().error).toEqual({
            content: "Expired token.",
            status_code: 401,
            error_code: "AccessTokenExpiredError",
        });
    });

    it.each([
        ["another key", (s: string) => jwt(`${s}x`, { iat: 0, exp: 1 }), "bad signature"],
        ["not a JWT", () => "abc", "malformed token"],
        ["HS512", (s: string) => jwt(s, { iat: 1 }, { alg: "HS512" }), "unsupported algorithm"],
        ["no iat", (s: string) => jwt(s, { exp: 4_000_000_000 }), "iat is required"],
        ["iat ahead", (s: string) => jwt(s, { iat: 4_000_000_000 }), "iat is in the future"],
        [
            "over 24 h",
            (s: string) => jwt(s, { iat: 1_790_000_000, exp: 1_790_086_401 }),
            "exp must be a number at most 24 hours after iat",
        ],
        ["an unknown claim", (s: string) => jwt(s, { iat: 1_790_000_000, role: "x" }), "unknown claim role"],
        [
            "a bad scope",
            (s: string) => jwt(s, { iat: 1_790_000_000, uc: { restrictions: { scope: ["/base*"] } } }),
            'invalid scope item "/base*"',
        ],
        [
            "an empty scope",
            (s: string) => jwt(s, { iat: 1_790_000_000, uc: { restrictions: { scope: [] } } }),
            "scope must list 1 to 16 endpoints",
        ],
        [
            "a bad limit",
            (s: string) => jwt(s, { iat: 1_790_000_000, uc: { restrictions: { limits: { operations: 0 } } } }),
            "limits.operations must be a whole number from 1 to 100000",
        ],
        [
            "an unknown restriction",
            (s: string) => jwt(s, { iat: 1_790_000_000, uc: { restrictions: { x: 1 } } }),
            "unknown restriction x",
        ],
        ["a malformed uc", (s: string) => jwt(s, { iat: 1_790_000_000, uc: 1 }), "malformed uc claim"],
    ])("refuses a token with %s: 401 'Invalid token. Reason: …'", async (_name, make, reason) => {
        const { emu, keys } = await signed();
        const res = await upload(emu, keys.publicKey, { headers: bearer(make(keys.secretKey)) });
        expect(res.status).toBe(401);
        expect(res.json().error).toEqual({
            content: `Invalid token. Reason: ${reason}`,
            status_code: 401,
            error_code: "AccessTokenInvalidError",
        });
    });

    it("scope: exact items and whole-segment /* prefixes allow; anything else is a 403", async () => {
        const { emu, keys } = await signed();
        const scoped = (scope: string[]) =>
            bearer(
                jwt(keys.secretKey, {
                    exp: now() + 60,
                    iat: now(),
                    uc: { restrictions: { scope, limits: { operations: 5 } } },
                }),
            );
        expect((await upload(emu, keys.publicKey, { headers: scoped(["/*"]) })).status).toBe(200);
        expect((await upload(emu, keys.publicKey, { headers: scoped(["/group/", "/base/"]) })).status).toBe(200);
        const out = await upload(emu, keys.publicKey, { headers: scoped(["/multipart/*", "/bas/*"]) });
        expect(out.status).toBe(403);
        expect(out.json().error).toEqual({
            content: "Token scope does not allow /base/.",
            status_code: 403,
            error_code: "AccessTokenScopeError",
        });
    });

    it("a legacy signature is checked first, and the header then ignored", async () => {
        const { emu, keys } = await signed();
        const expire = String(now() + 60);
        const signature = createHmac("sha256", keys.secretKey).update(expire).digest("hex");
        const headers = bearer("not-a-token");
        expect(
            (
                await upload(emu, keys.publicKey, {
                    headers,
                    fields: [
                        ["signature", signature],
                        ["expire", expire],
                    ],
                })
            ).status,
        ).toBe(200);
        const wrong = await upload(emu, keys.publicKey, {
            headers: bearer(jwt(keys.secretKey, { iat: now() })),
            fields: [
                ["signature", "0"],
                ["expire", expire],
            ],
        });
        expect(wrong.json().error.error_code).toBe("SignatureInvalidError");
    });

    it("the option signedUploads applies to the options' projects; tokens are recorded with recordSignatures", async () => {
        const emu = await emulator({ signedUploads: true, recordSignatures: true, now: clock.now });
        const token = jwt(emu.secretKey, { iat: now() });
        expect((await upload(emu, emu.publicKey, { headers: bearer(token) })).status).toBe(200);
        expect(emu.signatures()).toEqual([token]);
    });
});
