/**
 * A Group create takes over, after a lost answer, only a group it provably made: never an identical group someone
 * else made just before, never one the server dates before the list taken before the POST, and two resources of
 * one run never own the same group.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createClient, getGroup } from "../../src/client";
import type { FaultRule } from "../../src/emulator";
import { createGroupProvider } from "../../src/provider/group/provider";
import { failure } from "../support/failure";
import { emulatorConfig, type Harness, startHarness } from "../support/providerHarness";

const FAULTS: [string, Omit<FaultRule, "method" | "path">][] = [
    ["a 503", { action: "status", status: 503 }],
    ["a reset before the request", { action: "reset-before" }],
    ["a reset after the commit", { action: "reset-after" }],
];

/** A group made outside the stack (another provider process) with these files. */
async function outsideGroup(h: Harness, files: string[]): Promise<string> {
    const outside = createGroupProvider({ env: {} });
    await outside.configure({ config: emulatorConfig(h.emulator) });
    const { id } = await outside.create({ files, storeFiles: false });
    h.reset();
    return id;
}

describe("Group create: ownership before adoption", () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness();
    });
    afterAll(() => h.close());
    beforeEach(() => h.reset());

    it.each(FAULTS)(
        "%s on POST /group/: an identical group made just before by someone else is not taken",
        async (_name, fault) => {
            const files = h.emulator.createFiles(2, { stored: true });
            const theirs = await outsideGroup(h, files);
            h.emulator.injectFaults([{ method: "POST", path: "/group/", times: 1, ...fault }]);
            const { id, outs } = await h.provider.create({ files });
            expect(id).not.toBe(theirs);
            expect(outs?.files).toEqual(files);
            // Exactly one group of ours, and theirs is still there.
            expect(h.newGroups().map((g) => g.id)).toEqual([id]);
            expect(h.emulator.groups().some((g) => g.id === theirs)).toBe(true);
            const posts = fault.action === "reset-after" ? 1 : 2;
            expect(h.calls().filter((c) => c === "POST /group/")).toHaveLength(posts);
        },
    );

    it("two Groups of one run with the same groupId: the second is refused, naming both; a created one too", async () => {
        const theirs = await outsideGroup(h, h.emulator.createFiles(1, { stored: true }));
        await h.provider.create({ groupId: theirs, storeFiles: false });
        const error = await failure(h.provider.create({ groupId: theirs, storeFiles: false }));
        expect(error.code).toBe("UPLOADCARE_CONFLICT");
        expect(error.message).toBe(
            `Cannot adopt group ${theirs} with groupId: "${theirs}": another Group resource of this stack already ` +
                `adopted group ${theirs} with groupId: "${theirs}". Two resources must never own the same Uploadcare ` +
                "object (destroying either would delete it under the other): keep one of them, or give them " +
                "different groupId values. Nothing was changed.",
        );
        const ours = await h.provider.create({ files: h.emulator.createFiles(1, { stored: true }) });
        const again = await failure(h.provider.create({ groupId: ours.id }));
        expect(again.message).toContain(`another Group resource of this stack already created group ${ours.id}.`);
        // Once deleted, the id is free again (a replace that re-adopts it in a later step).
        await h.provider.delete(theirs, {});
        expect(h.emulator.groups().some((g) => g.id === theirs)).toBe(false);
    });
});

describe("Group create: a candidate the server dates before the list before the POST", () => {
    // The emulator's records (and the provider's signed Date) run an hour behind the HTTP Date header, so the
    // group the POST made looks older than the list before it: nothing proves it is this create's.
    const behind = () => new Date(Date.now() - 3_600_000);
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness({ emulator: { now: behind }, deps: { now: behind } });
    });
    afterAll(() => h.close());

    it("is not adopted: UPLOADCARE_OUTCOME_UNKNOWN names it and how to adopt it", async () => {
        const files = h.emulator.createFiles(2, { stored: true });
        h.reset();
        h.emulator.injectFaults([{ method: "POST", path: "/group/", action: "reset-after", times: 1 }]);
        const error = await failure(h.provider.create({ files }));
        const [candidate] = h.newGroups();
        expect(error.code).toBe("UPLOADCARE_OUTCOME_UNKNOWN");
        expect(error.message).toMatch(
            new RegExp(
                `^POST /group/ may or may not have created the group \\(.*\\)\\. Group ${candidate?.id} has exactly ` +
                    `these files, but it was created at ${candidate?.datetimeCreated}, before this create listed`,
            ),
        );
        expect(error.message).toContain(`give this Group groupId: "${candidate?.id}" (it adopts it)`);
        expect(h.newGroups()).toHaveLength(1);
    });
});

describe("Group create: an API that answers default_effects without the trailing slash", () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness({ emulator: { restEffectsTrailingSlash: false } });
    });
    afterAll(() => h.close());

    it("a lost POST answer (reset after the commit) is recognised: one group, no duplicate", async () => {
        const [plain, cropped] = h.emulator.createFiles(2, { stored: true });
        const files = [plain as string, `${cropped}/-/resize/800x/`];
        h.reset();
        h.emulator.injectFaults([{ method: "POST", path: "/group/", action: "reset-after", times: 1 }]);
        const { id, outs } = await h.provider.create({ files });
        expect(h.newGroups().map((g) => g.id)).toEqual([id]);
        expect(h.calls().filter((c) => c === "POST /group/")).toHaveLength(1);
        expect(outs?.files).toEqual(files);
        // The switch is real: the REST answer has no trailing slash.
        const { publicKey, secretKey, url } = h.emulator;
        const client = createClient({ publicKey, secretKey, apiBaseUrl: url, uploadBaseUrl: url });
        expect((await getGroup(client, id)).files?.[1]?.default_effects).toBe("resize/800x");
        const read = await h.provider.read(id, outs as Record<string, unknown>);
        expect(read.props?.files).toEqual(files);
    });
});
