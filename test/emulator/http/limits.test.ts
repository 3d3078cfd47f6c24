import { describe, expect, it } from "vitest";
import { httpDate, signRequest } from "../../../src/client/core/sign";
import { UploadcareEmulatorError } from "../../../src/emulator/errors";
import type { Emulator } from "../../../src/emulator/index";
import { emulatorFixtures, groupFields, rawHttp, rawStatus, V07 } from "../../support/emulatorFixtures";

const { emulator, send, uploadForm } = emulatorFixtures("uc-emulator-limits-");

/** The head of a request that announces `length` bytes of body; `extra` are more header lines. */
function head(emu: Emulator, method: string, path: string, length: number | "chunked", extra: string[] = []) {
    const host = new URL(emu.url).host;
    const size = length === "chunked" ? "Transfer-Encoding: chunked" : `Content-Length: ${length}`;
    return [`${method} ${path} HTTP/1.1`, `Host: ${host}`, size, ...extra].join("\n");
}

/** Signed REST headers for an empty body: everything the emulator can check before it reads one. */
function restHeaders(emu: Emulator, method: string, path: string): string[] {
    const date = httpDate(new Date());
    const signature = signRequest(
        { method, body: "", contentType: "application/json", date, uri: path },
        emu.secretKey,
    );
    return [
        `Accept: ${V07}`,
        "Content-Type: application/json",
        `X-Uploadcare-Date: ${date}`,
        `Authorization: Uploadcare ${emu.publicKey}:${signature}`,
    ];
}

describe("request body limits", () => {
    it("answers 413 from Content-Length alone, in each API's format, without reading the body", async () => {
        const emu = await emulator({ maxBodyBytes: 1024, maxUploadBodyBytes: 4096 });
        const big = 50 * 1024 * 1024;
        const restAnswer = await rawHttp(
            emu.url,
            head(emu, "PUT", "/files/storage/", big, restHeaders(emu, "PUT", "/files/storage/")),
        ).response;
        expect(rawStatus(restAnswer)).toBe(413);
        expect(restAnswer).toContain('{"detail":"Request body is too large."}');
        expect(restAnswer.toLowerCase()).toContain("connection: close");

        const group = await rawHttp(emu.url, head(emu, "POST", "/group/?jsonerrors=1", 2048)).response;
        expect(rawStatus(group)).toBe(413);
        expect(group).toContain('"error_code":"RequestTooLargeError"');
        const upload = await rawHttp(emu.url, head(emu, "POST", "/base/", 4097)).response;
        expect([rawStatus(upload), upload.endsWith("Request body is too large.")]).toEqual([413, true]);
        const admin = await rawHttp(emu.url, head(emu, "POST", "/__emulator/faults", 2048)).response;
        expect(rawStatus(admin)).toBe(413);
        expect(emu.requests.map((r) => r.status)).toEqual([413, 413, 413, 413]);
    });

    it("routes and authenticates first: unknown paths stay 404 and bad REST credentials 401", async () => {
        const emu = await emulator({ maxBodyBytes: 1024 });
        const unknown = await rawHttp(emu.url, head(emu, "POST", "/nowhere/", 1_000_000)).response;
        expect(rawStatus(unknown)).toBe(404);
        const unsigned = await rawHttp(emu.url, head(emu, "PUT", "/files/storage/", 1_000_000, [`Accept: ${V07}`]))
            .response;
        expect(rawStatus(unsigned)).toBe(401);
        expect(unsigned).toContain("Authentication credentials were not provided.");
        const wrongMethod = await rawHttp(emu.url, head(emu, "GET", "/base/", 1_000_000)).response;
        expect(rawStatus(wrongMethod)).toBe(405);
    });

    it("stops reading a chunked body once it passes the limit", async () => {
        const emu = await emulator({ maxBodyBytes: 1024 });
        const chunk = "x".repeat(800);
        const chunks = `${(800).toString(16)}\r\n${chunk}\r\n`.repeat(2);
        const { response } = rawHttp(emu.url, head(emu, "POST", "/group/", "chunked"), chunks);
        // No terminating chunk is ever sent: only the limit can end this request.
        expect(rawStatus(await response)).toBe(413);
        expect(emu.requests.map((r) => [r.path, r.status])).toEqual([["/group/", 413]]);
        expect((await send(`${emu.url}/group/`, { method: "POST" })).status).toBe(403);
    });

    it("takes bodies within the limits, the upload route with its own, larger one", async () => {
        const emu = await emulator({ seedFiles: 1, maxBodyBytes: 300, maxUploadBodyBytes: 5000 });
        const ok = await uploadForm(emu, "/group/", groupFields(emu, emu.seededFiles));
        expect(ok.status).toBe(200);
        const tooMany = await uploadForm(emu, "/group/", groupFields(emu, Array(10).fill(emu.seededFiles[0])));
        expect(tooMany.status).toBe(413);
        const fields: [string, string][] = [
            ["UPLOADCARE_PUB_KEY", emu.publicKey],
            ["notes", "n".repeat(1000)],
        ];
        const base = await uploadForm(emu, "/base/", fields, "multipart");
        expect(base.status).toBe(400);
        expect(base.text).toBe("Request does not contain files.");
    });
});

describe("concurrent uploads", () => {
    it("answers 429 with Retry-After over maxConcurrentUploads, and frees the slot when an upload ends", async () => {
        const emu = await emulator({ maxConcurrentUploads: 1 });
        const body = "UPLOADCARE_PUB_KEY=x";
        const slow = rawHttp(
            emu.url,
            head(emu, "POST", "/base/", body.length, ["Content-Type: application/x-www-form-urlencoded"]),
            body.slice(0, 5),
        );
        // Until the emulator has read the first upload's head, a second upload would pass (and answer 403).
        let refused = await send(`${emu.url}/base/?jsonerrors=1`, { method: "POST" });
        await expect
            .poll(async () => {
                refused = await send(`${emu.url}/base/?jsonerrors=1`, { method: "POST" });
                return refused.status;
            })
            .toBe(429);
        expect(refused.headers["retry-after"]).toBe("1");
        expect(refused.json().error.error_code).toBe("RequestThrottledError");
        expect(emu.requests.at(-1)?.fault).toBe("concurrent-uploads");

        slow.socket.end(body.slice(5));
        expect(rawStatus(await slow.response)).toBe(403);
        const after = await send(`${emu.url}/base/`, { method: "POST" });
        expect([after.status, after.text]).toEqual([403, "UPLOADCARE_PUB_KEY is required."]);
    });

    it("refuses a limit below 1", async () => {
        await expect(emulator({ maxConcurrentUploads: 0 })).rejects.toThrow(UploadcareEmulatorError);
    });
});
