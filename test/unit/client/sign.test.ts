import { describe, expect, it } from "vitest";
import { md5Hex, signRequest, stringToSign, uploadSignature } from "../../../src/client/core/sign";

// Vectors from ../shared/research/uploadcare.md §8 (docs, official clients and recorded real traffic).
const DEMO_SECRET = "demoprivatekey";
const V1_DATE = "Mon, 05 Nov 2018 13:14:41 GMT";

describe("REST request signature (HMAC-SHA1 over METHOD/md5/content-type/date/uri)", () => {
    it.each([
        [
            "V1 docs/Go",
            "GET",
            "",
            "application/json",
            V1_DATE,
            "/files/?limit=1&stored=true",
            "3cbc4d2cf91f80c1ba162b926f8a975e8bec7995",
        ],
        [
            "V2 recorded DELETE with body",
            "DELETE",
            '{"target_url":"http://example.com"}',
            "application/json",
            "Sun, 25 Dec 2022 11:52:02 GMT",
            "/webhooks/unsubscribe/",
            "002e6b7d40e088be059581433c1a298bd2b48b88",
        ],
        [
            "V3 recorded GET with query",
            "GET",
            "",
            "application/json",
            "Wed, 17 Apr 2024 12:18:49 GMT",
            "/addons/aws_rekognition_detect_moderation_labels/execute/status/?request_id=0f4598dd-d168-4272-b49e-e7f9d2543542",
            "8d1013b2dbb9eda1d1120df7cb7d5b9e0daf06e3",
        ],
        [
            "V4 recorded GET",
            "GET",
            "",
            "application/json",
            "Tue, 30 Apr 2024 12:30:58 GMT",
            "/convert/document/cd7a51d4-9776-4749-b749-c9fc691891f1/",
            "219d67acad8d30c4b33e2eb4b14359bb1d82ebd8",
        ],
        [
            "group DELETE",
            "DELETE",
            "",
            "application/json",
            V1_DATE,
            "/groups/dd43982b-5447-44b2-86f6-1c3b52afa0ff~1/",
            "aff84755b3a30ea70208ede64442b011fb5023db",
        ],
        [
            "group GET",
            "GET",
            "",
            "application/json",
            V1_DATE,
            "/groups/dd43982b-5447-44b2-86f6-1c3b52afa0ff~1/",
            "b14c9e612d9f02dcefc8af6f844927fd78f2cf93",
        ],
        [
            "group list",
            "GET",
            "",
            "application/json",
            V1_DATE,
            "/groups/?limit=100&ordering=-datetime_created",
            "5191da38007a30f15ba98510a2b3286a39dff678",
        ],
        ["no content type", "GET", "", "", V1_DATE, "/groups/", "bf371c4cee684f2b40f1abdf06b34184fc9d76f0"],
    ])("%s", (_name, method, body, contentType, date, uri, expected) => {
        expect(signRequest({ method, body, contentType, date, uri }, DEMO_SECRET)).toBe(expected);
    });

    it("builds the string to sign from five LF-separated fields with no trailing newline", () => {
        const text = stringToSign({
            method: "get",
            body: "",
            contentType: "application/json",
            date: V1_DATE,
            uri: "/files/?limit=1&stored=true",
        });
        expect(text).toBe(
            "GET\nd41d8cd98f00b204e9800998ecf8427e\napplication/json\nMon, 05 Nov 2018 13:14:41 GMT\n/files/?limit=1&stored=true",
        );
    });

    it("hashes the body as sent (JS client vector V5)", () => {
        expect(md5Hex(JSON.stringify({ foo: "bar" }))).toBe("9bb58f26192e4ba00f01e2e7b136bbd8");
    });

    it("changes when any signed field changes", () => {
        const base = { method: "GET", body: "", contentType: "application/json", date: V1_DATE, uri: "/groups/" };
        const reference = signRequest(base, DEMO_SECRET);
        expect(signRequest({ ...base, uri: "/groups/?limit=1" }, DEMO_SECRET)).not.toBe(reference);
        expect(signRequest({ ...base, body: "[]" }, DEMO_SECRET)).not.toBe(reference);
        expect(signRequest(base, "other-secret")).not.toBe(reference);
    });
});

describe("signed uploads signature (HMAC-SHA256 of expire)", () => {
    it("matches the JS client vector U1", () => {
        const expire = Math.floor(1678359840000 / 1000) + 30 * 60;
        expect(String(expire)).toBe("1678361640");
        expect(uploadSignature("YOUR_SECRET_KEY", expire)).toBe(
            "93b69d086a487fbdfc36172b96a5d7f5afa7cb209e43e5f25890bc037e638584",
        );
    });

    it("matches the Go client vector U2", () => {
        expect(uploadSignature("project_secret_key", "1454903856")).toBe(
            "d39a461d41f607338abffee5f31da4d4e46535651c87346e76906bf75c064d47",
        );
    });
});
