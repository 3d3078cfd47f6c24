import { describe, expect, it } from "vitest";
import { UploadcareConfigError } from "../../src/client";
import { UNKNOWN } from "../../src/provider/runtime/checks";
import {
    credentialsChange,
    credentialsFailures,
    credentialsOf,
    withCredentials,
} from "../../src/provider/runtime/credentials";
import type { ResourceOperations } from "../../src/provider/runtime/dynamicProvider";
import { settingsFailure } from "../../src/provider/runtime/preflight";
import type { ProviderRuntime } from "../../src/provider/runtime/runtime";

const B = { publicKey: "pubb", secretKey: "secret-of-b" };

describe("credentials input (provider/runtime/credentials.ts)", () => {
    it("a rotated key is an update, another public key a replace, the same keys nothing", () => {
        const stored = { project: "pubb", credentials: B };
        expect(credentialsChange(stored, { credentials: B })).toBeUndefined();
        expect(credentialsChange(stored, { credentials: { ...B, secretKey: "rotated" } })).toBe("update");
        expect(credentialsChange(stored, { credentials: { publicKey: "pubc", secretKey: "x" } })).toBe("replace");
        // Not known yet (a Project being created): an update in the preview; `up` diffs again with the value.
        expect(credentialsChange(stored, { credentials: { publicKey: UNKNOWN, secretKey: UNKNOWN } })).toBe("update");
        expect(credentialsChange(stored, { credentials: UNKNOWN })).toBe("update");
        // Dropped: the settings take over (an update that forgets the stored keys).
        expect(credentialsChange(stored, {})).toBe("update");
    });

    it("credentials naming another project than the recorded one replace, even on a resource that had none", () => {
        expect(credentialsChange({ project: "puba" }, { credentials: B })).toBe("replace");
        expect(credentialsChange({ project: "pubb" }, { credentials: B })).toBe("update");
        expect(credentialsChange({ project: "puba" }, {})).toBeUndefined();
    });

    it("malformed credentials fail naming the field, never quoting the secret key", () => {
        expect(credentialsFailures(undefined)).toEqual([]);
        expect(credentialsFailures(UNKNOWN)).toEqual([]);
        expect(credentialsFailures({ publicKey: UNKNOWN, secretKey: UNKNOWN })).toEqual([]);
        expect(credentialsFailures("pubb:secret").map((f) => f.property)).toEqual(["credentials"]);
        const failures = credentialsFailures({ publicKey: 7, secretKey: "", other: "secret-of-b" });
        expect(failures.map((f) => f.property)).toEqual([
            "credentials.publicKey",
            "credentials.secretKey",
            "credentials.other",
        ]);
        expect(JSON.stringify(credentialsFailures({ publicKey: "p", secretKey: 12345 }))).not.toContain("12345");
    });

    it("the overrides are the known keys only", () => {
        expect(credentialsOf({ credentials: B })).toEqual(B);
        expect(credentialsOf({ credentials: { publicKey: " pubb ", secretKey: UNKNOWN } })).toEqual({
            publicKey: "pubb",
        });
        expect(credentialsOf({})).toEqual({});
        expect(credentialsOf(undefined)).toEqual({});
    });
});

describe("the preview's key check with credentials not known yet", () => {
    it("is left for up when a key is unknown (a Project the same run creates), and runs when both are known", async () => {
        const asked: unknown[] = [];
        const runtime = {
            preflight: async (_op: string, _secret: boolean, overrides?: unknown) => {
                asked.push(overrides);
                throw new UploadcareConfigError("uploadcare:publicKey is not set");
            },
        };
        const base = { check: async () => ({ inputs: {}, failures: [] }) } as unknown as ResourceOperations;
        const ops = withCredentials(
            runtime as unknown as ProviderRuntime,
            () => ({ ...base, writes: () => ({ operation: "creating a file", needsSecret: true }) }),
            "updating a file",
        );
        const pending = { credentials: { publicKey: UNKNOWN, secretKey: UNKNOWN } };
        expect(await settingsFailure(runtime, ops.writes, {}, pending)).toBeUndefined();
        expect(asked).toEqual([]);
        const known = { credentials: { publicKey: "pk", secretKey: "sk" } };
        expect((await settingsFailure(runtime, ops.writes, {}, known))?.reason).toContain("credentials input");
        expect(asked).toEqual([{ publicKey: "pk", secretKey: "sk" }]);
    });
});
