import { describe, expect, it } from "vitest";
import { DEFAULT_PROJECT_API_BASE_URL } from "../../src/client";
import { resolveSettings, SETTINGS } from "../../src/provider/runtime/settings";

const resolved = (env: Record<string, string>) => resolveSettings({ env });

describe("Project API and signed-upload settings", () => {
    it("the token is a secret setting and the base URL defaults to the one uploadcare-go requests", () => {
        expect(SETTINGS.projectApiToken).toMatchObject({ env: "UPLOADCARE_PROJECT_API_TOKEN", secret: true });
        expect(SETTINGS.projectApiBaseUrl).toMatchObject({ env: "UPLOADCARE_PROJECT_API_BASE_URL", secret: false });
        expect(DEFAULT_PROJECT_API_BASE_URL).toBe("https://api.uploadcare.com/");
        expect(resolved({})).toMatchObject({
            projectApiToken: undefined,
            projectApiBaseUrl: DEFAULT_PROJECT_API_BASE_URL,
        });
        const set = resolved({
            UPLOADCARE_PROJECT_API_TOKEN: "tok",
            UPLOADCARE_PROJECT_API_BASE_URL: "https://app.uploadcare.com/apps/api/project-api/v1/",
        });
        expect(set).toMatchObject({
            projectApiToken: "tok",
            projectApiBaseUrl: "https://app.uploadcare.com/apps/api/project-api/v1/",
        });
    });

    it.each([
        [undefined, "off"],
        ["false", "off"],
        ["off", "off"],
        ["true", "jwt"],
        ["yes", "jwt"],
        ["JWT", "jwt"],
        ["legacy", "legacy"],
    ])("signUploads %s resolves to %s (true is the current scheme, a token)", (value, expected) => {
        expect(resolved(value === undefined ? {} : { UPLOADCARE_SIGN_UPLOADS: value }).signUploads).toBe(expected);
    });

    it("refuses another signUploads value, naming the setting and the choices", () => {
        expect(() => resolved({ UPLOADCARE_SIGN_UPLOADS: "maybe" })).toThrow(
            'uploadcare:signUploads / UPLOADCARE_SIGN_UPLOADS must be true, false, "jwt" or "legacy", got "maybe".',
        );
    });
});
