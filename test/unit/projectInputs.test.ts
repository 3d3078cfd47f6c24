import { describe, expect, it } from "vitest";
import { diffProject } from "../../src/provider/project/diff";
import { checkProjectInputs, parseProjectInputs } from "../../src/provider/project/inputs";
import { changesOf, featuresOf } from "../../src/provider/project/outputs";
import { diffProjectSecret } from "../../src/provider/projectSecret/diff";
import { checkProjectSecretInputs } from "../../src/provider/projectSecret/inputs";
import { UNKNOWN } from "../../src/provider/runtime/checks";

const reasons = (news: Record<string, unknown>) =>
    checkProjectInputs(news).failures.map((f) => `${f.property}: ${f.reason}`);

describe("Project inputs", () => {
    it("needs a name unless adopting, and drops settings left out", () => {
        expect(reasons({})).toEqual(["name: is required: the project's name, as the dashboard shows it"]);
        expect(reasons({ pubKey: "abc123" })).toEqual([]);
        expect(checkProjectInputs({ name: "a", autostore: null }).inputs).toEqual({ name: "a" });
    });

    it("refuses negative or fractional numbers, non-booleans, bad MIME types and bad keys", () => {
        expect(
            reasons({
                name: " ",
                filesizeLimit: 1.5,
                imageResolutionLimit: -1,
                gifToVideo: 1,
                mimeTypes: ["image/png", "image", "*/*x"],
                pubKey: "a/b",
            }),
        ).toEqual([
            'pubKey: must be a project\'s public key (letters, digits, "_" or "-"), got the string "a/b"',
            'name: must be a non-empty string, got the string " "',
            "gifToVideo: must be true or false, got number 1",
            "filesizeLimit: must be a whole number of bytes, 0 or more, got number 1.5",
            "imageResolutionLimit: must be a whole number of pixels, 0 or more, got number -1",
            'mimeTypes[1]: must be a MIME type as type/subtype ("image/png", or "image/*"), got the string "image"',
            'mimeTypes[2]: must be a MIME type as type/subtype ("image/png", or "image/*"), got the string "*/*x"',
        ]);
    });

    it("accepts unknowns at preview, and create refuses them", async () => {
        expect(reasons({ name: UNKNOWN, autostore: UNKNOWN, mimeTypes: [UNKNOWN] })).toEqual([]);
        await expect(parseProjectInputs({ name: UNKNOWN })).rejects.toMatchObject({ code: "UPLOADCARE_INPUT" });
    });

    it("builds features of the settings given, and changes of only the changed ones", () => {
        const inputs = { name: "n", autostore: false, filesizeLimit: 0, malwareProtection: true, mimeTypes: ["a/b"] };
        expect(featuresOf(inputs)).toEqual({
            uploads: { autostore: false, filesize_limit: 0 },
            mime_type_filtering: { mime_types: ["a/b"] },
            malware_protection: { is_enabled: true },
        });
        expect(changesOf({ ...inputs, searchIndexAllowed: true }, ["name", "searchIndexAllowed"])).toEqual({
            name: "n",
            is_search_index_allowed: true,
        });
        expect(changesOf(inputs, ["malwareProtection"])).toEqual({
            features: { malware_protection: { is_enabled: true } },
        });
    });

    it("every setting updates in place; only another pubKey replaces", () => {
        const olds = { pubKey: "k1", name: "a", autostore: true, mimeTypes: [] };
        expect(diffProject("k1", olds, { name: "b", autostore: false, mimeTypes: ["a/b"] })).toEqual({ changes: true });
        expect(diffProject("k1", olds, { name: "a" })).toEqual({ changes: false });
        expect(diffProject("k1", olds, { name: "a", pubKey: "k1" })).toEqual({ changes: false });
        expect(diffProject("k1", olds, { pubKey: "k2" })).toEqual({
            changes: true,
            replaces: ["pubKey"],
            deleteBeforeReplace: false,
        });
    });
});

describe("ProjectSecret inputs", () => {
    it("needs a project public key, and a change replaces, creating first", () => {
        expect(checkProjectSecretInputs({}).failures.map((f) => f.property)).toEqual(["project"]);
        expect(checkProjectSecretInputs({ project: "k", extra: 1 }).failures.map((f) => f.property)).toEqual(["extra"]);
        expect(diffProjectSecret({ project: "k" }, { project: "k" })).toEqual({ changes: false });
        expect(diffProjectSecret({ project: "k" }, { project: UNKNOWN })).toEqual({
            changes: true,
            replaces: ["project"],
            deleteBeforeReplace: false,
        });
    });
});
