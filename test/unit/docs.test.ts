import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { SETTINGS } from "../../src/provider/runtime/settings";

// The README's promises about itself (the project's guide): what the package is first, then exactly the two
// commands, at most 15 KB; every error code and setting listed; and links in the docs we write that resolve.

const ROOT = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const README = read("README.md");

/** Markdown files whose links are checked: the README, the contributor docs and docs/ (native-provider.md too). */
const DOCS = [
    "README.md",
    "CONTRIBUTING.md",
    "CHANGELOG.md",
    ...fs
        .readdirSync(path.join(ROOT, "docs"))
        .filter((f) => f.endsWith(".md"))
        .map((f) => `docs/${f}`),
];

/** GitHub's heading anchors: lower case, punctuation dropped except `-` and `_`, spaces to `-`, repeats numbered. */
function anchors(markdown: string): Set<string> {
    const seen = new Map<string, number>();
    const out = new Set<string>();
    let fenced = false;
    for (const line of markdown.split("\n")) {
        if (line.startsWith("```")) fenced = !fenced;
        const heading = fenced ? null : /^#{1,6}\s+(.*)$/.exec(line);
        if (!heading) continue;
        const slug = (heading[1] ?? "")
            .trim()
            .toLowerCase()
            .replace(/[^\p{L}\p{N}\s_-]/gu, "")
            .replace(/\s/g, "-");
        const n = seen.get(slug) ?? 0;
        seen.set(slug, n + 1);
        out.add(n === 0 ? slug : `${slug}-${n}`);
    }
    return out;
}

/** Inline links `[text](target)` outside code fences and code spans. */
function links(markdown: string): string[] {
    const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
    return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? "");
}

describe("README.md", () => {
    it("is at most 15 KB", () => {
        expect(Buffer.byteLength(README)).toBeLessThanOrEqual(15_000);
    });

    it("opens with what the package is, then exactly the two commands: the demo and the tests", () => {
        const blocks = README.split(/\n\s*\n/);
        expect(blocks[0]).toBe("# pulumi-uploadcare");
        // The opening paragraph: prose, not a heading, list or code.
        expect(blocks[1]).toMatch(/^\*\*pulumi-uploadcare\*\* manages \[Uploadcare\]/);
        const commands = /^```bash\n([\s\S]*?)\n```$/.exec(blocks[2] ?? "")?.[1]?.split("\n");
        expect(commands?.map((line) => line.replace(/#.*$/, "").trim())).toEqual(["npm run demo", "npm test"]);
    });

    it("names commands that exist: the npm scripts, and the test command .ci/run calls", () => {
        const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
        expect(scripts.demo).toBe("bash scripts/demo.sh");
        expect(scripts.test).toBe("bash scripts/test.sh");
        expect(read(".ci/run")).toMatch(/^exec bash scripts\/test\.sh$/m);
    });

    it("lists every error code in its errors table", () => {
        const codes = [...read("src/client/core/errors.ts").matchAll(/\| "(UPLOADCARE_[A-Z_]+)"/g)].map((m) => m[1]);
        expect(codes.length).toBeGreaterThanOrEqual(16);
        const table = README.slice(README.indexOf("## Errors"));
        for (const code of codes) expect(table, code).toContain(`| \`${code}\` |`);
    });

    it("lists every setting with its config key, environment variables and their aliases", () => {
        for (const spec of Object.values(SETTINGS)) {
            const row = README.split("\n").find((line) => line.startsWith(`| \`${spec.key}\` |`));
            expect(row, spec.key).toBeDefined();
            const aliases = "envAliases" in spec ? spec.envAliases : [];
            for (const name of [spec.env, ...aliases]) expect(row, spec.key).toContain(`\`${name}\``);
        }
    });
});

describe("links in the docs", () => {
    it.each(DOCS)("every relative link in %s resolves, anchors included", (file) => {
        const broken: string[] = [];
        for (const target of links(read(file))) {
            if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
            const [pathPart = "", fragment] = target.split("#");
            const resolved = pathPart === "" ? file : path.join(path.dirname(file), decodeURIComponent(pathPart));
            if (!fs.existsSync(path.join(ROOT, resolved))) {
                broken.push(`${target} (no ${resolved})`);
                continue;
            }
            if (fragment && resolved.endsWith(".md") && !anchors(read(resolved)).has(fragment)) {
                broken.push(`${target} (no heading #${fragment} in ${resolved})`);
            }
        }
        expect(broken).toEqual([]);
    });
});
