import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

// docs/architecture.md states the layers' rules and walks four operations file by file: both must stay true.
const ROOT = path.join(__dirname, "..", "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
        const rel = path.posix.join(dir, entry.name);
        if (entry.isDirectory()) return sourceFiles(rel);
        return rel.endsWith(".ts") ? [rel] : [];
    });
}

/** Each import of a source file: the specifier and, for a relative one, the repository path it points at. */
function importsOf(file: string): { spec: string; target?: string }[] {
    const specs = [...read(file).matchAll(/(?:from\s+|require\(|import\()\s*"([^"]+)"/g)].map((m) => m[1] as string);
    return specs.map((spec) =>
        spec.startsWith(".")
            ? { spec, target: path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)) }
            : { spec },
    );
}

const OWN_OR_MANIFEST = /^(src\/client\/|package\.json$)/;

describe("docs/architecture.md", () => {
    const doc = read("docs/architecture.md");

    it("names only files and folders that exist", () => {
        const named = [...doc.matchAll(/`((?:src|test|bin|docs)\/[^`\s]*)`/g)]
            .map((m) => m[1] as string)
            .filter((p) => !/[<{*]/.test(p));
        expect(named.length).toBeGreaterThan(40);
        const missing = named.filter((p) => !fs.existsSync(path.join(ROOT, p)));
        expect(missing).toEqual([]);
    });

    it("the client knows no Pulumi and imports nothing outside src/client", () => {
        const offending = sourceFiles("src/client").flatMap((file) =>
            importsOf(file)
                // package.json gives the User-Agent its version.
                .filter(({ spec, target }) => spec.startsWith("@pulumi/") || (target && !OWN_OR_MANIFEST.test(target)))
                .map(({ spec }) => `${file}: ${spec}`),
        );
        expect(offending).toEqual([]);
    });

    it("the runtime knows no resource type, and the native plugin no program-side class", () => {
        const into = (dir: string, forbidden: RegExp) =>
            sourceFiles(dir).flatMap((file) =>
                importsOf(file)
                    .filter(({ target }) => target !== undefined && forbidden.test(target))
                    .map(({ spec }) => `${file}: ${spec}`),
            );
        expect(into("src/provider/runtime", /^src\/provider\/(group|file|webhook)(\/|$)/)).toEqual([]);
        expect(into("src/native", /^src\/resources(\/|$)/)).toEqual([]);
    });

    it("only the lifecycle module asks the project proof whether a 404 means gone", () => {
        const callers = sourceFiles("src")
            .filter((file) => /\b(confirmGone|goneError)\(/.test(read(file)))
            .filter((file) => !file.startsWith("src/provider/runtime/lifecycle/"))
            .filter((file) => file !== "src/provider/runtime/projectProof.ts");
        expect(callers).toEqual([]);
    });

    it("import cycles fail the lint, type-only imports included, everywhere", () => {
        const biome = JSON.parse(read("biome.json")) as {
            overrides: { includes: string[]; linter?: { rules?: Record<string, Record<string, unknown>> } }[];
        };
        const rule = biome.overrides.find((o) => o.includes.includes("**"))?.linter?.rules?.suspicious?.noImportCycles;
        expect(rule).toEqual({ level: "error", options: { ignoreTypes: false } });
    });
});
