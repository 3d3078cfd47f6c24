/**
 * A create whose request timed out is never sent again (src/provider/runtime/lifecycle/ambiguity.ts): the request
 * already took the whole per-request deadline, and the server may still apply it. A File's unstored upload is not
 * re-sent; a Group's lost POST is looked up once, and not re-sent when nothing is there yet.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFileProvider, type FileProvider } from "../../src/provider/file/provider";
import { failure } from "../support/failure";
import { emulatorConfig, type Harness, startHarness } from "../support/providerHarness";

const DEADLINE_MS = 250;
const DELAY_MS = 600;
/** The emulator logs a request when it answers: wait for the delayed ones. */
const settle = () => new Promise((resolve) => setTimeout(resolve, DELAY_MS + 200));
const text = (value: string) => ({
    "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17",
    text: value,
});

describe("a create that times out", () => {
    let h: Harness;
    let files: FileProvider;
    beforeAll(async () => {
        h = await startHarness({ deps: { timeouts: { requestMs: DEADLINE_MS } } });
        files = createFileProvider({ env: {}, sleep: async () => {}, timeouts: { requestMs: DEADLINE_MS } });
        await files.configure({ config: emulatorConfig(h.emulator) });
    });
    afterAll(() => h.close());
    beforeEach(() => h.reset());

    it("File: the upload is sent once, and the create fails with UPLOADCARE_TIMEOUT", async () => {
        h.emulator.injectFaults([
            { method: "POST", path: "/base/", action: "delay", delayMs: DELAY_MS, times: Infinity },
        ]);
        const { inputs } = await files.check({}, { source: text("slow") });
        const started = Date.now();
        const error = await failure(files.create(inputs));
        expect(error.code).toBe("UPLOADCARE_TIMEOUT");
        // One deadline, not one per retry (5 with the default budget).
        expect(Date.now() - started).toBeLessThan(4 * DEADLINE_MS);
        await settle();
        expect(h.calls().filter((c) => c === "POST /base/")).toEqual(["POST /base/"]);
    });

    it("File: a lost answer that is not a timeout is still sent again", async () => {
        h.emulator.injectFaults([{ method: "POST", path: "/base/", action: "reset-after", times: 1 }]);
        const { inputs } = await files.check({}, { source: text("lost once") });
        await files.create(inputs);
        expect(h.calls().filter((c) => c === "POST /base/")).toHaveLength(2);
    });

    it("Group: the POST is looked up once, not sent again", async () => {
        const uuids = h.emulator.createFiles(1, { stored: true });
        h.reset();
        h.emulator.injectFaults([
            { method: "POST", path: "/group/", action: "delay", delayMs: DELAY_MS, times: Infinity },
        ]);
        const error = await failure(h.provider.create({ files: uuids, storeFiles: false }));
        expect(error.code).toBe("UPLOADCARE_TIMEOUT");
        await settle();
        expect(h.calls().filter((c) => c === "POST /group/")).toEqual(["POST /group/"]);
        // The snapshot before the POST, and the one lookup after it.
        expect(h.calls().filter((c) => c === "GET /groups/")).toHaveLength(2);
    });
});
