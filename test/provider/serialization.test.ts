import * as fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeInstalledProject, REPO_ROOT, runNode } from "../support/installedPackage";

// Pulumi's closure serializer misbehaves inside vitest's module runner, so serialization runs in a
// child `node` process exactly as in a Pulumi program, and the result is loaded the way the
// provider plugin loads it (require-from-string, then handler()).
const SERIALIZE = (shimSpecifier: string) => `
const runtime = require("@pulumi/pulumi/runtime");
const shim = require(${JSON.stringify(shimSpecifier)});
runtime.serializeFunction(() => shim, { allowSecrets: true }).then(
    (r) => process.stdout.write(JSON.stringify({ text: r.text, containsSecrets: r.containsSecrets })),
    (e) => { console.error(e); process.exit(1); },
);`;

/**
 * `check` validates the settings a create needs (src/provider/runtime/preflight.ts): give it the embedded emulator's,
 * which need no key and no request (the emulator itself starts only for an operation).
 */
const CHECK_ENV = { UPLOADCARE_EMULATOR: "auto", UPLOADCARE_PUBLIC_KEY: "", UPLOADCARE_SECRET_KEY: "" };

const LOAD_AND_CHECK = (text: string) => `
const requireFromString = require("require-from-string");
const provider = requireFromString(${JSON.stringify(text)}).handler();
provider.check({}, { files: ["3D1B8AC2-6B19-4E6C-8F3A-91A1C2D0E4F5"] }).then(
    (r) => process.stdout.write(JSON.stringify(r)),
    (e) => { console.error(e); process.exit(1); },
);`;

describe("serialized provider (__provider in state)", () => {
    let project: string;
    beforeAll(() => {
        project = makeInstalledProject();
    });
    afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

    it("is a tiny require of the installed package when installed from npm", () => {
        const result = JSON.parse(runNode(SERIALIZE("pulumi-uploadcare/provider"), project)) as {
            text: string;
            containsSecrets: boolean;
        };
        console.log(`__provider (installed package): ${Buffer.byteLength(result.text)} bytes`);
        expect(result.text).toContain('require("pulumi-uploadcare/provider")');
        expect(Buffer.byteLength(result.text)).toBeLessThan(1024);
        expect(result.containsSecrets).toBe(false);
        // Nothing from the implementation is copied into state.
        expect(result.text).not.toContain("createClient");
        expect(result.text).not.toContain("undici");
    });

    it("loads in a fresh process the way the provider plugin loads it", () => {
        const { text } = JSON.parse(runNode(SERIALIZE("pulumi-uploadcare/provider"), project)) as { text: string };
        const checked = JSON.parse(runNode(LOAD_AND_CHECK(text), project, CHECK_ENV));
        // The dynamic provider leaves the default storeFiles out of the state (provider/group/stateEntry.ts).
        expect(checked).toEqual({ inputs: { files: ["3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5"] } });
    });

    it("captures no configuration or environment values", () => {
        const { text } = JSON.parse(
            runNode(SERIALIZE("pulumi-uploadcare/provider"), project, {
                UPLOADCARE_SECRET_KEY: "very-secret-value",
                UPLOADCARE_PUBLIC_KEY: "public-value",
            }),
        ) as { text: string };
        expect(text).not.toContain("very-secret-value");
        expect(text).not.toContain("public-value");
    });

    it("still works by value from a development checkout (not under node_modules)", () => {
        const { text } = JSON.parse(runNode(SERIALIZE("./dist/provider/shims/group.js"), REPO_ROOT)) as {
            text: string;
        };
        console.log(`__provider (development checkout, by value): ${Buffer.byteLength(text)} bytes`);
        expect(text).toContain('require("pulumi-uploadcare/provider/implementation")');
        const checked = JSON.parse(runNode(LOAD_AND_CHECK(text), REPO_ROOT, CHECK_ENV));
        expect(checked.inputs.files).toEqual(["3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5"]);
    });
});
