/**
 * Request body parsing for the Upload API: `application/x-www-form-urlencoded` and `multipart/form-data`. Hand-rolled
 * because the emulator uses nothing but node:http.
 */

export interface FormPart {
    name: string;
    /** Present for file parts (Content-Disposition carried a filename). */
    filename?: string;
    contentType?: string;
    data: Buffer;
}

export interface ParsedForm {
    /** Text fields in arrival order (a name may repeat, e.g. `files[]`). */
    fields: [string, string][];
    files: FormPart[];
}

export class FormParseError extends Error {}

export function parseForm(contentType: string, body: Buffer): ParsedForm {
    const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
    if (type === "application/x-www-form-urlencoded") {
        return { fields: [...new URLSearchParams(body.toString("utf8")).entries()], files: [] };
    }
    if (type === "multipart/form-data") {
        const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
        const value = boundary?.[1] ?? boundary?.[2];
        if (!value) throw new FormParseError("multipart body without boundary");
        return parseMultipart(body, value);
    }
    if (body.length === 0) return { fields: [], files: [] };
    throw new FormParseError(`unsupported content type ${JSON.stringify(contentType)}`);
}

function parseMultipart(body: Buffer, boundary: string): ParsedForm {
    const form: ParsedForm = { fields: [], files: [] };
    const delimiter = Buffer.from(`--${boundary}`);
    let pos = body.indexOf(delimiter);
    if (pos < 0) throw new FormParseError("multipart boundary not found");
    for (;;) {
        pos += delimiter.length;
        // "--" right after a delimiter closes the body.
        if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return form;
        if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
        const headerEnd = body.indexOf("\r\n\r\n", pos);
        if (headerEnd < 0) throw new FormParseError("multipart part without header end");
        const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
        if (next < 0) throw new FormParseError("multipart part not terminated");
        const part = partFrom(body.subarray(pos, headerEnd).toString("utf8"), body.subarray(headerEnd + 4, next));
        if (part.filename === undefined) form.fields.push([part.name, part.data.toString("utf8")]);
        else form.files.push(part);
        pos = next + 2;
    }
}

function partFrom(headerText: string, data: Buffer): FormPart {
    let name: string | undefined;
    let filename: string | undefined;
    let contentType: string | undefined;
    for (const line of headerText.split("\r\n")) {
        const colon = line.indexOf(":");
        if (colon < 0) continue;
        const key = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (key === "content-type") contentType = value;
        if (key === "content-disposition") {
            name = /(?:^|;)\s*name="([^"]*)"/i.exec(value)?.[1] ?? /(?:^|;)\s*name=([^;\s]+)/i.exec(value)?.[1];
            filename = /;\s*filename="([^"]*)"/i.exec(value)?.[1] ?? /;\s*filename=([^;\s]+)/i.exec(value)?.[1];
        }
    }
    if (name === undefined) throw new FormParseError("multipart part without a name");
    const part: FormPart = { name, data: Buffer.from(data) };
    if (filename !== undefined) part.filename = filename;
    if (contentType !== undefined) part.contentType = contentType;
    return part;
}
