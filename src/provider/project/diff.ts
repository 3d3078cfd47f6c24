/** What a change of Project inputs does: nothing, an update in place, or (a new `pubKey`) adopting another project. */
import type * as pulumi from "@pulumi/pulumi";
import { isUnknown, stripProvider } from "../runtime/checks";
import { containsUnknown } from "../runtime/lifecycle";
import { SETTINGS_INPUTS } from "./inputs";
import type { ProjectOutputs } from "./outputs";

const given = (value: unknown) => value !== undefined && value !== null;

/** The settings given that differ from the outputs; a setting left out is not managed, so it is never a change. */
export function changedSettings(before: Partial<ProjectOutputs>, after: Record<string, unknown>): string[] {
    return SETTINGS_INPUTS.filter((key) => {
        const value = after[key];
        if (!given(value)) return false;
        if (containsUnknown(value)) return true;
        return JSON.stringify(value) !== JSON.stringify(before[key as keyof ProjectOutputs]);
    });
}

/** Every setting updates in place: only naming another project (`pubKey`) replaces. */
export function diffProject(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
): pulumi.dynamic.DiffResult {
    const before = stripProvider(olds) as Partial<ProjectOutputs>;
    const after = stripProvider(news);
    const target = after.pubKey;
    if (given(target) && (isUnknown(target) || String(target) !== id)) {
        // Another project to adopt: adopt it first, then (soft-)delete this one.
        return { changes: true, replaces: ["pubKey"], deleteBeforeReplace: false };
    }
    return { changes: changedSettings(before, after).length > 0 };
}
