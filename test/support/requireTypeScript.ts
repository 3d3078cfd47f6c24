/**
 * Lets Node's own `require` load this repository's TypeScript sources in a unit test. The resource classes load their
 * provider shim with `import shim = require(...)`, which vitest leaves to Node: without this, Node finds no `.ts`
 * file, and its type stripping cannot read `export =`. Each test file runs in its own worker, so the hooks stay there.
 */
import * as fs from "node:fs";
import { registerHooks } from "node:module";
import { fileURLToPath } from "node:url";
import * as ts from "typescript";

let registered = false;

export function requireTypeScriptSources(): void {
    if (registered) return;
    registered = true;
    registerHooks({
        resolve(specifier, context, next) {
            try {
                return next(specifier, context);
            } catch (error) {
                if (!/^\.\.?\//.test(specifier) || !context.parentURL?.endsWith(".ts")) throw error;
                return next(`${specifier}.ts`, context);
            }
        },
        load(url, context, next) {
            if (!url.startsWith("file:") || !url.endsWith(".ts") || url.includes("/node_modules/")) {
                return next(url, context);
            }
            const fileName = fileURLToPath(url);
            const { outputText } = ts.transpileModule(fs.readFileSync(fileName, "utf8"), {
                fileName,
                compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
            });
            return { format: "commonjs", source: outputText, shortCircuit: true };
        },
    });
}
