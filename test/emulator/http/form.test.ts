import { Readable } from "node:stream";
import { FormData } from "undici";
import { describe, expect, it } from "vitest";
import { BodyTooLargeError, parseForm, SNIFF_BYTES } from "../../../src/emulator/http/form";
import { emulatorFixtures, rawHttp, rawStatus } from "../../support/emulatorFixtures";

const { emulator, send } = emulatorFixtures("uc-emulator-form-");

const BOUNDARY = "----emulatorTestBoundary";
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

/** A multipart body with text fields and one file part of `fileBytes` bytes. */
function multipart(fields: [string, string][], fileBytes: Buffer): Buffer {
    const parts = fields.map(
        ([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
    const fileHead =
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="dir/big.bin"\r\n` +
        "Content-Type: application/octet-stream\r\n\r\n";
    return Buffer.concat([Buffer.from(parts.join("") + fileHead), fileBytes, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
}

/** `body` in 64 KiB chunks, the way a socket delivers it. */
function chunked(body: Buffer): Readable {
    const chunks: Buffer[] = [];
    for (let i = 0; i < body.length; i += 65_536) chunks.push(body.subarray(i, i + 65_536));
    return Readable.from(chunks);
}

/** A PNG header for width x height, padded with zeros to `size` bytes. */
function png(width: number, height: number, size: number): Buffer {
    const data = Buffer.alloc(size);
    Buffer.from("89504e470d0a1a0a0000000d49484452", "hex").copy(data);
    data.writeUInt32BE(width, 16);
    data.writeUInt32BE(height, 20);
    return data;
}

describe("multipart parsing", () => {
    it("streams file parts: counts every byte, keeps only the head", async () => {
        const file = Buffer.alloc(3 * 1024 * 1024, 7);
        const body = multipart(
            [
                ["UPLOADCARE_PUB_KEY", "pk"],
                ["files[]", "a"],
                ["files[]", "b"],
            ],
            file,
        );
        const form = await parseForm(MULTIPART, chunked(body), body.length);
        expect(form.fields).toEqual([
            ["UPLOADCARE_PUB_KEY", "pk"],
            ["files[]", "a"],
            ["files[]", "b"],
        ]);
        expect(form.files).toHaveLength(1);
        const [part] = form.files;
        expect(part).toMatchObject({ name: "file", filename: "dir/big.bin", contentType: "application/octet-stream" });
        expect(part?.size).toBe(file.length);
        expect(part?.head.length).toBe(SNIFF_BYTES);
        expect(part?.head.equals(file.subarray(0, SNIFF_BYTES))).toBe(true);
    });

    it("stops at the limit with BodyTooLargeError", async () => {
        const body = multipart([["a", "b"]], Buffer.alloc(200_000));
        await expect(parseForm(MULTIPART, chunked(body), 100_000)).rejects.toThrow(BodyTooLargeError);
        await expect(parseForm("application/x-www-form-urlencoded", chunked(Buffer.alloc(10)), 5)).rejects.toThrow(
            BodyTooLargeError,
        );
    });
});

describe("POST /base/ with large and broken bodies", () => {
    it("records the full size and sniffs an image larger than the kept head", async () => {
        const emu = await emulator();
        const form = new FormData();
        form.append("UPLOADCARE_PUB_KEY", emu.publicKey);
        form.append("file", new Blob([png(1200, 800, 2 * 1024 * 1024 + 3)]), "large.png");
        const res = await send(`${emu.url}/base/`, { method: "POST", body: form });
        expect(res.status).toBe(200);
        expect(emu.files().find((f) => f.uuid === res.json().file)).toMatchObject({
            size: 2 * 1024 * 1024 + 3,
            isImage: true,
            image: { width: 1200, height: 800, format: "PNG" },
            originalFilename: "large.png",
        });
    });

    it("answers 413 once a chunked multipart upload passes maxUploadBodyBytes", async () => {
        const emu = await emulator({ maxUploadBodyBytes: 100_000 });
        const body = multipart([["UPLOADCARE_PUB_KEY", emu.publicKey]], Buffer.alloc(150_000));
        const hex = (n: number) => n.toString(16);
        const half = body.subarray(0, 120_000).toString("latin1");
        const head = [
            "POST /base/ HTTP/1.1",
            `Host: ${new URL(emu.url).host}`,
            `Content-Type: ${MULTIPART}`,
            "Transfer-Encoding: chunked",
        ].join("\n");
        // Never terminated: only the limit can end this request.
        const { response } = rawHttp(emu.url, head, `${hex(half.length)}\r\n${half}\r\n`);
        const answer = await response;
        expect(rawStatus(answer)).toBe(413);
        expect(answer.endsWith("Request body is too large.")).toBe(true);
        expect(emu.files()).toEqual([]);
    });

    it("answers a multipart body without a boundary with the documented parser error", async () => {
        const emu = await emulator();
        const res = await send(`${emu.url}/base/`, {
            method: "POST",
            headers: { "Content-Type": "multipart/form-data" },
            body: "UPLOADCARE_PUB_KEY=x",
        });
        expect([res.status, res.text]).toEqual([400, "HTTP POST request parsing failed."]);
    });
});
