import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, describe, expect, it } from "vitest";
import { diffFile } from "../../src/provider/file/diff";
import { checkFileInputs } from "../../src/provider/file/inputs";
import { UNKNOWN } from "../../src/provider/runtime/checks";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "file-inputs-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const sha256Of = (text: string) => require("node:crypto").createHash("sha256").update(text).digest("hex");

/** A FileAsset as the dynamic-provider host hands it over: the engine's wire form, not a pulumi object. */
function wireFileAsset(file: string) {
    return { "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17", path: file };
}

function write(name: string, text: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
}

describe("File check", () => {
    it("hashes a file source (streamed), defaults filename to its base name, store to true, metadata to {}", async () => {
        const file = write("logo.svg", "<svg/>");
        const { inputs, failures } = await checkFileInputs({ source: wireFileAsset(file) });
        expect(failures).toEqual([]);
        expect(inputs).toMatchObject({
            contentSha256: sha256Of("<svg/>"),
            size: 6,
            filename: "logo.svg",
            store: true,
            metadata: {},
        });
    });

    it("accepts pulumi's own asset objects and StringAssets (default name file.txt)", async () => {
        const { inputs, failures } = await checkFileInputs({ source: new pulumi.asset.StringAsset("hello") });
        expect(failures).toEqual([]);
        expect(inputs).toMatchObject({ contentSha256: sha256Of("hello"), size: 5, filename: "file.txt" });
    });

    it("takes the default file name of a sourceUrl from its last path segment, and hashes nothing", async () => {
        const { inputs, failures } = await checkFileInputs({
            sourceUrl: "https://example.com/img/hero%20image.png?v=2",
        });
        expect(failures).toEqual([]);
        expect(inputs.filename).toBe("hero image.png");
        expect(inputs.contentSha256).toBeUndefined();
    });

    it.each([
        ["neither source nor sourceUrl", {}, "source", /is required: give source/],
        [
            "both",
            { source: new pulumi.asset.StringAsset("x"), sourceUrl: "https://e.com/a" },
            "sourceUrl",
            /^cannot be given with source: give source/,
        ],
        ["a RemoteAsset", { source: new pulumi.asset.RemoteAsset("https://e.com/a") }, "source", /sourceUrl instead/],
        ["a plain string source", { source: "logo.png" }, "source", /FileAsset or pulumi.asset.StringAsset/],
        [
            "a missing file",
            { source: wireFileAsset(path.join(dir, "nope.png")) },
            "source",
            /cannot be read \(ENOENT\)/,
        ],
        ["a directory", { source: wireFileAsset(dir) }, "source", /is not a regular file/],
        ["a non-URL", { sourceUrl: "logo.png" }, "sourceUrl", /must be an http\(s\) URL/],
        ["an ftp URL", { sourceUrl: "ftp://e.com/a" }, "sourceUrl", /must be an http\(s\) URL/],
        ["credentials in the URL", { sourceUrl: "https://u:p@e.com/a" }, "sourceUrl", /user name or password/],
        ["a filename with a slash", { sourceUrl: "https://e.com/a", filename: "a/b.png" }, "filename", /without "\/"/],
        ["an empty filename", { sourceUrl: "https://e.com/a", filename: " " }, "filename", /1 to 255/],
        ["store as a string", { sourceUrl: "https://e.com/a", store: "yes" }, "store", /true or false/],
        ["metadata as a list", { sourceUrl: "https://e.com/a", metadata: ["a"] }, "metadata", /map of strings/],
        ["a bad metadata key", { sourceUrl: "https://e.com/a", metadata: { "a b": "x" } }, "metadata.a b", /1 to 64/],
        [
            "a long metadata value",
            { sourceUrl: "https://e.com/a", metadata: { k: "x".repeat(513) } },
            "metadata.k",
            /512/,
        ],
        ["a misspelt input", { sourceUrl: "https://e.com/a", stor: true }, "stor", /unknown input "stor"/],
    ])("refuses %s, naming the field", async (_name, news, property, reason) => {
        const { failures } = await checkFileInputs(news as Record<string, unknown>);
        expect(failures.find((f) => f.property === property)?.reason).toMatch(reason);
    });

    it.each(["__proto__", "constructor", "prototype"])(
        "refuses the metadata key %s (the grammar allows it; JavaScript does not keep it as data)",
        async (key) => {
            // As the engine hands it over: parsed from the wire, so `__proto__` is an own key.
            const metadata = JSON.parse(`{"${key}": "x", "kept": "y"}`);
            const { failures } = await checkFileInputs({ sourceUrl: "https://e.com/a", metadata });
            expect(failures).toEqual([
                {
                    property: `metadata.${key}`,
                    reason:
                        "key is reserved: the documented grammar (1 to 64 letters, digits, _, -, . or :; " +
                        "https://uploadcare.com/docs/file-metadata/) allows it, but JavaScript treats it specially, " +
                        "so the value would be lost or misread on its way to Uploadcare; use another name",
                },
            ]);
        },
    );

    it("refuses more than 50 metadata keys", async () => {
        const metadata = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
        const { failures } = await checkFileInputs({ sourceUrl: "https://e.com/a", metadata });
        expect(failures.map((f) => f.reason)).toContainEqual(expect.stringMatching(/at most 50/));
    });
});

describe("File diff", () => {
    const olds = {
        contentSha256: "a",
        filename: "a.txt",
        store: true,
        metadata: { k: "v" },
        uuid: "u",
        __provider: "p",
    };

    it("no change when the bytes, name, storage and metadata are the same (touching a file is no change)", () => {
        expect(
            diffFile(olds, {
                contentSha256: "a",
                filename: "a.txt",
                store: true,
                metadata: { k: "v" },
                __provider: "q",
            }),
        ).toEqual({ changes: false });
    });

    it("new bytes or a new filename replace, creating the new file first", () => {
        expect(diffFile(olds, { ...olds, contentSha256: "b" })).toEqual({
            changes: true,
            replaces: ["source"],
            deleteBeforeReplace: false,
        });
        expect(diffFile(olds, { ...olds, filename: "b.txt" })).toMatchObject({ replaces: ["filename"] });
        const fromUrl = { ...olds, contentSha256: undefined, sourceUrl: "https://e.com/a" };
        expect(diffFile(olds, fromUrl)).toMatchObject({ replaces: ["source", "sourceUrl"] });
    });

    it("metadata and store are updates in place; unknown values count as changes", () => {
        expect(diffFile(olds, { ...olds, metadata: { k: "w" } })).toEqual({ changes: true });
        expect(diffFile(olds, { ...olds, metadata: {} })).toEqual({ changes: true });
        expect(diffFile(olds, { ...olds, store: false })).toEqual({ changes: true });
        expect(diffFile(olds, { ...olds, metadata: { k: UNKNOWN } })).toEqual({ changes: true });
        expect(diffFile(olds, { ...olds, filename: UNKNOWN })).toMatchObject({ replaces: ["filename"] });
    });
});
