/**
 * A `FileAsset` whose file is missing fails in the engine, while it hashes the asset, with the SDK's stack trace
 * and no hint of what to fix. The `File` class checks the path first (in the program, relative to its folder, as
 * the engine resolves it) and fails with a message naming the argument, the path and the fix.
 */

import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { UploadcareInputError } from "../client";
import { asRunError } from "./runError";

type Source = pulumi.asset.FileAsset | pulumi.asset.StringAsset;

/** The message for a missing file, or undefined when `file` names a readable file. */
export function missingSourceProblem(resource: string, file: string, cwd: string = process.cwd()): string | undefined {
    const resolved = path.resolve(cwd, file);
    if (fs.existsSync(resolved) && fs.statSync(resolved).isFile()) return undefined;
    const what = fs.existsSync(resolved) ? "is not a file" : "does not exist";
    return (
        `source of File "${resource}": ${resolved} ${what}. A FileAsset path is relative to the program's folder ` +
        `(${cwd}); fix the path given to new pulumi.asset.FileAsset("${file}"), or create the file.`
    );
}

/** `source` as given, once its file is known to exist; an Output that fails cleanly when it does not. */
export function checkedSource(resource: string, source: Source | undefined): pulumi.Input<Source> | undefined {
    if (!(source instanceof pulumi.asset.FileAsset)) return source;
    return pulumi.output(source.path).apply((file) => {
        const problem = missingSourceProblem(resource, file);
        if (!problem) return source;
        throw asRunError(new UploadcareInputError(problem, [{ property: "source", reason: problem }]));
    });
}
