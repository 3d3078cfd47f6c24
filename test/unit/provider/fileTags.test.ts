import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { diffFile } from "../../../src/provider/file/diff";
import { checkFileInputs } from "../../../src/provider/file/inputs";
import { UNKNOWN } from "../../../src/provider/runtime/checks";

// A File's `tags` and `contentType` in check (no network) and in the diff: normalised tags, each broken rule named
// with the tag, a declared type that replaces and tags that update in place.

const source = new pulumi.asset.StringAsset("body{}");
const check = (news: Record<string, unknown>) => checkFileInputs({ source, filename: "site.css", ...news });

describe("File tags in check", () => {
    it("are normalised as Uploadcare stores them: lower-cased, trimmed, blanks and duplicates dropped, order kept", async () => {
        const { inputs, failures } = await check({ tags: ["Cat", " dog ", "", "CAT", "a.b_c-1"] });
        expect(failures).toEqual([]);
        expect(inputs.tags).toEqual(["cat", "dog", "a.b_c-1"]);
    });

    it("none given stays absent from the inputs (as versions before tags recorded them), and means none", async () => {
        expect((await check({})).inputs).not.toHaveProperty("tags");
        expect((await check({ tags: null })).inputs).not.toHaveProperty("tags");
        expect(diffFile({ filename: "site.css", tags: ["cat"] }, { filename: "site.css" })).toEqual({ changes: true });
    });

    it("a tag with a character outside the rule is refused naming its index, the tag and the rule", async () => {
        const { failures } = await check({ tags: ["ok", "fine", "Hello World"] });
        expect(failures).toEqual([
            {
                property: "tags[2]",
                reason:
                    '"Hello World" may only contain Latin letters, digits, "-", "_" and "." once lower-cased and trimmed ' +
                    "(rule: characters; https://uploadcare.com/docs/file-tags/)",
            },
        ]);
    });

    it("every broken rule is reported at once: type, length and characters, each naming its tag", async () => {
        const { failures } = await check({ tags: [7, "x".repeat(101), "sp@ce", "ünïcode"] });
        expect(failures.map((f) => f.property)).toEqual(["tags[0]", "tags[1]", "tags[2]", "tags[3]"]);
        expect(failures[0]?.reason).toMatch(/^must be a string, got number 7 \(rule: type;/);
        expect(failures[1]?.reason).toMatch(/has 101 characters; a tag may have at most 100 \(rule: length;/);
        expect(failures[2]?.reason).toMatch(/^"sp@ce" may only contain .*\(rule: characters;/);
    });

    it("more than 50 after normalisation is refused naming the count rule; 50 plus duplicates is fine", async () => {
        const many = Array.from({ length: 51 }, (_, i) => `t${i}`);
        const { failures } = await check({ tags: many });
        expect(failures).toEqual([
            { property: "tags", reason: expect.stringMatching(/51 tags .*at most 50 \(rule: count;/) },
        ]);
        const fifty = [...many.slice(0, 50), "T0", "t1 "];
        expect((await check({ tags: fifty })).failures).toEqual([]);
    });

    it("a list that is not one, and unknown items (a preview), are handled without a request", async () => {
        expect((await check({ tags: "cat,dog" })).failures).toEqual([
            { property: "tags", reason: 'must be a list of strings, got the string "cat,dog"' },
        ]);
        const pending = await check({ tags: ["cat", UNKNOWN] });
        expect(pending.failures).toEqual([]);
        expect(pending.inputs.tags).toEqual(["cat", UNKNOWN]);
        expect((await check({ tags: UNKNOWN })).failures).toEqual([]);
    });
});

describe("File contentType in check", () => {
    it("a media type is kept (trimmed); none given stays absent (the upload takes it from filename)", async () => {
        expect((await check({ contentType: " text/plain; charset=utf-8 " })).inputs.contentType).toBe(
            "text/plain; charset=utf-8",
        );
        expect((await check({})).inputs).not.toHaveProperty("contentType");
    });

    it.each([
        ["a line break", "text/plain\r\nX-Injected: 1"],
        ["no subtype", "text"],
        ["not a string", 42],
    ])("%s is refused naming contentType", async (_, contentType) => {
        const { failures } = await check({ contentType });
        expect(failures).toEqual([
            { property: "contentType", reason: expect.stringMatching(/^must be a media type like "text\/css"/) },
        ]);
    });

    it("is refused with sourceUrl: from_url declares no type", async () => {
        const { failures } = await checkFileInputs({ sourceUrl: "https://example.com/a.css", contentType: "text/css" });
        expect(failures).toEqual([
            { property: "contentType", reason: expect.stringMatching(/^cannot be given with sourceUrl/) },
        ]);
    });
});

describe("File diff of tags and contentType", () => {
    const state = {
        uuid: "u",
        filename: "site.css",
        store: true,
        metadata: {},
        contentSha256: "abc",
        contentType: "text/css",
        tags: ["cat", "dog"],
    };
    const news = { filename: "site.css", store: true, metadata: {}, contentSha256: "abc", tags: ["cat", "dog"] };

    it("tags differing only in case or order are no change", () => {
        expect(diffFile(state, { ...news, tags: ["Dog", "CAT"] })).toEqual({ changes: false });
    });

    it("other tags are an update in place, never a replacement", () => {
        for (const tags of [["cat"], ["cat", "dog", "cute"], [], UNKNOWN, ["cat", UNKNOWN]]) {
            expect(diffFile(state, { ...news, tags })).toEqual({ changes: true });
        }
    });

    it("a state without tags (0.1.x) and no tags given is no change", () => {
        const { tags: _, ...old } = state;
        expect(diffFile(old, { ...news, tags: [] })).toEqual({ changes: false });
    });

    it("another declared type replaces; the filename's own type given explicitly is no change", () => {
        expect(diffFile(state, { ...news, contentType: "text/plain" })).toMatchObject({ replaces: ["contentType"] });
        expect(diffFile(state, { ...news, contentType: UNKNOWN })).toMatchObject({ replaces: ["contentType"] });
        expect(diffFile(state, { ...news, contentType: "text/css" })).toEqual({ changes: false });
    });

    it("removing an override goes back to the filename's type: a replacement", () => {
        const overridden = { ...state, contentType: "text/plain" };
        expect(diffFile(overridden, news)).toMatchObject({ replaces: ["contentType"] });
    });

    it("a state without a declared type (0.1.x, or sourceUrl) is not replaced unless a contentType is given", () => {
        const { contentType: _, ...old } = state;
        expect(diffFile(old, news)).toEqual({ changes: false });
        expect(diffFile(old, { ...news, contentType: "text/css" })).toMatchObject({ replaces: ["contentType"] });
    });
});
