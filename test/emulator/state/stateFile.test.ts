import { readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../../src/emulator/index";
import { emulatorFixtures, makeClock } from "../../support/emulatorFixtures";

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

describe("state file writes", () => {
    it("never reloads its own state file: the writer's memory is the truth", async () => {
        const statePath = join(fixtures.tempDir(), "state.json");
        const writer = await emulator({ statePath, seedFiles: 1 });
        const group = await createGroup(writer, writer.seededFiles);
        // Someone else rewrites the file: a writer keeps serving (and later saving) what it has in memory.
        writeFileSync(statePath, JSON.stringify({ version: 1, projects: {} }));
        expect((await rest(writer, "GET", `/groups/${group.id}/`)).status).toBe(200);
        expect(writer.groups().map((g) => g.id)).toEqual([group.id]);
        const next = await createGroup(writer, writer.seededFiles);
        const saved = JSON.parse(readFileSync(statePath, "utf8"));
        expect(saved.projects[writer.publicKey].groups.map((g: { id: string }) => g.id)).toEqual([group.id, next.id]);
    });

    it("writes through a fresh temp file, never through a planted symlink, and leaves no temp file", async () => {
        const dir = fixtures.tempDir();
        const statePath = join(dir, "state.json");
        const victim = join(dir, "victim.txt");
        writeFileSync(victim, "precious\n");
        // The temp name the emulator used to write through: `<state>.<pid>.tmp`.
        symlinkSync(victim, `${statePath}.${process.pid}.tmp`);
        const writer = await emulator({ statePath, seedFiles: 2 });
        await createGroup(writer, writer.seededFiles);
        expect(readFileSync(victim, "utf8")).toBe("precious\n");
        expect(JSON.parse(readFileSync(statePath, "utf8")).projects[writer.publicKey].groups).toHaveLength(1);
        expect(readdirSync(dir).sort()).toEqual(["state.json", `state.json.${process.pid}.tmp`, "victim.txt"]);
    });
});
