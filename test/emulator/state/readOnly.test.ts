import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Emulator, seededGroupIds, startEmulator } from "../../../src/emulator/index";
import { MicroClock, parseIsoMicros } from "../../../src/emulator/state/clock";
import { optionsProject } from "../../../src/emulator/state/projects";
import { READ_ONLY_MESSAGE } from "../../../src/emulator/state/readOnly";
import { State } from "../../../src/emulator/state/state";
import { emulatorFixtures, groupFields, V07 } from "../../support/emulatorFixtures";

const { emulator, tempDir, send, rest, uploadForm } = emulatorFixtures("uc-read-only-");

async function listedIds(emu: Emulator): Promise<string[]> {
    const res = await rest(emu, "GET", "/groups/");
    expect(res.status).toBe(200);
    return res.json().results.map((g: { id: string }) => g.id);
}

/** Everything that tells whether a process touched the state file (or left a temp file next to it). */
function snapshot(statePath: string) {
    const stats = statSync(statePath);
    return {
        bytes: readFileSync(statePath, "utf8"),
        mtimeMs: stats.mtimeMs,
        ino: stats.ino,
        dir: readdirSync(join(statePath, "..")),
    };
}

const OPTIONS = { seedFiles: 2, seedGroups: 1 };

describe("readOnlyState", () => {
    it("follows the writer: sees a group it creates, and stops seeing it once deleted", async () => {
        const statePath = join(tempDir(), "state.json");
        const writer = await emulator({ ...OPTIONS, statePath });
        const reader = await emulator({ ...OPTIONS, statePath, readOnlyState: true });
        expect(reader.seededFiles).toEqual(writer.seededFiles);
        expect(reader.seededGroups).toEqual(writer.seededGroups);
        expect(await listedIds(reader)).toEqual(writer.seededGroups);

        const created = await uploadForm(writer, "/group/", groupFields(writer, writer.seededFiles));
        expect(created.status).toBe(200);
        const id = created.json().id as string;
        const before = snapshot(statePath);
        expect(await listedIds(reader)).toEqual([...writer.seededGroups, id]);
        expect((await rest(reader, "GET", `/groups/${id}/`)).status).toBe(200);
        const info = await send(`${reader.url}/group/info/?pub_key=${reader.publicKey}&group_id=${id}`);
        expect(info.status).toBe(200);
        expect(reader.groups().map((g) => g.id)).toContain(id);
        expect(snapshot(statePath)).toEqual(before);

        expect((await rest(writer, "DELETE", `/groups/${id}/`)).status).toBe(204);
        expect(writer.deleteGroupOutOfBand(writer.seededGroups[0] ?? "")).toBe(true);
        const afterDelete = snapshot(statePath);
        expect(await listedIds(reader)).toEqual([]);
        expect((await rest(reader, "GET", `/groups/${id}/`)).status).toBe(404);
        expect(reader.groups()).toEqual([]);
        expect(snapshot(statePath)).toEqual(afterDelete);

        // Files the writer uploads and removes show up too: the whole state is replaced, not just groups.
        const [uuid] = writer.createFiles(1);
        writer.removeFileOutOfBand(writer.seededFiles[0] ?? "");
        const file = await rest(reader, "GET", `/files/${uuid}/`);
        expect(file.status).toBe(200);
        const removed = await rest(reader, "GET", `/files/${writer.seededFiles[0]}/`);
        expect(removed.json().datetime_removed).not.toBeNull();
    });

    it("refuses changes with 503 in each API's own error format, and never writes the file", async () => {
        const statePath = join(tempDir(), "state.json");
        const writer = await emulator({ ...OPTIONS, statePath });
        const reader = await emulator({ ...OPTIONS, statePath, readOnlyState: true });
        const [group] = writer.seededGroups;
        const [f0, f1] = writer.seededFiles;
        const before = snapshot(statePath);

        const upload = await uploadForm(reader, "/group/", groupFields(reader, [f0 ?? "", f1 ?? ""]));
        expect([upload.status, upload.text]).toEqual([503, READ_ONLY_MESSAGE]);
        const uploadJson = await uploadForm(reader, "/group/?jsonerrors=1", groupFields(reader, [f0 ?? ""]));
        expect([uploadJson.status, uploadJson.json()]).toEqual([
            503,
            { error: { content: READ_ONLY_MESSAGE, status_code: 503, error_code: "UploadAPIError" } },
        ]);
        const base = await uploadForm(reader, "/base/", [["UPLOADCARE_PUB_KEY", reader.publicKey]]);
        expect(base.status).toBe(503);

        for (const [method, path, body] of [
            ["DELETE", `/groups/${group}/`, ""],
            ["PUT", `/files/${f0}/storage/`, ""],
            ["DELETE", `/files/${f0}/storage/`, ""],
            ["PUT", "/files/storage/", JSON.stringify([f0])],
        ] as const) {
            const res = await rest(reader, method, path, { body });
            expect([method, path, res.status, res.json()]).toEqual([method, path, 503, { detail: READ_ONLY_MESSAGE }]);
            expect(res.headers["content-type"]).toBe(V07);
        }
        // Authentication still comes first: a bad signature is a 401, not a 503.
        const unsigned = await send(`${reader.url}/groups/${group}/`, { method: "DELETE", headers: { Accept: V07 } });
        expect(unsigned.status).toBe(401);

        const admin = (method: string, path: string, body?: string) =>
            send(`${reader.url}/__emulator/${path}`, { method, ...(body === undefined ? {} : { body }) });
        for (const res of [
            await admin("POST", "files", JSON.stringify({ count: 1 })),
            await admin("DELETE", `groups/${group}`),
            await admin("DELETE", `files/${f0}`),
        ]) {
            expect([res.status, res.json()]).toEqual([503, { error: READ_ONLY_MESSAGE }]);
        }
        // Controls of the emulator itself are not state: they still work.
        expect((await admin("POST", "faults", JSON.stringify(["GET /project/ delay:1 x1"]))).status).toBe(200);
        expect((await admin("GET", "state")).json().projects[reader.publicKey].groups).toHaveLength(1);
        expect(() => reader.createFiles(1)).toThrow(/read-only/);
        expect(() => reader.deleteGroupOutOfBand(group ?? "")).toThrow(/read-only/);
        expect(() => reader.removeFileOutOfBand(f0 ?? "")).toThrow(/read-only/);

        // Nothing changed anywhere: not the file, not the writer's view, not the reader's.
        expect(snapshot(statePath)).toEqual(before);
        expect(writer.groups().map((g) => g.id)).toEqual([group]);
        expect(writer.files().every((f) => f.datetimeRemoved === null)).toBe(true);
        expect(await listedIds(reader)).toEqual([group]);
        expect(reader.requests.filter((r) => r.status === 503)).toHaveLength(10);
    });

    it("seeds in memory only while nothing is persisted, with the ids the writer gives", async () => {
        const dir = tempDir();
        const statePath = join(dir, "state.json");
        const reader = await emulator({ ...OPTIONS, statePath, readOnlyState: true });
        expect(readdirSync(dir)).toEqual([]);
        expect(reader.seededGroups).toEqual(seededGroupIds(1, 2));
        expect(await listedIds(reader)).toEqual(reader.seededGroups);
        expect(readdirSync(dir)).toEqual([]);

        const writer = await emulator({ ...OPTIONS, statePath });
        expect(writer.seededGroups).toEqual(reader.seededGroups);
        const seeded = writer.seededGroups[0] ?? "";
        const created = await uploadForm(writer, "/group/", groupFields(writer, writer.seededFiles));
        const id = created.json().id as string;
        expect(writer.deleteGroupOutOfBand(seeded)).toBe(true);
        // The reader drops its in-memory seed for the writer's state, where the seeded group is gone.
        expect(await listedIds(reader)).toEqual([id]);
        expect(readdirSync(dir)).toEqual(["state.json"]);
    });

    it("takes an existing file as it is, seeding nothing", async () => {
        const statePath = join(tempDir(), "state.json");
        const writer = await emulator({ seedFiles: 1, statePath });
        const before = snapshot(statePath);
        const reader = await emulator({ seedFiles: 3, seedGroups: 2, statePath, readOnlyState: true });
        expect(reader.files().map((f) => f.uuid)).toEqual(writer.seededFiles);
        expect(reader.seededGroups).toEqual([]);
        expect(await listedIds(reader)).toEqual([]);
        expect(snapshot(statePath)).toEqual(before);
    });

    it("keeps its clock ahead of every reloaded timestamp", () => {
        const dir = tempDir();
        const statePath = join(dir, "state.json");
        const past = Date.UTC(2020, 0, 1);
        const reader = new State(new MicroClock(() => new Date(past)), statePath, true);
        reader.addProject(optionsProject("pk", "sk", "p", false, "2020-01-01T00:00:00.000000Z"));
        expect(reader.load()).toBe(false);

        const writer = new State(new MicroClock(() => new Date(Date.UTC(2030, 0, 1))), statePath, false);
        writer.addProject(optionsProject("pk", "sk", "p", false, "2020-01-01T00:00:00.000000Z"));
        const [uuid] = writer.createDemoFiles("pk", 1, { deterministic: true });
        const group = writer.createGroup("pk", [{ uuid: uuid ?? "", defaultEffects: "" }]);
        expect(reader.reloadIfChanged()).toBe(true);
        expect(reader.reloadIfChanged()).toBe(false);
        expect(reader.group("pk", group.id)).toEqual(group);
        expect(parseIsoMicros(reader.timestamp()) ?? 0).toBeGreaterThan(parseIsoMicros(group.datetimeCreated) ?? 0);
        // save() on a read-only state is a no-op, whatever asks for it.
        const before = snapshot(statePath);
        reader.save();
        expect(snapshot(statePath)).toEqual(before);
    });

    it("answers 500 for an unreadable file and recovers once the writer fixes it", async () => {
        const statePath = join(tempDir(), "state.json");
        const writer = await emulator({ ...OPTIONS, statePath });
        const reader = await emulator({ ...OPTIONS, statePath, readOnlyState: true });
        const good = readFileSync(statePath, "utf8");
        writeFileSync(statePath, "{not json");
        const stderr = process.stderr.write;
        process.stderr.write = () => true;
        try {
            expect((await rest(reader, "GET", "/groups/")).status).toBe(500);
        } finally {
            process.stderr.write = stderr;
        }
        writeFileSync(statePath, good);
        expect(await listedIds(reader)).toEqual(writer.seededGroups);
    });

    it("needs statePath", async () => {
        await expect(startEmulator({ quiet: true, readOnlyState: true })).rejects.toThrow(
            /readOnlyState needs statePath/,
        );
    });
});
