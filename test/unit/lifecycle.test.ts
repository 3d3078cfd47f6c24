import { describe, expect, it } from "vitest";
import {
    UploadcareApiError,
    UploadcareInputError,
    UploadcareNetworkError,
    UploadcareTimeoutError,
} from "../../src/client";
import { UNKNOWN } from "../../src/provider/runtime/checks";
import {
    checkKnownKeys,
    containsUnknown,
    maySendAgain,
    outcomeOf,
    parseOrThrow,
    sendUntilKnown,
    startCheck,
} from "../../src/provider/runtime/lifecycle";
import { failure } from "../support/failure";

const lost = () => new UploadcareNetworkError({ method: "POST", url: "u", reason: "reset", ambiguous: true }, null);
const timedOut = () => new UploadcareTimeoutError({ method: "POST", url: "u", timeoutMs: 10 }, null);
const api = (status: number) =>
    new UploadcareApiError("UPLOADCARE_API", { method: "POST", path: "/group/", origin: "o", status });

describe("the lifecycle rules", () => {
    it("a 5xx or a lost connection is unknown, a timeout is unknown with its deadline spent, the rest failed", () => {
        expect(outcomeOf(lost())).toBe("unknown");
        expect(outcomeOf(api(503))).toBe("unknown");
        expect(outcomeOf(timedOut())).toBe("timed-out");
        expect(outcomeOf(api(400))).toBe("failed");
        const unsent = new UploadcareNetworkError({ method: "POST", url: "u", reason: "refused", ambiguous: false }, 0);
        expect(outcomeOf(unsent)).toBe("failed");
        expect(maySendAgain(lost(), 3, 4)).toBe(true);
        expect(maySendAgain(lost(), 4, 4)).toBe(false);
        expect(maySendAgain(timedOut(), 0, 4)).toBe(false);
    });

    it("a blind re-send stops at a timeout, and spends the budget on lost answers", async () => {
        let sent = 0;
        const always = (error: () => Error) => async () => {
            sent++;
            throw error();
        };
        expect((await failure(sendUntilKnown(always(timedOut), 4, () => {}))).code).toBe("UPLOADCARE_TIMEOUT");
        expect(sent).toBe(1);
        sent = 0;
        const told: string[] = [];
        await failure(sendUntilKnown(always(lost), 4, (e) => told.push(e.message)));
        expect(sent).toBe(5);
        expect(told).toHaveLength(4);
    });

    it("finds unknowns nested in lists and maps, and names every unknown key", () => {
        expect(containsUnknown({ files: ["a", UNKNOWN] })).toBe(true);
        expect(containsUnknown({ metadata: { k: UNKNOWN } })).toBe(true);
        expect(containsUnknown({ files: ["a"], store: true })).toBe(false);
        const checked = startCheck({ a: 1, x: 2, __provider: "p" });
        checkKnownKeys(checked, { a: 1, x: 2, __provider: "p" }, ["a"], (key) => `; not ${key}`);
        expect(checked.failures).toEqual([{ property: "x", reason: 'unknown input "x"; not x' }]);
    });

    it("parse-or-throw names every failure, or what is not known yet", async () => {
        const check = (news: Record<string, unknown>) => ({
            inputs: news,
            failures: news.bad ? [{ property: "bad", reason: "is bad" }] : [],
        });
        const build = (inputs: Record<string, unknown>) => ({ ok: inputs.ok });
        expect(await parseOrThrow("Thing", { ok: 1, __provider: "p" }, check, build)).toEqual({ ok: 1 });
        const bad = await failure(parseOrThrow("Thing", { bad: 1 }, check, build));
        expect(bad).toBeInstanceOf(UploadcareInputError);
        expect(bad.message).toBe("Invalid Thing inputs: bad is bad");
        const pending = await failure(parseOrThrow("Thing", { ok: [UNKNOWN] }, check, build, "ok is not known"));
        expect(pending.message).toBe("Invalid Thing inputs: ok is not known");
    });
});
