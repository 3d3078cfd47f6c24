import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGroupProvider } from "../../src/provider/group/provider";
import { DEMO_CDN } from "../support/cdn";
import { emulatorConfig, type Harness, startHarness } from "../support/providerHarness";

/** Inputs after `check`, which must accept them. */
async function checkedInputs(h: Harness, news: Record<string, unknown>) {
    const result = await h.provider.check({}, news);
    expect(result.failures ?? []).toEqual([]);
    return result.inputs as Record<string, unknown>;
}

const GROUP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}~\d+$/;

describe("Group lifecycle through groupProvider against the emulator", () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness();
    });
    afterAll(() => h.close());
    beforeEach(() => h.reset());

    const checked = (news: Record<string, unknown>) => checkedInputs(h, news);

    it("create sends one POST, stores the unstored members in batches of 100, and returns every output", async () => {
        const unstored = h.emulator.createFiles(150, { stored: false });
        const stored = h.emulator.createFiles(2, { stored: true });
        h.reset();
        const files = [...stored, ...unstored.slice(0, 100), `${unstored[100]}/-/resize/800x/`, ...unstored.slice(101)];
        const { id, outs } = await h.provider.create(await checked({ files }));

        expect(id).toMatch(GROUP_ID);
        expect(id.endsWith(`~${files.length}`)).toBe(true);
        // u = 150 unstored members → ⌈150/100⌉ = 2 storage calls; the 2 stored ones are not sent again.
        // GET /groups/ (limit 1) notes the newest group, so a lost answer can be resolved (./recovery.ts).
        expect(h.calls()).toEqual(["GET /groups/", "POST /group/", "PUT /files/storage/", "PUT /files/storage/"]);
        expect(outs).toEqual({
            files,
            storeFiles: true,
            filesCount: files.length,
            cdnUrl: `${DEMO_CDN}/${id}/`,
            url: expect.stringContaining(`/groups/${id}/`),
            datetimeCreated: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
            removedFiles: [],
            project: h.emulator.publicKey,
        });
        const group = h.emulator.groups().find((g) => g.id === id);
        expect(group?.files.map((m) => m.uuid)).toEqual([...stored, ...unstored]);
        expect(group?.files[102]?.defaultEffects).toBe("resize/800x/");
        const byUuid = new Map(h.emulator.files().map((f) => [f.uuid, f]));
        expect(unstored.every((uuid) => byUuid.get(uuid)?.datetimeStored)).toBe(true);
    });

    it("create with storeFiles false sends only the list and the POST, and leaves storage alone", async () => {
        const files = h.emulator.createFiles(3, { stored: false });
        h.reset();
        const { outs } = await h.provider.create(await checked({ files, storeFiles: false }));
        expect(h.calls()).toEqual(["GET /groups/", "POST /group/"]);
        expect(outs?.storeFiles).toBe(false);
        const byUuid = new Map(h.emulator.files().map((f) => [f.uuid, f]));
        expect(files.every((uuid) => byUuid.get(uuid)?.datetimeStored === null)).toBe(true);
    });

    it("read sends one GET and returns the same outputs and inputs (no drift after refresh)", async () => {
        const files = h.emulator.createFiles(2, { stored: true });
        const inputs = await checked({ files: [files[0], `${files[1]}/-/format/webp/`] });
        const { id, outs } = await h.provider.create(inputs);
        h.reset();
        const read = await h.provider.read(id, { ...outs, __provider: "x" });
        expect(h.calls()).toEqual([`GET /groups/${id}/`]);
        expect(read).toEqual({ id, props: outs, inputs: { files: inputs.files, storeFiles: true } });
        const diff = await h.provider.diff(id, { ...read.props, __provider: "old" }, { ...inputs, __provider: "new" });
        expect(diff).toEqual({ changes: false });
    });

    it("read of a group deleted out of band returns an empty id so refresh drops it", async () => {
        const files = h.emulator.createFiles(1);
        const { id, outs } = await h.provider.create(await checked({ files }));
        expect(h.emulator.deleteGroupOutOfBand(id)).toBe(true);
        await expect(h.provider.read(id, outs)).resolves.toEqual({ id: "" });
    });

    it("read reports member files removed in Uploadcare", async () => {
        const files = h.emulator.createFiles(2);
        const { id, outs } = await h.provider.create(await checked({ files }));
        h.emulator.removeFileOutOfBand(files[1] as string);
        const read = await h.provider.read(id, outs);
        expect(read.props?.removedFiles).toEqual([files[1]]);
        expect(read.props?.files).toEqual(files);
    });

    it("update of storeFiles false → true stores the members; true → false deletes nothing", async () => {
        const files = h.emulator.createFiles(3, { stored: false });
        const { id, outs } = await h.provider.create(await checked({ files, storeFiles: false }));
        h.reset();
        const updated = await h.provider.update(id, outs, await checked({ files, storeFiles: true }));
        expect(h.calls()).toEqual([`GET /groups/${id}/`, "PUT /files/storage/"]);
        expect(updated.outs).toMatchObject({ storeFiles: true, files, filesCount: 3 });
        const byUuid = new Map(h.emulator.files().map((f) => [f.uuid, f]));
        expect(files.every((uuid) => byUuid.get(uuid)?.datetimeStored)).toBe(true);

        h.reset();
        const back = await h.provider.update(id, updated.outs, await checked({ files, storeFiles: false }));
        expect(h.calls()).toEqual([`GET /groups/${id}/`]);
        expect(back.outs).toMatchObject({ storeFiles: false });
        expect(
            h.emulator
                .files()
                .filter((f) => files.includes(f.uuid))
                .every((f) => f.datetimeStored),
        ).toBe(true);
    });

    it("delete sends one signed DELETE, keeps the files, and a second delete (404) succeeds", async () => {
        const files = h.emulator.createFiles(2, { stored: true });
        const { id } = await h.provider.create(await checked({ files }));
        h.reset();
        await h.provider.delete(id, {});
        expect(h.calls()).toEqual([`DELETE /groups/${id}/`]);
        expect(h.emulator.groups().some((g) => g.id === id)).toBe(false);
        const remaining = h.emulator.files().filter((f) => files.includes(f.uuid));
        expect(remaining.map((f) => [f.uuid, f.datetimeRemoved, Boolean(f.datetimeStored)])).toEqual(
            files.map((uuid) => [uuid, null, true]),
        );
        await expect(h.provider.delete(id, {})).resolves.toBeUndefined();
        expect(h.emulator.requests.at(-1)?.status).toBe(404);
    });
});

