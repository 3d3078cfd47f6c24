import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UploadcareInputError } from "../../../src/client";
import { folderManifest, syncKeyFor } from "../../../src/resources/folderManifest";

const base = fs.mkdtempSync(path.join(os.tmpdir(), "folder-manifest-"));
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

let folders = 0;
/** A fresh folder holding `files` (relative posix path → content). */
function folder(files: Record<string, string | Buffer> = {}): string {
    const root = path.join(base, `f${folders++}`);
    fs.mkdirSync(root);
    for (const [rel, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), content);
    }
    return root;
}

const hashOf = (bytes: string | Buffer) =>
    createHash("sha256").update(bytes).digest().subarray(0, 16).toString("base64url");

/** The error a manifest fails with, and the input it names. */
async function failure(promise: Promise<unknown>) {
    const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UploadcareInputError);
    const input = error as UploadcareInputError;
    return { message: input.message, property: input.failures[0]?.property };
}

describe("folderManifest", () => {
    it("lists nested files by relative posix path, sorted, each with the first 16 bytes of its SHA-256 (base64url)", async () => {
        const root = folder({ "index.html": "<h1>hi</h1>", "b/z.css": "z", "a/b/c.txt": "hello", "a/x.js": "x" });
        const { manifest, path: abs, totalBytes } = await folderManifest(root);
        expect(Object.keys(manifest)).toEqual(["a/b/c.txt", "a/x.js", "b/z.css", "index.html"]);
        // SHA-256("hello") = 2cf24dba5fb0a30e26e83b2ac5b9e29e 1b161e5c…: its first 16 bytes.
        expect(manifest["a/b/c.txt"]).toBe(
            Buffer.from("2cf24dba5fb0a30e26e83b2ac5b9e29e", "hex").toString("base64url"),
        );
        expect(manifest["index.html"]).toBe(hashOf("<h1>hi</h1>"));
        expect(abs).toBe(root);
        expect(totalBytes).toBe(11 + 1 + 5 + 1);
    });

    it("hashes a file larger than its read buffer the same as the whole content", async () => {
        const big = Buffer.alloc(700 * 1024 + 3, 7);
        big.write("start", 0);
        big.write("end", big.length - 3);
        const { manifest } = await folderManifest(folder({ "big.bin": big }));
        expect(manifest["big.bin"]).toBe(hashOf(big));
    });

    it("resolves a relative path against the working directory", async () => {
        const root = folder({ "a.txt": "a" });
        const { path: abs } = await folderManifest(path.relative(process.cwd(), root));
        expect(abs).toBe(root);
    });

    it("applies include and exclude globs (picomatch) to relative paths", async () => {
        const root = folder({ "a.html": "1", "img/logo.png": "2", "img/raw/logo.psd": "3", "js/app.js": "4" });
        const only = await folderManifest(root, { include: ["**/*.png", "*.html"] });
        expect(Object.keys(only.manifest)).toEqual(["a.html", "img/logo.png"]);
        const without = await folderManifest(root, { exclude: ["img/raw/**", "**/*.js"] });
        expect(Object.keys(without.manifest)).toEqual(["a.html", "img/logo.png"]);
        const both = await folderManifest(root, { include: ["img/**"], exclude: ["**/*.psd"] });
        expect(Object.keys(both.manifest)).toEqual(["img/logo.png"]);
    });

    it("leaves dot files and dot-directories out (not even walked) unless include names them", async () => {
        const root = folder({
            "index.html": "i",
            ".env": "SECRET=1",
            ".well-known/security.txt": "s",
            "a/.DS_Store": "d",
        });
        fs.mkdirSync(path.join(root, ".git"));
        // Walking .git would fail on this loop: the default selection must not look inside.
        fs.symlinkSync(root, path.join(root, ".git", "up"));
        const plain = await folderManifest(root);
        expect(Object.keys(plain.manifest)).toEqual(["index.html"]);
        const named = await folderManifest(root, { include: ["**", ".well-known/**"] });
        expect(Object.keys(named.manifest)).toEqual([".well-known/security.txt", "index.html"]);
        // Excludes match dot entries too.
        const excluded = await folderManifest(root, { include: [".well-known/**", "*.html"], exclude: ["**/*.txt"] });
        expect(Object.keys(excluded.manifest)).toEqual(["index.html"]);
    });

    it("follows symbolic links to files and folders, including outside the folder", async () => {
        const outside = folder({ "shared/font.woff2": "font", "note.txt": "note" });
        const root = folder({ "index.html": "i" });
        fs.symlinkSync(path.join(outside, "shared"), path.join(root, "fonts"));
        fs.symlinkSync(path.join(outside, "note.txt"), path.join(root, "readme.txt"));
        const { manifest } = await folderManifest(root);
        expect(manifest).toEqual({
            "fonts/font.woff2": hashOf("font"),
            "index.html": hashOf("i"),
            "readme.txt": hashOf("note"),
        });
        // The folder itself may be a link (a `current` release link): its path is kept as given.
        const link = path.join(base, `link-${folders}`);
        fs.symlinkSync(root, link);
        expect(await folderManifest(link)).toEqual({ path: link, manifest, totalBytes: 9 });
    });

    it("refuses a symbolic link back to a folder that contains it (a loop), and a link to nothing, naming path", async () => {
        const loop = folder({ "a/b/c.txt": "c" });
        fs.symlinkSync(path.join(loop, "a"), path.join(loop, "a", "b", "up"));
        expect(await failure(folderManifest(loop))).toEqual({
            property: "path",
            message: expect.stringMatching(/a\/b\/up links back to a folder that contains it \(a loop\)/),
        });
        const dangling = folder({ "a.txt": "a" });
        fs.symlinkSync(path.join(dangling, "missing.txt"), path.join(dangling, "gone.txt"));
        expect(await failure(folderManifest(dangling))).toEqual({
            property: "path",
            message: expect.stringMatching(/gone\.txt is a symbolic link to nothing/),
        });
        // Both fixes the messages give: exclude prunes the walk, and a link nothing selects is never followed.
        expect(Object.keys((await folderManifest(loop, { exclude: ["a/b/up/**"] })).manifest)).toEqual(["a/b/c.txt"]);
        expect(Object.keys((await folderManifest(dangling, { include: ["a.txt"] })).manifest)).toEqual(["a.txt"]);
    });
});

