import * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import { describe, expect, it } from "vitest";
import { captureRequestUrns, currentUrn, withResourceUrn } from "../../../../src/provider/runtime/engineLog";
import { scrubLine, throttledProgress } from "../../../../src/provider/runtime/progress";
import { createRuntime } from "../../../../src/provider/runtime/runtime";

// The rate limit of progress lines (at most about one a second per operation, plus the final one) on an injected
// clock, the secret guard, and which resource a line is about.

function recorder(options: { urn?: () => string | undefined } = {}) {
    let time = 0;
    const sent: [string, string | undefined][] = [];
    const progress = throttledProgress((line, urn) => sent.push([line, urn]), { now: () => time, ...options });
    return {
        progress,
        sent,
        lines: () => sent.map(([line]) => line),
        advance: (ms: number) => {
            time += ms;
        },
    };
}

describe("progress rate limit", () => {
    it("a 10,000-file sync reporting every file sends one line a second plus the final one", () => {
        const r = recorder();
        // 10,000 files over 5 s: one line every 0.5 ms.
        for (let done = 1; done <= 10_000; done++) {
            r.progress(`site: ${done.toLocaleString("en-US")}/10,000 uploaded`);
            r.advance(0.5);
        }
        expect(r.lines()).toEqual([
            "site: 1/10,000 uploaded",
            "site: 2,001/10,000 uploaded",
            "site: 4,001/10,000 uploaded",
            "site: 6,001/10,000 uploaded",
            "site: 8,001/10,000 uploaded",
            "site: 10,000/10,000 uploaded",
        ]);
    });

    it("the last part of an upload always shows, even right after another line", () => {
        const r = recorder();
        for (let part = 1; part <= 10; part++) {
            r.progress(`logo.mp4: part ${part}/10`);
            r.advance(300);
        }
        expect(r.lines()).toEqual([
            "logo.mp4: part 1/10",
            "logo.mp4: part 5/10",
            "logo.mp4: part 9/10",
            "logo.mp4: part 10/10",
        ]);
    });

    it("operations are limited apart: two files, and a one-off line right after a running count", () => {
        const r = recorder();
        r.progress("a.mp4: part 1/4");
        r.progress("b.mp4: part 1/4");
        r.progress("a.mp4: part 2/4");
        r.progress("site: 3/3 uploaded");
        r.progress("site: 3 stored");
        r.progress("site: 2 files deleted");
        expect(r.lines()).toEqual([
            "a.mp4: part 1/4",
            "b.mp4: part 1/4",
            "site: 3/3 uploaded",
            "site: 3 stored",
            "site: 2 files deleted",
        ]);
    });

    it("the same line from two resources counts as two operations, and each names its URN", () => {
        let urn = "urn:a";
        const r = recorder({ urn: () => urn });
        r.progress("logo.mp4: part 1/4");
        urn = "urn:b";
        r.progress("logo.mp4: part 1/4");
        r.progress("logo.mp4: part 2/4");
        expect(r.sent).toEqual([
            ["logo.mp4: part 1/4", "urn:a"],
            ["logo.mp4: part 1/4", "urn:b"],
        ]);
    });

    it("a from_url wait polled with backoff shows about once a second", () => {
        // The polls of waitForFromUrl: 250 ms first, doubling.
        const r = recorder();
        let previous = 0;
        for (const t of [0, 250, 750, 1750, 3750, 8750]) {
            r.advance(t - previous);
            previous = t;
            r.progress(`hero.jpg: fetching from https://example.com/hero.jpg, waiting (${Math.round(t / 1000)} s)`);
        }
        expect(r.lines().map((line) => line.replace(/.*\(/, "("))).toEqual(["(0 s)", "(2 s)", "(4 s)", "(9 s)"]);
    });
});

describe("progress lines carry no secret", () => {
    it("URLs lose their user info, query and fragment", () => {
        expect(scrubLine("hero.jpg: fetching from https://user:pa55@example.com/a/hero.jpg?sig=abc#x, waiting")).toBe(
            "hero.jpg: fetching from https://example.com/a/hero.jpg, waiting",
        );
        const r = recorder();
        r.progress("x.bin: fetching from http://127.0.0.1:9/x.bin?token=s3cret (1 s)");
        expect(r.lines()).toEqual(["x.bin: fetching from http://127.0.0.1:9/x.bin (1 s)"]);
    });

    it("a very long line is cut", () => {
        expect(scrubLine(`${"a".repeat(500)}: part 1/2`)).toHaveLength(300);
    });
});

describe("the resource an operation works on", () => {
    it("is known inside withResourceUrn, across awaits, and only there", async () => {
        expect(currentUrn()).toBeUndefined();
        const seen = await Promise.all(
            ["urn:one", "urn:two"].map((urn) =>
                withResourceUrn(urn, async () => {
                    await new Promise((resolve) => setTimeout(resolve, 5));
                    return currentUrn();
                }),
            ),
        );
        expect(seen).toEqual(["urn:one", "urn:two"]);
        expect(currentUrn()).toBeUndefined();
    });
});

describe("in the dynamic provider host", () => {
    it("the URN of a request the host reads (getProperties, getNews) is the URN of what runs after it", async () => {
        captureRequestUrns();
        captureRequestUrns(); // twice is once
        // As the host's create does: read the properties, await, then call the provider.
        const host = async (request: { getProperties(): unknown } | { getNews(): unknown }) => {
            if ("getProperties" in request) request.getProperties();
            else request.getNews();
            await new Promise((resolve) => setTimeout(resolve, 5));
            return currentUrn();
        };
        const create = new providerPb.CreateRequest().setUrn("urn:pulumi:dev::p::t::a");
        const update = new providerPb.UpdateRequest().setUrn("urn:pulumi:dev::p::t::b");
        expect(await Promise.all([host(create), host(update)])).toEqual([
            "urn:pulumi:dev::p::t::a",
            "urn:pulumi:dev::p::t::b",
        ]);
    });

    it("outside it (a program's lookups, tests) progress goes to the runtime's log", () => {
        const logged: string[] = [];
        createRuntime({ log: (line) => logged.push(line) }).progress("logo.mp4: part 1/2");
        expect(logged).toEqual(["logo.mp4: part 1/2"]);
    });
});
