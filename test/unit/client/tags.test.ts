import { describe, expect, it } from "vitest";
import { contentTypeFor, normaliseTags, UploadcareInputError } from "../../../src/client";
import { requireTags } from "../../../src/client/rest/tags";
import { declaredContentType } from "../../../src/client/upload/contentType";
import { tagsFields } from "../../../src/client/upload/form";

// The documented tag rules (https://uploadcare.com/docs/file-tags/) and the upload's declared content type.

describe("normaliseTags", () => {
    it("lower-cases, trims, drops empty tags and duplicates keeping the first, in order", () => {
        expect(normaliseTags([" Summer", "cat", "", "Cat", "CAT", "  ", "z", "a", "m"])).toEqual({
            ok: true,
            tags: ["summer", "cat", "z", "a", "m"],
        });
        expect(normaliseTags([])).toEqual({ ok: true, tags: [] });
    });

    it("applies the limits after normalisation: 50 tags, 100 characters", () => {
        const fifty = Array.from({ length: 50 }, (_, i) => `t${i}`);
        expect(normaliseTags([...fifty, "T1", " t2 "])).toMatchObject({ ok: true, tags: fifty });
        expect(normaliseTags([...fifty, "t50"])).toEqual({
            ok: false,
            rule: "count",
            reason: "has 51 tags after normalisation, at most 50",
        });
        expect(normaliseTags([...fifty, "t50"], { countLimit: false })).toMatchObject({ ok: true });
        expect(normaliseTags([` ${"A".repeat(100)} `])).toEqual({ ok: true, tags: ["a".repeat(100)] });
        expect(normaliseTags(["a".repeat(101)])).toMatchObject({ ok: false, rule: "length" });
    });

    it("allows only Latin letters, digits, -, _ and .", () => {
        expect(normaliseTags(["a-b_c.d", "0"])).toEqual({ ok: true, tags: ["a-b_c.d", "0"] });
        for (const bad of ["a b", "café", "a+b", "x@y", "a,b", "tab\tin"]) {
            const checked = normaliseTags([bad]);
            expect(checked, bad).toMatchObject({ ok: false, rule: "characters" });
            expect(checked.ok || checked.reason).toContain(JSON.stringify(bad.toLowerCase()));
        }
    });

    it("names a list that is not a list of strings", () => {
        expect(normaliseTags("cat")).toEqual({
            ok: false,
            rule: "type",
            reason: 'must be a list of strings, got the string "cat"',
        });
        expect(normaliseTags(["a", 1])).toMatchObject({
            ok: false,
            rule: "type",
            reason: expect.stringContaining("item 1"),
        });
    });

    it("requireTags throws an UploadcareInputError naming the property and the rule", () => {
        expect(requireTags(["B", "a"], "tags")).toEqual(["b", "a"]);
        const error = (() => {
            try {
                requireTags(["a b"], "tags.add");
            } catch (e) {
                return e;
            }
            return undefined;
        })();
        expect(error).toBeInstanceOf(UploadcareInputError);
        expect((error as UploadcareInputError).code).toBe("UPLOADCARE_INPUT");
        expect((error as UploadcareInputError).failures[0]).toMatchObject({
            property: "tags.add",
            reason: expect.stringContaining("rule: characters"),
        });
    });

    it("the upload field is the normalised list, comma-separated, and absent for none", () => {
        expect(tagsFields(["Cat", "animal", "cat"])).toEqual([["tags", "cat,animal"]]);
        expect(tagsFields([])).toEqual([]);
        expect(tagsFields(undefined)).toEqual([]);
        expect(() => tagsFields(["a,b"])).toThrow(UploadcareInputError);
    });
});

describe("contentTypeFor", () => {
    it("picks the type from the extension, in any case, with a path", () => {
        expect(contentTypeFor("logo.svg")).toBe("image/svg+xml");
        expect(contentTypeFor("assets/site.CSS")).toBe("text/css");
        expect(contentTypeFor("PHOTO.JPG")).toBe("image/jpeg");
        expect(contentTypeFor("font.woff2")).toBe("font/woff2");
        expect(contentTypeFor("index.html")).toBe("text/html");
        expect(contentTypeFor("data.json")).toBe("application/json");
    });

    it("gives application/octet-stream when the name has no known extension", () => {
        for (const name of ["README", "archive.unknownext", "", ".hidden"]) {
            expect(contentTypeFor(name), name).toBe("application/octet-stream");
        }
    });

    it("an upload declares the given type (checked) or the one of its name", () => {
        expect(declaredContentType({ filename: "a.png" })).toBe("image/png");
        expect(declaredContentType({ filename: "a.png", contentType: " text/plain; charset=utf-8 " })).toBe(
            "text/plain; charset=utf-8",
        );
        for (const bad of ["text/plain\r\nX-Evil: 1", "nonsense", "", "a/b c"]) {
            expect(() => declaredContentType({ filename: "a", contentType: bad }), bad).toThrow(
                /^contentType must be a media type/,
            );
        }
    });
});