describe("diff", () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness();
    });
    afterAll(() => h.close());

    const A = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5";
    const B = "b1026315-8116-4632-8364-607e64fca723";
    const olds = { files: [A, B], storeFiles: true, filesCount: 2, cdnUrl: "x", __provider: "old code" };

    it.each([
        [
            "nothing changed (provider code ignored)",
            { files: [A, B], storeFiles: true, __provider: "new code" },
            { changes: false },
        ],
        [
            "files reordered",
            { files: [B, A], storeFiles: true },
            { changes: true, replaces: ["files"], deleteBeforeReplace: false },
        ],
        [
            "a file added",
            { files: [A, B, A], storeFiles: true },
            { changes: true, replaces: ["files"], deleteBeforeReplace: false },
        ],
        [
            "operations changed",
            { files: [A, `${B}/-/resize/10x/`], storeFiles: true },
            { changes: true, replaces: ["files"], deleteBeforeReplace: false },
        ],
        [
            "files unknown during preview",
            { files: [A, "04da6b54-80e4-46f7-96ec-b56ff0331ba9"], storeFiles: true },
            { changes: true, replaces: ["files"], deleteBeforeReplace: false },
        ],
        ["storeFiles changed (in place)", { files: [A, B], storeFiles: false }, { changes: true }],
    ])("%s", async (_name, news, expected) => {
        await expect(h.provider.diff(`${A}~2`, olds, news)).resolves.toEqual(expected);
    });

    it("sends no request", () => {
        expect(h.emulator.requests).toEqual([]);
    });
});

