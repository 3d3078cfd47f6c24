import { describe, expect, it } from "vitest";
import { checkFileInputs } from "../../src/provider/file/inputs";
import { checkGroupInputs, normaliseFileEntry, UNKNOWN } from "../../src/provider/group/inputs";
import { checkWebhookInputs } from "../../src/provider/webhook/inputs";

const A = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5";
const B = "b1026315-8116-4632-8364-607e64fca723";

function failuresOf(news: Record<string, unknown>) {
    return checkGroupInputs(news).failures;
}

describe("Group input normalisation", () => {
    it.each([
        [A, A],
        [`  ${A}  `, A],
        [A.toUpperCase(), A],
        [`{${A}}`, A],
        [`${A}/`, A],
        [`${A}/-/resize/800x`, `${A}/-/resize/800x/`],
        [`${A}/-/resize/800x/-/format/webp/`, `${A}/-/resize/800x/-/format/webp/`],
        [`https://ucarecdn.com/${A}/`, A],
        [`https://ucarecdn.com/${A.toUpperCase()}/-/crop/200x200/center/`, `${A}/-/crop/200x200/center/`],
        [`https://1v2fox8a9k.ucarecd.net/${A}/-/resize/800x/`, `${A}/-/resize/800x/`],
        [`${A}/-/overlay/${B}/50%x50%/center/`, `${A}/-/overlay/${B}/50%x50%/center/`],
        [`${A}/-/quality/smart/-/blur/1.5/`, `${A}/-/quality/smart/-/blur/1.5/`],
    ])("accepts %s as %s", (entry, expected) => {
        expect(normaliseFileEntry(entry)).toEqual({ value: expected });
    });

    it("defaults storeFiles to true and keeps the order of files", () => {
        expect(checkGroupInputs({ files: [B, A] }).inputs).toEqual({ files: [B, A], storeFiles: true });
    });

    it("allows the same file twice (e.g. with different operations), as Uploadcare groups do", () => {
        const result = checkGroupInputs({ files: [A, A, `${A}/-/resize/100x/`] });
        expect(result.failures).toEqual([]);
        expect(result.inputs.files).toEqual([A, A, `${A}/-/resize/100x/`]);
    });

    it("passes unknown values through during preview", () => {
        const result = checkGroupInputs({ files: [A, UNKNOWN], storeFiles: UNKNOWN });
        expect(result.failures).toEqual([]);
        expect(result.inputs.files).toEqual([A, UNKNOWN]);
        expect(checkGroupInputs({ files: UNKNOWN }).failures).toEqual([]);
    });
});

describe("Group input failures name the field and the fix", () => {
    it.each([
        ["missing files", {}, "files", /is required/],
        ["null files", { files: null }, "files", /is required/],
        ["empty list", { files: [] }, "files", /is empty: a group needs 1 to 1000 files/],
        ["a string instead of a list", { files: A }, "files", /must be a list of file UUIDs, got the string/],
        [
            "too many files",
            { files: Array.from({ length: 1001 }, () => A) },
            "files",
            /has 1001 entries.*at most 1000.*split/,
        ],
        ["a number entry", { files: [A, 42] }, "files[1]", /must be a string \(a file UUID\), got number 42/],
        ["an empty entry", { files: [" "] }, "files[0]", /is empty/],
        ["a short uuid", { files: ["3d1b8ac2-6b19-4e6c-8f3a"] }, "files[0]", /does not start with a file UUID/],
        ["a group id", { files: [`${A}~3`] }, "files[0]", /group id/],
        [
            "operations without -/",
            { files: [`${A}/resize/800x/`] },
            "files[0]",
            /must follow the UUID as "\/-\/<operation>/,
        ],
        ["operations with spaces", { files: [`${A}/-/resize/800 x/`] }, "files[0]", /must not contain spaces/],
        ["empty operation", { files: [`${A}/-//`] }, "files[0]", /empty segment|operation name/],
        ["bad operation name", { files: [`${A}/-/8resize/`] }, "files[0]", /operation name/],
        ["a URL with a query", { files: [`https://ucarecdn.com/${A}/?x=1`] }, "files[0]", /query or fragment/],
        [
            "a URL on another host",
            { files: [`https://evil.example/${A}/`] },
            "files[0]",
            /not on an Uploadcare CDN host/,
        ],
        ["a look-alike CDN host", { files: [`https://ucarecdn.com.evil.example/${A}/`] }, "files[0]", /CDN host/],
        ["a .. in operations", { files: [`${A}/-/resize/../../groups/`] }, "files[0]", /must not contain "\.\."/],
        ["a .. in a CDN URL path", { files: [`https://ucarecdn.com/${A}/-/x/../`] }, "files[0]", /"\.\."/],
        ["an encoded character", { files: [`${A}/-/resize/%2e%2e/`] }, "files[0]", /percent-encoded/],
        ["an & in operations", { files: [`${A}/-/resize/800x&a=b/`] }, "files[0]", /must not contain.*&/],
        ["brackets in operations", { files: [`${A}/-/resize/[800]/`] }, "files[0]", /\[ \]/],
        ["a group id with count 0", { groupId: `${A}~0` }, "groupId", /file count from 1 to 1000/],
        ["a group id with count 1001", { groupId: `${A}~1001` }, "groupId", /file count from 1 to 1000/],
        [
            "storeFiles as a string",
            { files: [A], storeFiles: "yes" },
            "storeFiles",
            /must be true or false, got the string "yes"/,
        ],
        [
            "an unknown input",
            { files: [A], file: [A] },
            "file",
            /unknown input "file"; a Group takes "files" or "groupId", and "storeFiles"/,
        ],
    ])("%s", (_name, news, property, reason) => {
        const failures = failuresOf(news);
        expect(failures.map((f) => f.property)).toContain(property);
        expect(failures.find((f) => f.property === property)?.reason).toMatch(reason);
    });

    it("reports every bad entry, not only the first", () => {
        const failures = failuresOf({ files: ["nope", A, "also-nope"], storeFiles: 1 });
        expect(failures.map((f) => f.property)).toEqual(["storeFiles", "files[0]", "files[2]"]);
    });
});

describe("URL inputs never carry credentials into the state", () => {
    const refusal = "must not carry a user name or password (it is stored in the state)";

    it.each([
        "https://user:pw@hooks.example.com/uploadcare",
        "https://user@hooks.example.com/uploadcare",
        "https://:pw@hooks.example.com/uploadcare",
        "http://user:pw@127.0.0.1:8080/hooks",
    ])("Webhook targetUrl %s is refused, and the password is not quoted", (targetUrl) => {
        const { failures } = checkWebhookInputs({ targetUrl, event: "file.uploaded" });
        expect(failures).toEqual([
            {
                property: "targetUrl",
                reason: `${refusal}; authenticate deliveries with signingSecret (Uploadcare signs each one)`,
            },
        ]);
    });

    it("File sourceUrl gives the same refusal, from the same check", async () => {
        const { failures } = await checkFileInputs({ sourceUrl: "https://user:pw@e.com/a.png" });
        expect(failures).toEqual([{ property: "sourceUrl", reason: `${refusal}; use a signed or public URL` }]);
    });
});
