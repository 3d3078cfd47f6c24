import { describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "../../../src/emulatorCli";

describe("CLI --cdn and --cdn-base-url", () => {
    it("select the CDN of the URLs in answers", () => {
        expect(parseArgs(["emulator", "--cdn", "cname"]).options.cdn).toBe("cname");
        expect(parseArgs(["emulator", "--cdn=emulator"]).options.cdn).toBe("emulator");
        expect(parseArgs(["emulator", "--cdn-base-url", "http://localhost:8080/"]).options.cdnBaseUrl).toBe(
            "http://localhost:8080/",
        );
        expect(parseArgs(["emulator"]).options.cdn).toBeUndefined();
    });

    it("refuse other values, naming the flag", () => {
        expect(() => parseArgs(["emulator", "--cdn", "fastly"])).toThrow(UsageError);
        expect(() => parseArgs(["emulator", "--cdn", "fastly"])).toThrow("--cdn must be legacy, cname or emulator");
        expect(() => parseArgs(["emulator", "--cdn-base-url", "ftp://x"])).toThrow(
            "--cdn-base-url must be an http(s) URL",
        );
    });
});