describe("folderManifest errors name the input and the fix", () => {
    it("a missing folder, a file given as the folder, an empty path", async () => {
        const missing = await failure(folderManifest(path.join(base, "no-such-folder")));
        expect(missing).toEqual({ property: "path", message: expect.stringMatching(/no-such-folder does not exist/) });
        const file = path.join(folder({ "a.txt": "a" }), "a.txt");
        expect(await failure(folderManifest(file))).toEqual({
            property: "path",
            message: expect.stringMatching(/a\.txt is not a folder/),
        });
        expect((await failure(folderManifest(""))).property).toBe("path");
    });

    it("an empty folder is an error (syncing it would delete every file), naming path even when patterns are given", async () => {
        const { property, message } = await failure(folderManifest(folder()));
        expect(property).toBe("path");
        expect(message).toMatch(/is empty: syncing it would delete every file\. Check that the folder was built/);
        expect(message).toMatch(/remove the resource/);
        // A build that did not run is the folder's fault, not the patterns'; dot entries alone leave it empty.
        const onlyDots = folder({ ".gitkeep": "" });
        const withPatterns = await failure(folderManifest(onlyDots, { include: ["**/*.html"], exclude: ["x"] }));
        expect(withPatterns).toEqual({ property: "path", message: expect.stringMatching(/is empty: /) });
        // Files, none of them selected: the patterns are named.
        const dotsOnly = await failure(folderManifest(folder({ ".env": "x", "a/.b": "y" })));
        expect(dotsOnly).toEqual({ property: "path", message: expect.stringMatching(/dot entries need an include/) });
    });

    it("include or exclude that select nothing name themselves; a bad glob list names its input", async () => {
        const root = folder({ "a.txt": "a" });
        expect((await failure(folderManifest(root, { include: ["**/*.png"] }))).property).toBe("include");
        expect((await failure(folderManifest(root, { exclude: ["**"] }))).property).toBe("exclude");
        expect(await failure(folderManifest(root, { include: [""] }))).toEqual({
            property: "include",
            message: expect.stringMatching(/must be a list of non-empty glob patterns/),
        });
        expect((await failure(folderManifest(root, { exclude: "a" as unknown as string[] }))).property).toBe("exclude");
    });

    it("a file that vanishes between the walk and its read names its path", async () => {
        const root = folder({ "a.txt": "a", "b.txt": "b" });
        const files = {
            open: (file: string) => {
                if (file.endsWith("b.txt")) fs.rmSync(file);
                return fs.openSync(file, "r");
            },
            close: (fd: number) => fs.closeSync(fd),
        };
        expect(await failure(folderManifest(root, { files }))).toEqual({
            property: "path",
            message: expect.stringMatching(/b\.txt disappeared while the folder was read/),
        });
    });
});

