import { describe, expect, it } from "vitest";
import { normaliseGroupId, requireFileUuid, requireGroupId } from "../../../src/client/core/ids";

const UUID = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5";

describe("group ids", () => {
    it("accept <uuid>~<count> with a count from 1 to 1000, in canonical form", () => {
        expect(normaliseGroupId(`${UUID}~1`)).toBe(`${UUID}~1`);
        expect(normaliseGroupId(`{${UUID.toUpperCase()}}~1000`)).toBe(`${UUID}~1000`);
        expect(normaliseGroupId(` ${UUID}~12 `)).toBe(`${UUID}~12`);
    });

    it("refuse counts outside 1–1000 and everything that is not an id", () => {
        for (const bad of [
            `${UUID}~0`,
            `${UUID}~1001`,
            `${UUID}~01`,
            UUID,
            "",
            ".",
            "..",
            `../${UUID}~1`,
            `${UUID}~1/..`,
        ]) {
            expect(normaliseGroupId(bad), bad).toBeUndefined();
        }
    });

    it("requireGroupId names the field and the value, and never lets a path segment through", () => {
        for (const bad of ["", ".", "..", "a/b", `${UUID}~2%2F..`, 42, undefined]) {
            expect(() => requireGroupId(bad, "group id")).toThrow(/^group id must be an Uploadcare group id/);
        }
        expect(() => requireGroupId("..", "group id")).toThrow(/got the string "\.\."/);
    });

    it("requireFileUuid normalises a UUID and refuses anything else", () => {
        expect(requireFileUuid(`{${UUID.toUpperCase()}}`, "uuid")).toBe(UUID);
        expect(() => requireFileUuid(`${UUID}/..`, "files[0]")).toThrow(/^files\[0\] must be a file UUID/);
    });
});
