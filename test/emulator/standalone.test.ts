import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
const EMULATOR = join(ROOT, "src/emulator");
/** The emulator's runtime dependencies (package.json "dependencies"), which it loads only when it needs them. */
const RUNTIME_DEPENDENCIES = ["@fastify/busboy", "@uploadcare/cname-prefix"];

function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return sourceFiles(path);
        return entry.name.endsWith(".ts") ? [path] : [];
    });
}

/** Every module specifier a file names: static and type imports, re-exports, `import()` and `require()`. */
function specifiers(file: string): string[] {
    const text = readFileSync(file, "utf8");
    const found = [...text.matchAll(/\bfrom\s+"([^"]+)"|\b(?:import|require)\(\s*"([^"]+)"\s*\)/g)];
    return found.map((m) => m[1] ?? m[2] ?? "");
}

/**
 * Loads a TypeScript entry point in a fresh `node` (TypeScript's own transpiler as the `.ts` loader) and prints the
 * packages under node_modules it loaded, before and after `then` (a snippet run with the module as `m`).
 */
function packagesLoaded(entry: string, then = ""): { atImport: string[]; after: string[] } {
    const script = `
        const fs = require("node:fs");
        const ts = require("typescript");
        require.extensions[".ts"] = (module, filename) => {
            const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
            module._compile(ts.transpileModule(fs.readFileSync(filename, "utf8"), { compilerOptions: options }).outputText, filename);
        };
        const packages = (exclude) => [...new Set(Object.keys(require.cache)
            .filter((path) => !exclude.has(path))
            .map((path) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(path)?.[1])
            .filter(Boolean))].sort();
        const before = new Set(Object.keys(require.cache));
        const m = require(process.argv[1]);
        const atImport = packages(before);
        Promise.resolve((async () => { ${then} })()).then(() => {
            process.stdout.write(JSON.stringify({ atImport, after: packages(before) }));
        });
    `;
    const out = execFileSync(process.execPath, ["-e", script, entry], { cwd: ROOT, encoding: "utf8" });
    return JSON.parse(out) as { atImport: string[]; after: string[] };
}

describe("the emulator stands alone", () => {
    it("imports nothing outside src/emulator but Node's own modules and its two runtime dependencies", () => {
        const outside: string[] = [];
        const packages = new Set<string>();
        for (const file of sourceFiles(EMULATOR)) {
            for (const spec of specifiers(file)) {
                if (spec.startsWith("node:")) continue;
                if (!spec.startsWith(".")) {
                    packages.add(spec);
                    continue;
                }
                const target = resolve(dirname(file), spec);
                if (relative(EMULATOR, target).startsWith("..")) outside.push(`${relative(ROOT, file)} → ${spec}`);
            }
        }
        expect(outside).toEqual([]);
        expect([...packages].sort()).toEqual(RUNTIME_DEPENDENCIES);
    });

    it("loads its runtime dependencies only when a request needs them, not on import", () => {
        const parse = `
            const { Readable } = require("node:stream");
            const { parseForm } = require("./src/emulator/http/form.ts");
            const body = "--b\\r\\ncontent-disposition: form-data; name=\\"a\\"\\r\\n\\r\\n1\\r\\n--b--\\r\\n";
            await parseForm("multipart/form-data; boundary=b", Readable.from([Buffer.from(body)]), 1000);
            require("./src/emulator/cdn/serve.ts").cdnBase({}, "http://127.0.0.1:1", "demopublickey");
        `;
        const { atImport, after } = packagesLoaded(join(EMULATOR, "index.ts"), parse);
        expect(atImport).toEqual([]);
        // The same check sees them once a multipart form is parsed and a CNAME CDN base is computed.
        expect(after).toEqual(expect.arrayContaining(RUNTIME_DEPENDENCIES));
    });
});