describe("many files", () => {
    it("hashes 10,000 files one descriptor at a time", async () => {
        const root = folder();
        for (let d = 0; d < 100; d++) {
            fs.mkdirSync(path.join(root, `d${d}`));
            for (let f = 0; f < 100; f++) fs.writeFileSync(path.join(root, `d${d}`, `f${f}.txt`), `${d}/${f}`);
        }
        let open = 0;
        let most = 0;
        let opened = 0;
        const files = {
            open: (file: string) => {
                open++;
                opened++;
                most = Math.max(most, open);
                return fs.openSync(file, "r");
            },
            close: (fd: number) => {
                open--;
                fs.closeSync(fd);
            },
        };
        const started = performance.now();
        const { manifest } = await folderManifest(root, { files });
        const ms = performance.now() - started;
        expect(Object.keys(manifest)).toHaveLength(10_000);
        expect(manifest["d42/f7.txt"]).toBe(hashOf("42/7"));
        expect(opened).toBe(10_000);
        expect(most).toBe(1);
        expect(open).toBe(0);
        console.log(`folderManifest: 10,000 files in ${ms.toFixed(0)} ms`);
        // Writing 10,000 files takes seconds on a busy 2-core machine; the hashing is the part measured.
    }, 60_000);

    it("reads synchronously but gives the event loop a turn every few milliseconds", async () => {
        // A 64 MiB file (256 chunks) and 2,000 small ones: a timer due every 2 ms must keep firing meanwhile.
        const root = folder({ "big.bin": Buffer.alloc(64 << 20, 1) });
        for (let f = 0; f < 2000; f++) fs.writeFileSync(path.join(root, `f${f}.txt`), `${f}`);
        const gaps: number[] = [];
        let last = performance.now();
        const timer = setInterval(() => {
            const now = performance.now();
            gaps.push(now - last);
            last = now;
        }, 2);
        const started = performance.now();
        try {
            await folderManifest(root);
        } finally {
            clearInterval(timer);
        }
        const ms = performance.now() - started;
        // The slice is 10 ms; a loaded 2-core machine can stretch one turn, so the bound is generous but well
        // below the whole run, which a loop that never yields would block in one gap.
        expect(gaps.length).toBeGreaterThan(2);
        expect(Math.max(...gaps)).toBeLessThan(Math.max(100, ms / 2));
    }, 60_000);
});

describe("syncKeyFor", () => {
    it("is the first 16 bytes of SHA-256 of project/stack/name, base64url: 22 characters, distinct per stack", () => {
        expect(syncKeyFor("web", "prod", "site")).toBe(hashOf("web/prod/site"));
        expect(syncKeyFor("web", "prod", "site")).toMatch(/^[A-Za-z0-9_-]{22}$/);
        expect(syncKeyFor("web", "dev", "site")).not.toBe(syncKeyFor("web", "prod", "site"));
    });
});
