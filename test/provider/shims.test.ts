import { createRequire } from "node:module";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/installedPackage";

// The serialized shims hold nothing: each call loads the process-wide implementation and goes to its type's
// provider. They load modules with Node's own `require` (lazily, by package name or the checkout's path), so they
// are exercised here as built (`npm run build` runs before the tests), from the checkout.
const load = createRequire(path.join(REPO_ROOT, "dist", "index.js"));
const shim = (type: "group" | "file" | "webhook") =>
    load(`./provider/shims/${type}.js`) as pulumi.dynamic.ResourceProvider;

describe("provider shims (built)", () => {
    it("route every call to the provider of their own type, with no request for check and diff", async () => {
        const uuid = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5";
        expect((await shim("group").check?.({}, { files: [uuid.toUpperCase()] }))?.inputs).toMatchObject({
            files: [uuid],
        });
        const file = await shim("file").check?.({}, { sourceUrl: "https://example.com/a/logo.png" });
        expect(file?.inputs).toMatchObject({ filename: "logo.png", store: true });
        const hook = await shim("webhook").check?.({}, { targetUrl: "https://example.com/hook", event: "file.nope" });
        expect(hook?.failures?.[0]?.reason).toContain("file.uploaded");
        expect(await shim("group").diff?.(`${uuid}~1`, { files: [uuid] }, { files: [uuid] })).toEqual({
            changes: false,
        });
    });

    it("share one implementation, which builds each type's provider once, on first use", () => {
        const implementation = load("./provider/implementation.js") as { providers: Record<string, unknown> };
        expect(implementation.providers.file).toBe(implementation.providers.file);
        expect(implementation.providers.webhook).toBe(implementation.providers.webhook);
        expect(implementation.providers.group).not.toBe(implementation.providers.file);
    });
});
