import { describe, expect, it } from "vitest";
import { setupWarnings } from "../../src/resources/setupWarnings";

const facts = (config: Record<string, string>, env: NodeJS.ProcessEnv = {}, secrets: string[] = []) => ({
    sources: { config: { get: (key: string) => config[key] }, env },
    isSecret: (key: string) => secrets.includes(key),
});

describe("setupWarnings", () => {
    it("says nothing for keys from the environment, or a secret key set with --secret", () => {
        expect(setupWarnings(facts({}, { UPLOADCARE_PUBLIC_KEY: "pk", UPLOADCARE_SECRET_KEY: "sk" }))).toEqual([]);
        const config = { "uploadcare:publicKey": "pk", "uploadcare:secretKey": "sk" };
        expect(setupWarnings(facts(config, {}, ["uploadcare:secretKey"]))).toEqual([]);
    });

    it("names a plain-config secret key without repeating its value", () => {
        const [warning, ...rest] = setupWarnings(
            facts({ "uploadcare:publicKey": "pk", "uploadcare:secretKey": "s3cr3t" }),
        );
        expect(rest).toEqual([]);
        expect(warning).toContain("uploadcare:secretKey is plain config");
        expect(warning).not.toContain("s3cr3t");
    });

    it("warns when emulator: auto falls back to the embedded emulator, not when a key is set", () => {
        expect(setupWarnings(facts({ "uploadcare:emulator": "auto" })).join()).toContain("embedded local emulator");
        expect(setupWarnings(facts({ "uploadcare:emulator": "auto" }, { UPLOADCARE_PUBLIC_KEY: "pk" }))).toEqual([]);
    });

    it("warns when one base URL is a loopback emulator and the other is not, in either direction", () => {
        const env = { UPLOADCARE_PUBLIC_KEY: "pk" };
        const local = "http://127.0.0.1:4000";
        expect(setupWarnings(facts({ "uploadcare:apiBaseUrl": local }, env)).join()).toContain("different places");
        expect(setupWarnings(facts({ "uploadcare:uploadBaseUrl": local }, env)).join()).toContain("different places");
        const both = { "uploadcare:apiBaseUrl": local, "uploadcare:uploadBaseUrl": local };
        expect(setupWarnings(facts(both, env))).toEqual([]);
    });
});
