/**
 * What a Group's dynamic-provider state entry leaves out, and how the Group class rebuilds it in the program.
 *
 * Pulumi rewrites the whole state at every checkpoint, so at hundreds of groups `up` and `destroy` take time in
 * proportion to the bytes of an entry (bench/README.md). Only outputs that values always at hand determine are
 * left out: an output key missing from the state is *unknown* during `pulumi preview` (@pulumi/pulumi,
 * runtime/rpc.js `resolveProperties`), so rebuilding from a stored key that may be absent would turn unchanged
 * groups' outputs into unknowns and make dependants show changes. Hence:
 *
 * - `filesCount` is the count at the end of the group id (`<uuid>~<count>`);
 * - `storeFiles` echoes the input: stored only when `false` (the provider reads a missing one as `true`), and the
 *   program takes it from its own argument;
 * - `url` is `<REST API base>/groups/<id>/` from the configured `uploadcare:apiBaseUrl`, which the program reads
 *   too; with an embedded emulator (whose address changes every run) it stays in the state.
 *
 * A field an entry already has stays (state written before keeps its shape, so a refresh changes nothing there),
 * and a value that differs from the rule is stored as Uploadcare gave it.
 */
import type { RestApi } from "../runtime/settings";
import type { GroupOutputs } from "./outputs";

/** Uploadcare's group ids end in the member count (https://uploadcare.com/api-refs/upload-api/#tag/Groups). */
export function groupFilesCount(id: string): number {
    return Number(id.slice(id.lastIndexOf("~") + 1));
}

export function groupRestUrl(apiBaseUrl: string, id: string): string {
    return `${apiBaseUrl.replace(/\/+$/, "")}/groups/${id}/`;
}

/** The outputs to store for group `id`; `previous` is the entry's stored outputs (none on create). */
export function compactGroupOutputs(
    outs: GroupOutputs,
    id: string,
    api: RestApi,
    previous: Record<string, unknown> = {},
): Record<string, unknown> {
    const stored: Record<string, unknown> = { ...outs };
    const had = (name: keyof GroupOutputs) => previous[name] !== undefined;
    if (!had("filesCount") && outs.filesCount === groupFilesCount(id)) delete stored.filesCount;
    if (!had("storeFiles") && outs.storeFiles === true) delete stored.storeFiles;
    if (!had("url") && !api.embeddedEmulator && outs.url === groupRestUrl(api.apiBaseUrl, id)) delete stored.url;
    return stored;
}

/** Checked inputs to store: `storeFiles: true` is the default, so it is left out like any unset default. */
export function compactGroupInputs(inputs: Record<string, unknown>): Record<string, unknown> {
    if (inputs.storeFiles !== true) return inputs;
    const { storeFiles: _default, ...rest } = inputs;
    return rest;
}
