import { describe, expect, it } from "vitest";
import { parseBaseUrl, safeUrlText } from "../../../src/client/core/config";
import {
    apiErrorFor,
    redact,
    UploadcareAuthError,
    UploadcareError,
    UploadcareNotFoundError,
    UploadcareThrottledError,
    UploadcareValidationError,
} from "../../../src/client/core/errors";

const SECRET = "s3cr3t-key-value";
const details = { method: "GET", path: "/groups/abc~1/", origin: "https://api.uploadcare.com" };

describe("API errors", () => {
    it("map statuses to classes with stable codes", () => {
        expect(apiErrorFor({ ...details, status: 401 }, [])).toBeInstanceOf(UploadcareAuthError);
        expect(apiErrorFor({ ...details, status: 403 }, []).code).toBe("UPLOADCARE_AUTH");
        expect(apiErrorFor({ ...details, status: 404 }, [])).toBeInstanceOf(UploadcareNotFoundError);
        expect(apiErrorFor({ ...details, status: 429 }, [])).toBeInstanceOf(UploadcareThrottledError);
        expect(apiErrorFor({ ...details, status: 400 }, [])).toBeInstanceOf(UploadcareValidationError);
        expect(apiErrorFor({ ...details, status: 502 }, []).code).toBe("UPLOADCARE_API");
    });

    it("name method, URL, status, detail and error code", () => {
        const error = apiErrorFor(
            {
                ...details,
                method: "POST",
                path: "/group/?jsonerrors=1",
                status: 400,
                detail: "Some files not found.",
                errorCode: "GroupFilesNotFoundError",
            },
            [],
        );
        expect(error.message).toBe(
            "Uploadcare POST https://api.uploadcare.com/group/?jsonerrors=1 failed with HTTP 400: Some files not found. (GroupFilesNotFoundError)",
        );
    });

    it("never carry the secret, even when the server echoes it", () => {
        const error = apiErrorFor({ ...details, status: 401, detail: `Secret ${SECRET} rejected` }, [SECRET]);
        expect(error.message).not.toContain(SECRET);
        expect(error.detail).toBe("Secret [REDACTED] rejected");
        expect(JSON.stringify(error)).not.toContain(SECRET);
    });

    it("are recognised across copies of the package by brand", () => {
        const error = apiErrorFor({ ...details, status: 404 }, []);
        expect(UploadcareError.isUploadcareError(error)).toBe(true);
        expect(UploadcareError.isUploadcareError(new Error("x"))).toBe(false);
        expect(UploadcareError.isUploadcareError({ code: "UPLOADCARE_API" })).toBe(false);
    });
});

describe("redact", () => {
    it("hides signatures in Authorization values", () => {
        expect(redact("Authorization: Uploadcare demopublickey:3cbc4d2cf91f80c1ba162b926f8a975e8bec7995", [])).toBe(
            "Authorization: Uploadcare demopublickey:[REDACTED]",
        );
        expect(redact("Uploadcare.Simple pub:verysecret", [])).toBe("Uploadcare.Simple pub:[REDACTED]");
    });

    it("hides every occurrence of each secret", () => {
        expect(redact(`${SECRET} and ${SECRET}`, [SECRET])).toBe("[REDACTED] and [REDACTED]");
    });
});

describe("redaction of every part of a message", () => {
    it("covers Uploadcare's request id and Upload API error code, not only the detail", () => {
        const error = apiErrorFor(
            { ...details, status: 400, detail: "bad", errorCode: `Code${SECRET}`, requestId: `req-${SECRET}` },
            [SECRET],
        );
        expect(error.message).not.toContain(SECRET);
        expect(error.errorCode).not.toContain(SECRET);
        expect(error.requestId).not.toContain(SECRET);
        expect(error.message).toContain("[REDACTED]");
    });
});

describe("base URLs in messages", () => {
    it("are shown without user info or query", () => {
        expect(safeUrlText("https://user:pa55@api.example.com/x?token=abc#f")).toBe("https://api.example.com/x");
        expect(safeUrlText("not a url //user:pa55@host?token=abc")).toBe("not a url //host");
        expect(() => parseBaseUrl("https://user:pa55@api.uploadcare.com", "apiBaseUrl")).toThrow(
            /must not carry a user name or password: "https:\/\/api.uploadcare.com\/"/,
        );
        let message = "";
        try {
            parseBaseUrl("ftp://u:pa55@x?token=t0k", "uploadBaseUrl");
        } catch (error) {
            message = (error as Error).message;
        }
        expect(message).toMatch(/uploadBaseUrl must be an https:\/\/ URL such as https:\/\/upload.uploadcare.com/);
        expect(message).not.toMatch(/pa55|t0k/);
    });
});
