import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index";
import { emulatorFixtures, makeClock } from "../support/emulatorFixtures";

const fixtures = emulatorFixtures("uc-emulator-state-");
const { emulator, rest, createGroup } = fixtures;

describe("state file", () => {
    it("survives a restart", async () => {
        const dir = fixtures.tempDir();
        const statePath = join(dir, "state.json");
        const clock = makeClock();
        const first = await startEmulator({ quiet: true, now: clock.now, statePath, seedFiles: 2 });
        const group = await createGroup(first, first.seededFiles);
        const [extra = ""] = first.createFiles(1, { stored: false });
        const seeded = first.seededFiles;
        await first.close();
        expect(readFileSync(statePath, "utf8")).not.toContain("demoprivatekey");

        const second = await emulator({ now: clock.now, statePath, seedFiles: 2 });
        expect(second.seededFiles).toEqual(seeded);
        expect(second.files().map((f) => f.uuid)).toEqual([...seeded, extra]);
        const res = await rest(second, "GET", `/groups/${group.id}/`, { clock });
        expect(res.status).toBe(200);
        expect(res.json().files.map((f: { uuid: string }) => f.uuid)).toEqual(seeded);
        const next = await createGroup(second, seeded);
        expect(next.id).not.toBe(group.id);
        expect(second.groups().map((g) => g.id)).toEqual([group.id, next.id]);
    });
});
