import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

// Every `npm run <script>` the docs name exists in package.json and is run somewhere in `npm test`
// (issue #20: `npm run soak` had been broken since a refactor, and nothing ran it).

const ROOT = path.resolve(__dirname, "..", "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const SCRIPTS = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;

/** The docs a user reads commands from. */
function docFiles(): string[] {
    const inDir = (dir: string, name: (f: string) => boolean) =>
        fs.existsSync(path.join(ROOT, dir))
            ? fs
                  .readdirSync(path.join(ROOT, dir))
                  .filter(name)
                  .map((f) => path.join(dir, f))
            : [];
    const examples = fs
        .readdirSync(path.join(ROOT, "examples"))
        .map((example) => path.join("examples", example, "README.md"))
        .filter((file) => fs.existsSync(path.join(ROOT, file)));
    return [
        "README.md",
        "CONTRIBUTING.md",
        ...inDir("docs", (f) => f.endsWith(".md")),
        "bench/README.md",
        "tools/pulumi/README.md",
        ...examples,
    ];
}

/** `npm run <name>` (and `npm test`, which is `npm run test`) in a text, with where it was found. */
function namedScripts(file: string): { name: string; where: string }[] {
    const found: { name: string; where: string }[] = [];
    for (const [index, line] of read(file).split("\n").entries()) {
        for (const m of line.matchAll(/\bnpm (?:run(?:-script)? ([\w:.-]+)|(test)\b)/g)) {
            found.push({ name: m[1] ?? m[2] ?? "", where: `${file}:${index + 1}` });
        }
    }
    return found;
}

/**
 * Where `npm test` runs each documented script: the file, and the text in it that runs the script (its
 * `npm run`, or the exact command package.json gives it).
 */
const EXERCISED: Record<string, { file: string; runs: string }> = {
    test: { file: ".ci/run", runs: "exec bash scripts/test.sh" },
    build: { file: "scripts/setup.sh", runs: "npm run --silent build" },
    typecheck: { file: "scripts/test.sh", runs: "npm run --silent typecheck" },
    lint: { file: "scripts/test.sh", runs: `npx ${SCRIPTS.lint}` },
    format: { file: "test/unit/scripts.test.ts", runs: "SCRIPTS.format" },
    demo: { file: "test/engine/scripts.test.ts", runs: 'npmRun("demo"' },
    "example:adopt": { file: "test/engine/scripts.test.ts", runs: 'npmRun("example:adopt"' },
    bench: { file: "test/engine/scripts.test.ts", runs: 'npmRun("bench"' },
    soak: { file: "test/provider/soak.test.ts", runs: '"scripts", "soak.sh"' },
    "plugin:pack": { file: "test/support/nativePlugin.ts", runs: '"scripts", "plugin-pack.sh"' },
};

describe("npm scripts the docs name", () => {
    const named = docFiles().flatMap(namedScripts);

    it("are found in the docs (the scan itself works)", () => {
        const names = [...new Set(named.map((n) => n.name))];
        expect(names).toEqual(expect.arrayContaining(["test", "build", "demo", "example:adopt", "bench", "soak"]));
        expect(names).toEqual(expect.arrayContaining(["typecheck", "lint", "format", "plugin:pack"]));
    });

    it("all exist in package.json", () => {
        const missing = named.filter((n) => SCRIPTS[n.name] === undefined).map((n) => `${n.name} (${n.where})`);
        expect(missing).toEqual([]);
    });

    it.each([...new Set(named.map((n) => n.name))])("npm run %s is run by npm test", (name) => {
        const where = EXERCISED[name];
        expect(where, `${name}: name the test that runs it in EXERCISED`).toBeDefined();
        expect(read(where?.file ?? ""), `${where?.file} runs ${name}`).toContain(where?.runs);
    });

    it("the scripts run through their file are exactly `bash <that file>`, as the tests run them", () => {
        expect(SCRIPTS.test).toBe("bash scripts/test.sh");
        expect(SCRIPTS.soak).toBe("bash scripts/soak.sh");
        expect(SCRIPTS["plugin:pack"]).toBe("bash scripts/plugin-pack.sh");
        expect(SCRIPTS.build).toBe("tsc -p tsconfig.build.json");
    });
});

describe("npm run format", () => {
    it("rewrites a badly formatted file with the repository's Biome settings", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-uploadcare-format-"));
        try {
            for (const file of ["biome.json", ".gitignore"])
                fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
            fs.writeFileSync(path.join(dir, "messy.ts"), "export const  x = {a:1,\n b:2}\n");
            // The package.json command itself, in a folder of its own (run in the checkout, it would rewrite it).
            execFileSync("sh", ["-c", SCRIPTS.format ?? "false"], {
                cwd: dir,
                env: {
                    ...process.env,
                    PATH: `${path.join(ROOT, "node_modules", ".bin")}${path.delimiter}${process.env.PATH}`,
                },
                stdio: "pipe",
            });
            expect(fs.readFileSync(path.join(dir, "messy.ts"), "utf8")).toBe("export const x = { a: 1, b: 2 };\n");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
