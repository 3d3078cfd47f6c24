import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGroup } from "../../src/client";
import { clientFor } from "../support/emulatorFixtures";
import { type Harness, startHarness } from "../support/providerHarness";

// The dynamic provider's Group (compactState, as implementation.ts builds it) against the emulator: what each
// operation stores. The program-side half (the Group class rebuilding the outputs) runs in
// test/engine/stateEntry.test.ts.
describe("the dynamic provider's compact Group entries", () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness({ deps: { compactState: true } });
    });
    afterAll(() => h.close());

    const LEFT_OUT = ["filesCount", "url", "storeFiles"];

    it("check leaves out the default storeFiles; create, read and update store no filesCount, url or storeFiles: true", async () => {
        const files = h.emulator.createFiles(2, { stored: false });
        const checked = await h.provider.check({}, { files });
        expect(checked.inputs).toEqual({ files });
        const { id, outs } = await h.provider.create(checked.inputs);
        for (const key of LEFT_OUT) expect(outs).not.toHaveProperty(key);
        expect(outs).toMatchObject({ files, removedFiles: [], project: h.emulator.publicKey });

        const read = await h.provider.read(id, { ...outs, __provider: "code" });
        for (const key of LEFT_OUT) expect(read.props).not.toHaveProperty(key);
        expect(read.inputs).toEqual({ files });
        expect(await h.provider.diff(id, { ...read.props, __provider: "code" }, checked.inputs)).toEqual({
            changes: false,
        });

        const update = await h.provider.update(id, outs, { files, storeFiles: false });
        expect(update.outs).toMatchObject({ storeFiles: false });
        expect(update.outs).not.toHaveProperty("url");
        // A stored false is what the next diff compares against: no change, then back to true is one.
        expect(await h.provider.diff(id, update.outs ?? {}, { files, storeFiles: false })).toEqual({ changes: false });
        expect(await h.provider.diff(id, update.outs ?? {}, { files })).toEqual({ changes: true });
        await h.provider.delete(id, outs);
    });

    it("an entry written with every output keeps them on read and update (old stacks do not change shape)", async () => {
        const files = h.emulator.createFiles(1, { stored: true });
        const { id, outs } = await h.provider.create({ files });
        const full = { ...outs, filesCount: 1, url: `${h.emulator.url}/groups/${id}/`, storeFiles: true };
        const read = await h.provider.read(id, full);
        expect(read.props).toEqual(full);
        expect((await h.provider.update(id, full, { files })).outs).toEqual(full);
        await h.provider.delete(id, full);
    });

    it("an adopted group (groupId) is stored compact too, and Group.get's read (no stored outputs) as well", async () => {
        const files = h.emulator.createFiles(2, { stored: true });
        // Made outside this provider: one process never lets two resources own one group (runtime/claims.ts).
        const { id } = await createGroup(clientFor(h.emulator), files);
        const adopted = await h.provider.create({ groupId: id });
        expect(adopted.outs).toMatchObject({ groupId: id, files });
        for (const key of LEFT_OUT) expect(adopted.outs).not.toHaveProperty(key);
        const got = await h.provider.read(id, {});
        for (const key of LEFT_OUT) expect(got.props).not.toHaveProperty(key);
        await h.provider.delete(id, adopted.outs);
    });
});
