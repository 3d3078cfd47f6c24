import { expect } from "vitest";

/** The error a promise (or a function, sync or async) fails with; the test fails if it succeeds. */
export async function failure(run: Promise<unknown> | (() => unknown)): Promise<Error & { code?: string }> {
    try {
        await (typeof run === "function" ? run() : run);
    } catch (error) {
        expect(error).toBeInstanceOf(Error);
        return error as Error & { code?: string };
    }
    return expect.unreachable("expected a failure, but it succeeded");
}
