/** Any change of a ProjectSecret's inputs is a new key: rotation is replacement, the new key made first. */
import type * as pulumi from "@pulumi/pulumi";
import { isUnknown, stripProvider } from "../runtime/checks";

export function diffProjectSecret(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
): pulumi.dynamic.DiffResult {
    const before = stripProvider(olds);
    const after = stripProvider(news);
    const changed = isUnknown(after.project) || after.project !== before.project;
    // Creating the new key before deleting the old one keeps the project with a working key throughout.
    return changed ? { changes: true, replaces: ["project"], deleteBeforeReplace: false } : { changes: false };
}
