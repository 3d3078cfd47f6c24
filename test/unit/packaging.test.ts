import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

// The npm package reads right where it is installed (issue #24): every relative link in the README resolves to
// a file in the tarball, the LICENSE ships, and versions agree. What `npm pack --dry-run` lists is what npm
// publishes; scripts are skipped (prepack would generate the native SDK, which needs the pulumi CLI).
// publint and @arethetypeswrong/cli check the real tarball in `npm test` (scripts/check-package.sh).

const ROOT = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const manifest = JSON.parse(read("package.json")) as { version: string; license: string; files: string[] };

let packed: string[] = [];
beforeAll(() => {
    const [report] = JSON.parse(
        execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
            cwd: ROOT,
            encoding: "utf8",
            stdio: ["ignore", "pipe", "pipe"],
        }),
    ) as { files: { path: string }[] }[];
    packed = (report?.files ?? []).map((f) => f.path);
}, 30_000);

/** Inline links `[text](target)` outside code fences and code spans. */
function markdownLinks(markdown: string): string[] {
    const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
    return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? "");
}

/** Relative link targets of `markdown` (in the package root) that name no packed file or folder. */
function unresolvedLinks(markdown: string, files: string[]): string[] {
    return markdownLinks(markdown).filter((target) => {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#")) return false;
        const relative = path.posix.normalize(decodeURIComponent(target.split("#")[0] ?? "")).replace(/\/$/, "");
        if (relative.startsWith("..")) return true;
        return !files.some((file) => file === relative || file.startsWith(`${relative}/`));
    });
}

describe("the packed package", () => {
    it("holds every file or folder a relative link in README.md points at", () => {
        expect(packed).toContain("README.md");
        const links = markdownLinks(read("README.md")).filter((l) => !/^[a-z]+:/i.test(l));
        expect(links.length).toBeGreaterThan(10);
        expect(unresolvedLinks(read("README.md"), packed)).toEqual([]);
    });

    it("the link check tells a missing file, a folder and a link outside the package apart", () => {
        const files = ["README.md", "docs/a.md", "examples/basic/index.ts"];
        const markdown =
            "[a](docs/a.md#x) [b](examples/basic) [c](examples/basic/) [d](docs/b.md) [e](../x.md) " +
            "[f](https://example.com/y.md) [g](#top) [h](examples/bas) `[i](nope.md)`";
        expect(unresolvedLinks(markdown, files)).toEqual(["docs/b.md", "../x.md", "examples/bas"]);
    });

    it("ships the MIT LICENSE that package.json names, and no stack settings or emulator state", () => {
        expect(manifest.license).toBe("MIT");
        expect(packed).toContain("LICENSE");
        expect(read("LICENSE")).toMatch(/^MIT License\n\nCopyright \(c\) 2026 pulumi-uploadcare contributors\n/);
        expect(packed.filter((f) => /(^|\/)(node_modules|\.pulumi-uploadcare)\//.test(f))).toEqual([]);
        expect(packed.filter((f) => /(^|\/)Pulumi\.[^/]+\.yaml$/.test(f))).toEqual([]);
    });

    it("has one version: the examples depend on it and CHANGELOG.md has no section above it", () => {
        const [major, minor] = manifest.version.split(".");
        for (const dir of fs.readdirSync(path.join(ROOT, "examples"))) {
            const file = path.join("examples", dir, "package.json");
            if (!fs.existsSync(path.join(ROOT, file))) continue;
            const deps = (JSON.parse(read(file)) as { dependencies?: Record<string, string> }).dependencies ?? {};
            if ("pulumi-uploadcare" in deps) expect(deps["pulumi-uploadcare"], file).toBe(`^${major}.${minor}.0`);
        }
        const released = [...read("CHANGELOG.md").matchAll(/^## \[(\d+\.\d+\.\d+)\]/gm)].map((m) => m[1] ?? "");
        const newer = released.filter((v) => v.localeCompare(manifest.version, "en", { numeric: true }) > 0);
        expect(newer).toEqual([]);
    });
});
