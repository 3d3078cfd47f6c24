import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UploadcareEmulatorError } from "../../../src/emulator/errors";
import { seededFileUuids, seededGroupIds, startEmulator } from "../../../src/emulator/index";
import { GROUP_ID_RE } from "../../../src/emulator/state/ids";
import { emulatorFixtures } from "../../support/emulatorFixtures";

const { emulator, stop, tempDir, rest, createGroup } = emulatorFixtures("uc-seed-groups-");

function tempStatePath(): string {
    return join(tempDir(), "state.json");
}

describe("seedGroups", () => {
    it("creates the same groups on every fresh start, listed by REST GET /groups/", async () => {
        const first = await emulator({ seedFiles: 3, seedGroups: 4 });
        const second = await emulator({ seedFiles: 3, seedGroups: 4 });
        expect(first.seededGroups).toHaveLength(4);
        expect(second.seededGroups).toEqual(first.seededGroups);
        expect(first.seededGroups).toEqual(seededGroupIds(4, 3));
        for (const id of first.seededGroups) expect(id).toMatch(GROUP_ID_RE);
        expect(new Set(first.seededGroups).size).toBe(4);

        const list = await rest(first, "GET", "/groups/");
        expect(list.status).toBe(200);
        const results = list.json().results as { id: string; files_count: number; datetime_created: string }[];
        expect(results.map((g) => g.id)).toEqual(first.seededGroups);
        expect(results.map((g) => g.files_count)).toEqual([2, 2, 2, 2]);
        expect((await rest(second, "GET", "/groups/")).json().results.map((g: { id: string }) => g.id)).toEqual(
            first.seededGroups,
        );
    });

    it("groups seeded files 2i and 2i+1, wrapping around the seeded files", async () => {
        const emu = await emulator({ seedFiles: 3, seedGroups: 3 });
        const [f0, f1, f2] = emu.seededFiles;
        expect(emu.groups().map((g) => g.files.map((m) => m.uuid))).toEqual([
            [f0, f1],
            [f2, f0],
            [f1, f2],
        ]);
        for (const g of emu.groups()) {
            expect(g.id.endsWith("~2")).toBe(true);
            for (const m of g.files) expect(m.defaultEffects).toBe("");
        }
        const info = await rest(emu, "GET", `/groups/${emu.seededGroups[1]}/`);
        expect(info.status).toBe(200);
        expect(info.json().files.map((f: { uuid: string }) => f.uuid)).toEqual([f2, f0]);
    });

    it("makes groups of 1 when only one file is seeded", async () => {
        const emu = await emulator({ seedFiles: 1, seedGroups: 2 });
        expect(emu.seededGroups).toEqual(seededGroupIds(2, 1));
        expect(emu.groups().map((g) => [g.id.split("~")[1], g.files.map((m) => m.uuid)])).toEqual([
            ["1", seededFileUuids(1)],
            ["1", seededFileUuids(1)],
        ]);
    });

    it("derives the ids from the public key", async () => {
        const other = await emulator({ publicKey: "pk-seed", secretKey: "sk-seed", seedFiles: 2, seedGroups: 2 });
        expect(other.seededGroups).toEqual(seededGroupIds(2, 2, "pk-seed"));
        expect(other.seededGroups).not.toEqual(seededGroupIds(2, 2));
        expect((await rest(other, "GET", "/groups/")).json().total).toBe(2);
    });

    it("dates them increasing and before any group created later", async () => {
        const emu = await emulator({ seedFiles: 2, seedGroups: 3 });
        const times = emu.groups().map((g) => g.datetimeCreated);
        expect(emu.groups().map((g) => g.id)).toEqual(emu.seededGroups);
        expect([...times].sort()).toEqual(times);
        expect(new Set(times).size).toBe(3);
        const later = await createGroup(emu, emu.seededFiles);
        expect(later.datetime_created > (times.at(-1) ?? "")).toBe(true);
        const ids = (await rest(emu, "GET", "/groups/")).json().results.map((g: { id: string }) => g.id);
        expect(ids).toEqual([...emu.seededGroups, later.id]);
    });

    it("seeds nothing by default", async () => {
        const emu = await emulator({ seedFiles: 2 });
        expect(emu.seededGroups).toEqual([]);
        expect(emu.groups()).toEqual([]);
    });

    it("does not resurrect a seeded group deleted in a persisted state", async () => {
        const statePath = tempStatePath();
        const options = { statePath, seedFiles: 2, seedGroups: 2 };
        const first = await emulator(options);
        const [deleted, kept] = first.seededGroups;
        expect((await rest(first, "DELETE", `/groups/${deleted}/`)).status).toBe(204);
        await stop(first);

        const second = await emulator(options);
        expect(second.seededGroups).toEqual([kept]);
        expect(second.groups().map((g) => g.id)).toEqual([kept]);
        expect((await rest(second, "GET", `/groups/${deleted}/`)).status).toBe(404);
        await stop(second);
    });

    it("does not add seeded groups to an existing state file", async () => {
        const statePath = tempStatePath();
        await stop(await emulator({ statePath, seedFiles: 2 }));
        const restarted = await emulator({ statePath, seedFiles: 2, seedGroups: 2 });
        expect(restarted.seededGroups).toEqual([]);
        expect(restarted.groups()).toEqual([]);
    });

    it("refuses bad counts, and groups without seeded files", async () => {
        await expect(startEmulator({ quiet: true, seedGroups: -1 })).rejects.toThrow(
            new UploadcareEmulatorError("seedGroups must be a non-negative integer, got -1"),
        );
        await expect(startEmulator({ quiet: true, seedFiles: 2, seedGroups: 1.5 })).rejects.toThrow(/seedGroups/);
        await expect(startEmulator({ quiet: true, seedGroups: 2 })).rejects.toThrow(
            /seedGroups \(2\) needs seeded files to group/,
        );
        expect(() => seededGroupIds(1, 0)).toThrow(UploadcareEmulatorError);
        expect(seededGroupIds(0, 0)).toEqual([]);
    });
});
