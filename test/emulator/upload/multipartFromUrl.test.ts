import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FormData } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../src/emulator/index";
import { emulatorFixtures, UUID } from "../../support/emulatorFixtures";

const { emulator, send, uploadForm, sharedEmulator } = emulatorFixtures("uc-emulator-multipart-");

const MIB = 1024 * 1024;
const SIZE = 10 * MIB + 123;
const DATA = Buffer.alloc(SIZE, 0);
for (let i = 0; i < SIZE; i += 4096) DATA[i] = i % 251;

function start(emu: Emulator, extra: [string, string][] = []) {
    return uploadForm(emu, "/multipart/start/", [
        ["UPLOADCARE_PUB_KEY", emu.publicKey],
        ["filename", "big.bin"],
        ["size", String(SIZE)],
        ["content_type", "application/x-big"],
        ["UPLOADCARE_STORE", "1"],
        ...extra,
    ]);
}

function putPart(url: string, data: Buffer) {
    return send(url, { method: "PUT", body: data.toString("latin1"), headers: { "Content-Type": "" } });
}

async function sendParts(parts: string[], partSize = 5 * MIB) {
    for (const [i, url] of parts.entries()) {
        const res = await send(url, { method: "PUT", body: DATA.subarray(i * partSize, (i + 1) * partSize) as never });
        expect(res.status).toBe(200);
        expect(res.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    }
}

function complete(emu: Emulator, uuid: string, query = "") {
    return uploadForm(emu, `/multipart/complete/${query}`, [
        ["uuid", uuid],
        ["UPLOADCARE_PUB_KEY", emu.publicKey],
    ]);
}

describe("multipart uploads", () => {
    const shared = sharedEmulator();

    it("start → part PUTs on the emulator's own URL → complete gives the file, bytes and sha256 intact", async () => {
        const started = await start(shared.emu, [["metadata[kind]", "big"]]);
        expect(started.status).toBe(200);
        const { uuid, parts } = started.json();
        expect(uuid).toMatch(UUID);
        expect(parts).toHaveLength(3);
        expect(parts[0]).toMatch(
            new RegExp(
                `^${shared.emu.url}/multipart/part/${uuid}/\\?partNumber=1&uploadId=${uuid}&token=[0-9a-f]{32}$`,
            ),
        );
        const early = await complete(shared.emu, uuid);
        expect(early.status).toBe(400);
        expect(early.text).toBe("File size mismatch. Not all parts uploaded?");
        await sendParts(parts);
        // A part sent again replaces the earlier one.
        await sendParts(parts.slice(0, 1));
        const done = await complete(shared.emu, uuid);
        expect(done.status).toBe(200);
        expect(done.json()).toMatchObject({ uuid, size: SIZE, is_stored: true, metadata: { kind: "big" } });
        expect(done.json().mime_type).toBe("application/x-big");
        const file = shared.emu.files().find((f) => f.uuid === uuid);
        expect(file?.sha256).toBe(createHash("sha256").update(DATA).digest("hex"));
        expect((await shared.emu.fileBytes(uuid))?.equals(DATA)).toBe(true);
        const again = await complete(shared.emu, uuid, "?jsonerrors=1");
        expect(again.json().error.error_code).toBe("MultipartFileAlreadyUploadedError");
    });

    it("refuses files under 10,485,760 bytes, bad part sizes, wrong tokens and oversized parts", async () => {
        const small = await uploadForm(shared.emu, "/multipart/start/?jsonerrors=1", [
            ["UPLOADCARE_PUB_KEY", shared.emu.publicKey],
            ["filename", "small.bin"],
            ["size", "10485759"],
        ]);
        expect(small.json().error).toMatchObject({ error_code: "MultipartFileSizeTooSmallError", status_code: 400 });
        expect((await start(shared.emu, [["part_size", "1024"]])).text).toBe(
            "Multipart Upload Part Size can not be less than 5242880 bytes.",
        );
        const { uuid, parts } = (await start(shared.emu)).json();
        const forged = parts[0].replace(/token=[0-9a-f]+/, "token=0000");
        expect((await putPart(forged, Buffer.from("x"))).status).toBe(403);
        const tooBig = await send(parts[2], { method: "PUT", body: Buffer.alloc(MIB) as never });
        expect(tooBig.status).toBe(400);
        expect(tooBig.text).toContain("<Code>EntityTooLarge</Code>");
        expect(
            (await send(`${shared.emu.url}/multipart/part/${uuid}/?partNumber=9&token=x`, { method: "PUT" })).status,
        ).toBe(403);
        expect((await complete(shared.emu, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    });

    it("applies faults to parts and to complete: reset-after on complete still makes the file", async () => {
        const emu = await emulator();
        const { uuid, parts } = (await start(emu)).json();
        emu.injectFaults([{ method: "PUT", path: "/multipart/part/", action: "status", status: 503 }]);
        expect((await send(parts[0], { method: "PUT", body: DATA.subarray(0, 5 * MIB) as never })).status).toBe(503);
        await sendParts(parts);
        emu.injectFaults([{ path: "/multipart/complete/", action: "reset-after" }]);
        await expect(complete(emu, uuid)).rejects.toThrow();
        expect(emu.files().map((f) => f.uuid)).toEqual([uuid]);
    });
});

describe("uploads from URL", () => {
    const shared = sharedEmulator({ allowLoopbackSources: true });
    let origin: Server;
    let base = "";
    const hanging: import("node:http").ServerResponse[] = [];

    beforeAll(async () => {
        origin = createServer((req, res) => {
            if (req.url === "/cat.txt") res.end("meow");
            else if (req.url === "/hang") hanging.push(res);
            else {
                res.statusCode = 404;
                res.end("no");
            }
        });
        await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
        base = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
        for (const res of hanging) res.destroy();
        await new Promise((resolve) => origin.close(resolve));
    });

    async function statusOf(emu: Emulator, token: string, until: (status: string) => boolean) {
        for (let i = 0; i < 200; i++) {
            const body = (await send(`${emu.url}/from_url/status/?token=${token}`)).json();
            if (until(body.status)) return body;
            await new Promise((resolve) => setTimeout(resolve, 10));
        }
        throw new Error("status never changed");
    }

    function fromUrl(emu: Emulator, fields: [string, string][]) {
        return uploadForm(emu, "/from_url/?jsonerrors=1", [["pub_key", emu.publicKey], ...fields]);
    }

    it("downloads loopback URLs and reports success with the file info", async () => {
        const res = await fromUrl(shared.emu, [
            ["source_url", `${base}/cat.txt`],
            ["store", "0"],
            ["metadata[from]", "url"],
            ["save_URL_duplicates", "1"],
        ]);
        expect(res.json().type).toBe("token");
        const done = await statusOf(shared.emu, res.json().token, (s) => s === "success");
        expect(done).toMatchObject({
            original_filename: "cat.txt",
            size: 4,
            is_stored: false,
            metadata: { from: "url" },
        });
        expect((await shared.emu.fileBytes(done.uuid))?.toString()).toBe("meow");
        const duplicate = await fromUrl(shared.emu, [
            ["source_url", `${base}/cat.txt`],
            ["check_URL_duplicates", "1"],
        ]);
        expect(duplicate.json()).toMatchObject({ type: "file_info", uuid: done.uuid });
    });

    it("reports download failures, unknown tokens, and never leaves the machine", async () => {
        const missing = await fromUrl(shared.emu, [["source_url", `${base}/nope`]]);
        const failed = await statusOf(shared.emu, missing.json().token, (s) => s === "error");
        expect(failed).toEqual({
            status: "error",
            error: "HTTP client error: 404 Not Found.",
            error_code: "DownloadFileHTTPClientError",
        });
        const remote = await fromUrl(shared.emu, [["source_url", "https://example.com/cat.jpg"]]);
        const far = await statusOf(shared.emu, remote.json().token, (s) => s === "error");
        expect(far).toMatchObject({ error: "Host does not exist.", error_code: "HostnameNotFoundError" });
        const unknown = await send(`${shared.emu.url}/from_url/status/?token=nope`);
        expect(unknown.json()).toEqual({ status: "unknown" });
        const hangs = await fromUrl(shared.emu, [["source_url", `${base}/hang`]]);
        await new Promise((resolve) => setTimeout(resolve, 50));
        const waiting = (await send(`${shared.emu.url}/from_url/status/?token=${hangs.json().token}`)).json();
        expect(["waiting", "progress"]).toContain(waiting.status);
    });

    it("refuses invalid and private source URLs at once, with the documented codes", async () => {
        const codes: Record<string, string> = {
            "ftp://127.0.0.1/x": "URLSchemeInvalidError",
            "not a url": "URLParsingFailedError",
            "http://10.1.2.3/x": "URLHostPrivateIPForbiddenError",
            "http://192.168.0.1/x": "URLHostPrivateIPForbiddenError",
        };
        for (const [url, code] of Object.entries(codes)) {
            const res = await fromUrl(shared.emu, [["source_url", url]]);
            expect(res.status, url).toBe(400);
            expect(res.json().error.error_code, url).toBe(code);
        }
        expect((await fromUrl(shared.emu, [])).json().error.error_code).toBe("SourceURLRequiredError");
        expect((await send(`${shared.emu.url}/from_url/status/?jsonerrors=1`)).json().error.error_code).toBe(
            "TokenRequiredError",
        );
    });

    it("reset-after on POST /from_url/ starts the download all the same", async () => {
        const emu = await emulator({ allowLoopbackSources: true });
        emu.injectFaults([{ path: "/from_url/", method: "POST", action: "reset-after" }]);
        await expect(fromUrl(emu, [["source_url", `${base}/cat.txt`]])).rejects.toThrow();
        for (let i = 0; i < 100 && emu.files().length === 0; i++) await new Promise((r) => setTimeout(r, 10));
        expect(emu.files().map((f) => f.originalFilename)).toEqual(["cat.txt"]);
    });
});

describe("reset-after on POST /base/", () => {
    it("keeps the uploaded file although the client never hears of it", async () => {
        const emu = await emulator();
        emu.injectFaults([{ path: "/base/", action: "reset-after" }]);
        const form = new FormData();
        form.append("UPLOADCARE_PUB_KEY", emu.publicKey);
        form.append("file", new Blob(["lost answer"]), "lost.txt");
        await expect(send(`${emu.url}/base/`, { method: "POST", body: form })).rejects.toThrow();
        const [file] = emu.files();
        expect(file?.originalFilename).toBe("lost.txt");
        expect((await emu.fileBytes(file?.uuid ?? ""))?.toString()).toBe("lost answer");
    });
});
