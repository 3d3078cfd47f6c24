import { describe, expect, it } from "vitest";
import { siblingProblem } from "../../src/resources/webhookSiblings";

describe("siblingProblem", () => {
    it("lets each URL and event be declared once, by one resource, and names both on a second declaration", () => {
        const seen = new Map<string, string>();
        const url = "https://example.com/hook";
        expect(siblingProblem(seen, "a", url, "file.uploaded")).toBeUndefined();
        expect(siblingProblem(seen, "b", url, "file.stored")).toBeUndefined();
        expect(siblingProblem(seen, "c", "https://example.com/other", "file.uploaded")).toBeUndefined();
        // The same resource asked again (a re-run of its apply) is not its own sibling.
        expect(siblingProblem(seen, "a", url, "file.uploaded")).toBeUndefined();
        expect(siblingProblem(seen, "d", url, "file.uploaded")).toBe(
            `targetUrl of Webhook "d": Webhook "a" of this program already subscribes ${url} to file.uploaded, and ` +
                "Uploadcare allows one subscription per project, URL and event. Keep one of the two resources, or give " +
                "this one another targetUrl or event.",
        );
    });
});
