/** The sync plan and the diff: which paths are kept, adopted, uploaded and deleted; what counts as a change. */
import { describe, expect, it } from "vitest";
import { changedInputs } from "../../../../src/provider/syncedFolder/diff";
import { decodeEntries, encodeEntry, type Found, planSync } from "../../../../src/provider/syncedFolder/entries";

const H = (c: string) => c.repeat(22);
const U = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const entries = (files: Record<string, [string, number]>) =>
    Object.fromEntries(Object.entries(files).map(([p, [hash, n]]) => [p, encodeEntry({ hash, uuid: U(n), size: n })]));

describe("planSync", () => {
    const current = decodeEntries(entries({ "a.css": [H("a"), 1], "b.js": [H("b"), 2], "old.txt": [H("o"), 3] }));

    it("keeps unchanged paths, uploads changed and new ones, and deletes the replaced and removed files", () => {
        const plan = planSync({ "a.css": H("a"), "b.js": H("B"), "new.png": H("n") }, current, []);
        expect(plan).toEqual({ keep: ["a.css"], adopt: [], upload: ["b.js", "new.png"], remove: [U(2), U(3)] });
    });

    it("adopts a found upload with the wanted bytes once, and deletes found copies nobody wants", () => {
        const found: Found[] = [
            { path: "new.png", hash: H("n"), uuid: U(10), size: 1, stored: false },
            { path: "new.png", hash: H("n"), uuid: U(11), size: 1, stored: true }, // a duplicate of a lost answer
            { path: "a.css", hash: H("a"), uuid: U(12), size: 1, stored: true }, // already recorded: a duplicate
            { path: "gone.txt", hash: H("g"), uuid: U(13), size: 1, stored: true }, // no longer in the folder
        ];
        const plan = planSync({ "a.css": H("a"), "b.js": H("b"), "new.png": H("n") }, current, found);
        expect(plan.adopt.map((f) => f.uuid)).toEqual([U(10)]);
        expect(plan.upload).toEqual([]);
        expect(plan.remove.sort()).toEqual([U(11), U(12), U(13), U(3)].sort());
    });

    it("reads malformed entries as missing, so those files are uploaded again", () => {
        const decoded = decodeEntries({ "a.css": `${H("a")} ${U(1)} 1`, "b.js": "garbage", "c.txt": 7 });
        expect([...decoded.keys()]).toEqual(["a.css"]);
    });
});

describe("changedInputs", () => {
    const olds = {
        entries: entries({ "a.css": [H("a"), 1] }),
        metadata: { a: "1", b: "2" },
        tags: ["x"],
        store: true,
        group: false,
        count: 1,
        path: "/ci/run-1/site",
    };
    const news = {
        manifest: { "a.css": H("a") },
        metadata: { b: "2", a: "1" },
        tags: ["x"],
        store: true,
        group: false,
    };

    it("another checkout of the same files, or metadata in another key order, is no change", () => {
        expect(changedInputs(olds, { ...news, path: "/ci/run-2/site" })).toEqual([]);
    });

    it("names the manifest, metadata, tags and switches that changed", () => {
        expect(changedInputs(olds, { ...news, manifest: { "a.css": H("A") }, tags: [], group: true })).toEqual([
            "manifest",
            "tags",
            "group",
        ]);
    });

    it("deletes a failed run left pending, and a group that is missing, make the next up an update", () => {
        expect(changedInputs({ ...olds, pendingDeletes: [U(9)] }, news)).toEqual(["manifest"]);
        expect(changedInputs({ ...olds, group: true }, { ...news, group: true })).toEqual(["group"]);
    });
});
