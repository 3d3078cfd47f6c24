import { randomUUID } from "node:crypto";
import { FormData } from "undici";
import { beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../src/emulator/index";
import { parseFileRef } from "../../../src/emulator/upload/groups";
import { DEMO_CDN } from "../../support/cdn";
import { emulatorFixtures, MICRO_ISO, makeClock, UUID } from "../../support/emulatorFixtures";

const { emulator, send, uploadForm, createGroup } = emulatorFixtures("uc-emulator-upload-");

describe("Upload API group creation", () => {
    const clock = makeClock();
    let emu: Emulator;
    let files: string[];
    let otherProjectFile: string;
    beforeAll(async () => {
        emu = await emulator({
            now: clock.now,
            extraProjects: [{ publicKey: "otherpub", secretKey: "othersecret", seedFiles: 1 }],
        });
        files = emu.createFiles(3, { stored: false });
        otherProjectFile = emu.files("otherpub")[0]?.uuid ?? "";
    });

    it("creates a group from form-urlencoded files[N] with operations and CDN URLs", async () => {
        const [a = "", b = "", c = ""] = files;
        const res = await uploadForm(emu, "/group/", [
            ["pub_key", emu.publicKey],
            ["files[1]", `${b}/-/resize/800x/`],
            ["files[0]", a],
            ["files[2]", `https://ucarecdn.com/${c}/-/crop/10x10/photo.jpg`],
        ]);
        expect(res.status).toBe(200);
        expect(res.headers["content-type"]).toBe("application/json");
        const group = res.json();
        expect(group.id).toMatch(/^[0-9a-f-]{36}~3$/);
        expect(group).toMatchObject({
            datetime_stored: null,
            files_count: 3,
            cdn_url: `${DEMO_CDN}/${group.id}/`,
            url: `${emu.url}/groups/${group.id}/`,
        });
        expect(group.datetime_created).toMatch(MICRO_ISO);
        expect(group.files.map((f: { uuid: string }) => f.uuid)).toEqual([a, b, c]);
        expect(group.files.map((f: { default_effects: string }) => f.default_effects)).toEqual([
            "",
            "resize/800x/",
            "crop/10x10/",
        ]);
        const first = group.files[0];
        expect(Object.keys(first).sort()).toEqual(
            [
                "uuid",
                "file_id",
                "size",
                "total",
                "done",
                "original_filename",
                "filename",
                "mime_type",
                "is_image",
                "is_stored",
                "is_ready",
                "image_info",
                "video_info",
                "content_info",
                "metadata",
                "default_effects",
            ].sort(),
        );
        // Creating a group stores nothing.
        expect(first.is_stored).toBe(false);
        expect(emu.files().every((f) => f.datetimeStored === null)).toBe(true);
        expect(emu.groups().map((g) => g.id)).toContain(group.id);
    });

    it("creates a group from multipart files[] in arrival order", async () => {
        const [a = "", b = ""] = files;
        const res = await uploadForm(
            emu,
            "/group/",
            [
                ["pub_key", emu.publicKey],
                ["files[]", b],
                ["files[]", a],
            ],
            "multipart",
        );
        expect(res.status).toBe(200);
        const group = res.json();
        expect(group.id).toMatch(/~2$/);
        expect(group.files.map((f: { uuid: string }) => f.uuid)).toEqual([b, a]);
    });

    it("refuses unknown files and files of another project with GroupFilesNotFoundError", async () => {
        const before = emu.groups().length;
        for (const missing of [randomUUID(), otherProjectFile]) {
            const res = await uploadForm(emu, "/group/", [
                ["pub_key", emu.publicKey],
                ["files[0]", files[0] ?? ""],
                ["files[1]", missing],
            ]);
            expect(res.status).toBe(400);
            expect(res.headers["content-type"]).toMatch(/^text\/plain/);
            expect(res.text).toBe("Some files not found.");
        }
        expect(emu.groups().length).toBe(before);
    });

    it("reports missing files, unparsable values and project errors with their documented messages", async () => {
        const none = await uploadForm(emu, "/group/", [["pub_key", emu.publicKey]]);
        expect([none.status, none.text]).toEqual([400, "No files[N] parameters found."]);
        const bad = await uploadForm(emu, "/group/", [
            ["pub_key", emu.publicKey],
            ["files[0]", "not-a-uuid"],
        ]);
        expect([bad.status, bad.text]).toEqual([400, "This is not valid file url: not-a-uuid."]);
        const noKey = await uploadForm(emu, "/group/", [["files[0]", files[0] ?? ""]]);
        expect([noKey.status, noKey.text]).toEqual([403, "pub_key is required."]);
        const badKey = await uploadForm(emu, "/group/", [
            ["pub_key", "nosuchkey"],
            ["files[0]", files[0] ?? ""],
        ]);
        expect([badKey.status, badKey.text]).toEqual([403, "pub_key is invalid."]);
        const many = await uploadForm(emu, "/group/", [
            ["pub_key", emu.publicKey],
            ...Array.from({ length: 1001 }, (): [string, string] => ["files[]", files[0] ?? ""]),
        ]);
        expect([many.status, many.text]).toEqual([400, "There are too many files."]);
    });

    it("answers JSON errors with jsonerrors=1, with the real status by default", async () => {
        const res = await uploadForm(emu, "/group/?jsonerrors=1", [
            ["pub_key", emu.publicKey],
            ["files[0]", randomUUID()],
        ]);
        expect(res.status).toBe(400);
        expect(res.headers["content-type"]).toBe("application/json");
        expect(res.json()).toEqual({
            error: { content: "Some files not found.", status_code: 400, error_code: "GroupFilesNotFoundError" },
        });
    });

    it("answers JSON errors with status 200 when uploadJsonErrorsStatus is 200", async () => {
        const lenient = await emulator({ now: clock.now, uploadJsonErrorsStatus: 200 });
        const res = await uploadForm(lenient, "/group/?jsonerrors=1", [["pub_key", lenient.publicKey]]);
        expect(res.status).toBe(200);
        expect(res.json()).toEqual({
            error: { content: "No files[N] parameters found.", status_code: 400, error_code: "GroupFilesInvalidError" },
        });
        const plain = await uploadForm(lenient, "/group/", [["pub_key", lenient.publicKey]]);
        expect([plain.status, plain.text]).toEqual([400, "No files[N] parameters found."]);
    });

    it("serves GET /group/info/ with the same shape, 404 for unknown and 400 without group_id", async () => {
        const group = await createGroup(emu, [files[0] ?? ""]);
        const pk = emu.publicKey;
        const info = await send(`${emu.url}/group/info/?pub_key=${pk}&group_id=${group.id}`, {});
        expect(info.status).toBe(200);
        expect(info.json()).toEqual(group);
        const unknown = await send(`${emu.url}/group/info/?pub_key=${pk}&group_id=${randomUUID()}~1`, {});
        expect([unknown.status, unknown.text]).toEqual([404, "group_id is invalid."]);
        const missing = await send(`${emu.url}/group/info/?pub_key=${pk}`, {});
        expect([missing.status, missing.text]).toEqual([400, "group_id is required."]);
        const other = await send(`${emu.url}/group/info/?pub_key=otherpub&group_id=${group.id}`, {});
        expect(other.status).toBe(404);
    });

    it("uploads files with POST /base/ and sniffs images", async () => {
        const png = Buffer.alloc(33);
        Buffer.from("89504e470d0a1a0a0000000d49484452", "hex").copy(png);
        png.writeUInt32BE(320, 16);
        png.writeUInt32BE(200, 20);
        const form = new FormData();
        form.append("UPLOADCARE_PUB_KEY", emu.publicKey);
        form.append("UPLOADCARE_STORE", "0");
        form.append("file", new Blob([png], { type: "application/octet-stream" }), "pic.png");
        form.append("notes", new Blob(["hello"], { type: "text/plain" }), "notes.txt");
        const res = await send(`${emu.url}/base/`, { method: "POST", body: form });
        expect(res.status).toBe(200);
        const answer = res.json();
        expect(answer.file).toMatch(UUID);
        expect(answer.notes).toMatch(UUID);
        const pic = emu.files().find((f) => f.uuid === answer.file);
        expect(pic).toMatchObject({
            isImage: true,
            mimeType: "image/png",
            image: { width: 320, height: 200, format: "PNG" },
            originalFilename: "pic.png",
            datetimeStored: null,
        });
        expect(emu.files().find((f) => f.uuid === answer.notes)).toMatchObject({
            isImage: false,
            mimeType: "text/plain",
        });
    });

    it("parses file references the way the Upload API documents them", () => {
        const u = "b1026315-8116-4632-8364-607e64fca723";
        expect(parseFileRef(u)).toEqual({ uuid: u, defaultEffects: "" });
        expect(parseFileRef(`${u}/-/resize/x800/`)).toEqual({ uuid: u, defaultEffects: "resize/x800/" });
        expect(parseFileRef(`https://ucarecdn.com/${u}/`)).toEqual({ uuid: u, defaultEffects: "" });
        expect(parseFileRef(`https://abc123.ucarecd.net/${u}/-/preview/`)).toEqual({
            uuid: u,
            defaultEffects: "preview/",
        });
        expect(parseFileRef(`https://example.com/${u}/`)).toBeUndefined();
        expect(parseFileRef(`${u}/resize/800x/`)).toBeUndefined();
        expect(parseFileRef("")).toBeUndefined();
    });
});