describe("seeded demo files", () => {
    it("have the UUIDs seededFileUuids() predicts, so programs can name them", async () => {
        const { seededFileUuids, startEmulator } = await import("../../src/emulator");
        const emulator = await startEmulator({ seedFiles: 4, quiet: true });
        try {
            expect(emulator.seededFiles).toEqual(seededFileUuids(4));
        } finally {
            await emulator.close();
        }
    });
});

describe("adopting an existing group (groupId)", () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness();
    });
    afterAll(() => h.close());
    beforeEach(() => h.reset());

    /** A group made outside the stack (another provider process): this one may adopt it. */
    async function existingGroup(files: string[]) {
        const outside = createGroupProvider({ env: {} });
        await outside.configure({ config: emulatorConfig(h.emulator) });
        const { id } = await outside.create({ files, storeFiles: false });
        h.reset();
        return id;
    }

    const checked = (news: Record<string, unknown>) => checkedInputs(h, news);

    it("create reads group info (no POST), takes its files from Uploadcare, stores them, and delete removes it", async () => {
        const files = h.emulator.createFiles(2, { stored: false });
        const entries = [files[0] as string, `${files[1]}/-/resize/800x/`];
        const id = await existingGroup(entries);
        const inputs = await checked({ groupId: ` ${id.toUpperCase()} ` });
        expect(inputs).toEqual({ groupId: id, storeFiles: true });

        const adopted = await h.provider.create(inputs);
        expect(adopted.id).toBe(id);
        expect(adopted.outs).toMatchObject({ files: entries, filesCount: 2, groupId: id, storeFiles: true });
        expect(h.calls()).toEqual([`GET /groups/${id}/`, "PUT /files/storage/"]);
        expect(h.newGroups()).toEqual([]);
        const byUuid = new Map(h.emulator.files().map((f) => [f.uuid, f]));
        expect(files.every((uuid) => byUuid.get(uuid)?.datetimeStored)).toBe(true);

        h.reset();
        const read = await h.provider.read(id, adopted.outs);
        expect(read).toEqual({ id, props: adopted.outs, inputs: { groupId: id, storeFiles: true } });
        expect(h.calls()).toEqual([`GET /groups/${id}/`]);

        h.reset();
        await h.provider.delete(id, adopted.outs);
        expect(h.calls()).toEqual([`DELETE /groups/${id}/`]);
        expect(h.emulator.groups().some((g) => g.id === id)).toBe(false);
    });

    it("with storeFiles false sends only the GET", async () => {
        const id = await existingGroup(h.emulator.createFiles(1, { stored: false }));
        await h.provider.create(await checked({ groupId: id, storeFiles: false }));
        expect(h.calls()).toEqual([`GET /groups/${id}/`]);
    });

    it("an unknown id fails create with the id and the project's public key, and nothing is created", async () => {
        const missing = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~1";
        const error = await h.provider.create(await checked({ groupId: missing })).then(
            () => undefined,
            (e: unknown) => e as Error & { code?: string },
        );
        expect(error?.message).toContain(
            `Cannot adopt group ${missing}: project ${h.emulator.publicKey} has no such group`,
        );
        expect(error?.code).toBe("UPLOADCARE_NOT_FOUND");
        expect(h.calls()).toEqual([`GET /groups/${missing}/`]);
        expect(h.newGroups()).toEqual([]);
    });

    it("an id with the wrong ~count is unknown too (Uploadcare answers 404)", async () => {
        const id = await existingGroup(h.emulator.createFiles(2));
        const wrong = id.replace(/~2$/, "~3");
        await expect(h.provider.create(await checked({ groupId: wrong }))).rejects.toThrow(
            `Cannot adopt group ${wrong}: project ${h.emulator.publicKey} has no such group`,
        );
    });

    it.each([
        ["a bare UUID", { groupId: "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5" }, "groupId", /this is a bare UUID/],
        ["a count of zero", { groupId: "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~0" }, "groupId", /group id such as/],
        ["a number", { groupId: 42 }, "groupId", /got number 42/],
        [
            "both files and groupId",
            { groupId: "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~1", files: ["3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5"] },
            "groupId",
            /^cannot be given with files: use files to create a new group/,
        ],
        ["neither files nor groupId", {}, "files", /or give groupId to adopt an existing one/],
        ["the old adopt input", { adopt: "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~1" }, "adopt", /give groupId/],
    ])("check rejects %s without a request", async (_name, news, property, reason) => {
        const result = await h.provider.check({}, news);
        expect(result.failures?.find((f) => f.property === property)?.reason).toMatch(reason);
        expect(h.calls()).toEqual([]);
    });

    it("read without stored outputs (Group.get) returns the group, or fails naming the id and the key", async () => {
        const files = h.emulator.createFiles(2);
        const id = await existingGroup(files);
        const found = await h.provider.read(id, { __provider: "serialized provider text" });
        expect(found.id).toBe(id);
        expect(found.props).toMatchObject({ files, filesCount: 2 });

        const missing = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~2";
        await expect(h.provider.read(missing, { __provider: "serialized provider text" })).rejects.toMatchObject({
            code: "UPLOADCARE_NOT_FOUND",
            message: expect.stringContaining(
                `Group.get("${missing}"): project ${h.emulator.publicKey} has no such group`,
            ),
        });
    });

    it("create refuses inputs check would refuse, before any request", async () => {
        await expect(h.provider.create({ groupId: "not-a-group" })).rejects.toMatchObject({ code: "UPLOADCARE_INPUT" });
        expect(h.calls()).toEqual([]);
    });

    describe("diff", () => {
        const A = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~2";
        const B = "9a0b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~1";
        const adoptedOuts = { files: ["x", "y"], storeFiles: true, groupId: A };

        it("another groupId replaces (adopt the new group first, then delete the old)", async () => {
            expect(await h.provider.diff(A, adoptedOuts, { groupId: B, storeFiles: true })).toEqual({
                changes: true,
                replaces: ["groupId"],
                deleteBeforeReplace: false,
            });
        });

        it("the same groupId is no change; storeFiles alone is an update", async () => {
            expect(await h.provider.diff(A, adoptedOuts, { groupId: A, storeFiles: true })).toEqual({ changes: false });
            expect(await h.provider.diff(A, adoptedOuts, { groupId: A, storeFiles: false })).toEqual({ changes: true });
        });

        it("naming a created group by its own id updates in place, never replaces (a replace would delete it)", async () => {
            const created = { files: ["x", "y"], storeFiles: true };
            expect(await h.provider.diff(A, created, { groupId: A, storeFiles: true })).toEqual({ changes: true });
        });

        it("switching an adopted group to its own file list updates; other files replace", async () => {
            expect(await h.provider.diff(A, adoptedOuts, { files: ["x", "y"], storeFiles: true })).toEqual({
                changes: true,
            });
            expect(await h.provider.diff(A, adoptedOuts, { files: ["y", "x"], storeFiles: true })).toMatchObject({
                replaces: ["files"],
            });
        });
    });

    it("update after a storeFiles change keeps groupId and the files Uploadcare reports", async () => {
        const files = h.emulator.createFiles(2, { stored: false });
        const id = await existingGroup(files);
        const adopted = await h.provider.create(await checked({ groupId: id, storeFiles: false }));
        h.reset();
        const { outs } = await h.provider.update(id, adopted.outs, await checked({ groupId: id, storeFiles: true }));
        expect(outs).toMatchObject({ files, groupId: id, storeFiles: true });
        expect(h.calls()).toEqual([`GET /groups/${id}/`, "PUT /files/storage/"]);

        const managed = await h.provider.update(id, outs, await checked({ files, storeFiles: true }));
        expect(managed.outs?.groupId).toBeUndefined();
        expect(managed.outs?.files).toEqual(files);
    });
});
