import { describe, expect, it } from "vitest";
import { checkConfig, configView } from "../../src/native/config";
import { configProperties } from "../../src/native/schema";
import { resolveSettings } from "../../src/provider/runtime/settings";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe("provider settings", () => {
    it("read the stack config first, then UPLOADCARE_*, then the Uploadcare CLI's variable names", () => {
        const cli = { UPLOADCARE_REST_API_BASE: "https://rest.cli", UPLOADCARE_UPLOAD_API_BASE: "https://upload.cli" };
        expect(resolveSettings({ env: cli })).toMatchObject({
            apiBaseUrl: "https://rest.cli",
            uploadBaseUrl: "https://upload.cli",
        });
        const ours = {
            ...cli,
            UPLOADCARE_API_BASE_URL: "https://rest.ours",
            UPLOADCARE_UPLOAD_BASE_URL: "https://upload.ours",
        };
        expect(resolveSettings({ env: ours })).toMatchObject({
            apiBaseUrl: "https://rest.ours",
            uploadBaseUrl: "https://upload.ours",
        });
        const stack = config({ "uploadcare:apiBaseUrl": "https://rest.stack" });
        expect(resolveSettings({ env: ours, config: stack }).apiBaseUrl).toBe("https://rest.stack");
    });

    it("default to Uploadcare's own endpoints, and skip empty values", () => {
        const settings = resolveSettings({ env: { UPLOADCARE_API_BASE_URL: " ", UPLOADCARE_REST_API_BASE: "" } });
        expect(settings).toMatchObject({
            apiBaseUrl: "https://api.uploadcare.com",
            uploadBaseUrl: "https://upload.uploadcare.com",
            maxConcurrency: 16,
            maxRetries: 4,
            requestTimeoutMs: 600_000,
            emulator: "off",
        });
    });

    it("refuse malformed values, naming the setting and the variable", () => {
        expect(() => resolveSettings({ env: { UPLOADCARE_MAX_CONCURRENCY: "0" } })).toThrow(
            /uploadcare:maxConcurrency \/ UPLOADCARE_MAX_CONCURRENCY must be a whole number from 1 to 64/,
        );
        expect(() => resolveSettings({ env: { UPLOADCARE_EMULATOR: "maybe" } })).toThrow(/must be "auto" or "off"/);
    });

    it("read the request deadline from the stack config or UPLOADCARE_REQUEST_TIMEOUT_MS, from 1 s to 1 day", () => {
        expect(resolveSettings({ env: { UPLOADCARE_REQUEST_TIMEOUT_MS: "1800000" } }).requestTimeoutMs).toBe(1_800_000);
        const stack = config({ "uploadcare:requestTimeoutMs": "1000" });
        expect(
            resolveSettings({ env: { UPLOADCARE_REQUEST_TIMEOUT_MS: "5000" }, config: stack }).requestTimeoutMs,
        ).toBe(1_000);
        expect(resolveSettings({ env: { UPLOADCARE_REQUEST_TIMEOUT_MS: "86400000" } }).requestTimeoutMs).toBe(
            86_400_000,
        );
        for (const bad of ["999", "86400001", "10m", "2500.5"]) {
            expect(() => resolveSettings({ env: { UPLOADCARE_REQUEST_TIMEOUT_MS: bad } })).toThrow(
                `uploadcare:requestTimeoutMs / UPLOADCARE_REQUEST_TIMEOUT_MS must be a whole number from 1000 to 86400000, got "${bad}".`,
            );
        }
    });

    it("reach the native plugin: its schema, CheckConfig and the settings view take requestTimeoutMs", () => {
        expect(configProperties().requestTimeoutMs).toMatchObject({ type: "integer" });
        expect(checkConfig({ requestTimeoutMs: 120_000 }, {})).toEqual([]);
        expect(resolveSettings({ config: configView({ requestTimeoutMs: 120_000 }), env: {} }).requestTimeoutMs).toBe(
            120_000,
        );
        expect(checkConfig({ requestTimeoutMs: "5" }, {})).toEqual([
            {
                property: "requestTimeoutMs",
                reason: 'uploadcare:requestTimeoutMs / UPLOADCARE_REQUEST_TIMEOUT_MS must be a whole number from 1000 to 86400000, got "5".',
            },
        ]);
    });

    it("prove the keys at preview unless uploadcare:checkKeysAtPreview / UPLOADCARE_CHECK_KEYS_AT_PREVIEW is false", () => {
        expect(resolveSettings({ env: {} }).checkKeysAtPreview).toBe(true);
        expect(resolveSettings({ env: { UPLOADCARE_CHECK_KEYS_AT_PREVIEW: "false" } }).checkKeysAtPreview).toBe(false);
        const stack = config({ "uploadcare:checkKeysAtPreview": "no" });
        expect(resolveSettings({ env: {}, config: stack }).checkKeysAtPreview).toBe(false);
        expect(() => resolveSettings({ env: { UPLOADCARE_CHECK_KEYS_AT_PREVIEW: "sometimes" } })).toThrow(
            'uploadcare:checkKeysAtPreview / UPLOADCARE_CHECK_KEYS_AT_PREVIEW must be true or false, got "sometimes".',
        );
        expect(configProperties().checkKeysAtPreview).toMatchObject({ type: "boolean" });
    });
});
