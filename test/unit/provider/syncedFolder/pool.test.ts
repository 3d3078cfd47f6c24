/** The SyncedFolder worker pool: how many items run at once, and what a failure stops. */
import { describe, expect, it } from "vitest";
import { forEachLimited, WORKERS } from "../../../../src/provider/syncedFolder/pool";

describe("forEachLimited", () => {
    it("runs at most 64 items at once (the highest uploadcare:maxConcurrency), not one per item", async () => {
        let running = 0;
        let most = 0;
        const items = Array.from({ length: 1_000 }, (_, i) => i);
        const { error } = await forEachLimited(items, async () => {
            most = Math.max(most, ++running);
            await new Promise((resolve) => setImmediate(resolve));
            running--;
        });
        expect(error).toBeUndefined();
        expect(WORKERS).toBe(64);
        expect(most).toBe(64);
    });

    it("starts nothing after the first failure and reports it once the running items end", async () => {
        const started: number[] = [];
        const { error } = await forEachLimited(
            Array.from({ length: 10 }, (_, i) => i),
            async (i) => {
                started.push(i);
                await new Promise((resolve) => setImmediate(resolve));
                if (i === 1) throw new Error("boom");
            },
            2,
        );
        expect((error as Error).message).toBe("boom");
        expect(started).toEqual([0, 1, 2]);
    });
});
