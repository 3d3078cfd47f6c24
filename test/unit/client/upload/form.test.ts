/** The multipart body of a direct upload: bytes in memory go as one buffer, a file on disk as a re-openable stream. */
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { type FilePart, multipartForm } from "../../../../src/client/upload/form";

const fields: [string, string][] = [
    ["UPLOADCARE_PUB_KEY", "demopublickey"],
    ["metadata[pulumi-path]", "css/site.css"],
];
const part = (content: FilePart["content"]): FilePart => ({
    field: "file",
    filename: "site.css",
    contentType: "text/css",
    size: 6,
    content,
});

describe("multipartForm", () => {
    it("sends bytes in memory as one buffer of the announced length, without a stream per file", () => {
        const form = multipartForm(fields, part(Buffer.from("body{}")));
        expect(form.body).toBeInstanceOf(Uint8Array);
        const body = Buffer.from(form.body as Uint8Array).toString();
        expect(form.body).toHaveLength(form.contentLength);
        const boundary = form.contentType.replace("multipart/form-data; boundary=", "");
        expect(body).toBe(
            `--${boundary}\r\nContent-Disposition: form-data; name="UPLOADCARE_PUB_KEY"\r\n\r\ndemopublickey\r\n` +
                `--${boundary}\r\nContent-Disposition: form-data; name="metadata[pulumi-path]"\r\n\r\ncss/site.css\r\n` +
                `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="site.css"\r\n` +
                `Content-Type: text/css\r\n\r\nbody{}\r\n--${boundary}--\r\n`,
        );
    });

    it("streams a file from disk, opening it again for each attempt, with the same bytes as a buffer would", async () => {
        let opened = 0;
        const form = multipartForm(
            fields,
            part(() => {
                opened++;
                return Readable.from([Buffer.from("body"), Buffer.from("{}")]);
            }),
        );
        expect(typeof form.body).toBe("function");
        const open = form.body as () => Readable;
        const first = await text(open());
        expect(await text(open())).toBe(first);
        expect(opened).toBe(2);
        expect(Buffer.byteLength(first)).toBe(form.contentLength);
        expect(first).toContain('filename="site.css"\r\nContent-Type: text/css\r\n\r\nbody{}\r\n--');
    });
});
