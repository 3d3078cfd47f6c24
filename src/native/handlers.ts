/**
 * Check, Diff, Create, Read, Update and Delete for one resource type: plain values in, the shared
 * provider module's answer out. Secrets are unwrapped on the way in and marked again on the way out
 * (an input that was secret stays secret, and so does every output the type declares secret).
 * RPC semantics: https://github.com/pulumi/pulumi/blob/master/proto/pulumi/provider.proto
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as provider_pb from "@pulumi/pulumi/proto/provider_pb";
import { forEngine } from "../provider/runtime/engineFailures";
import { providerPb } from "./proto";
import type { NativeResource } from "./resources";
import { fromStruct, markSecrets, type PropertyMap, toStruct, unwrapSecrets } from "./values";

type Pb = typeof provider_pb;

function secretsOf(resource: NativeResource, ...sources: Set<string>[]): Set<string> {
    return new Set([...resource.secretOutputs, ...sources.flatMap((s) => [...s])]);
}

export async function check(resource: NativeResource, req: provider_pb.CheckRequest) {
    const olds = unwrapSecrets(fromStruct(req.getOlds())).plain;
    const news = unwrapSecrets(fromStruct(req.getNews()));
    const expanded = resource.expandInputs
        ? await resource.expandInputs(news.plain, req.getUrn())
        : { inputs: news.plain, failures: [] };
    const result = await resource.ops.check(olds, expanded.inputs);
    const response = new providerPb.CheckResponse();
    response.setInputs(toStruct(markSecrets(result.inputs ?? expanded.inputs, secretsOf(resource, news.secretKeys))));
    for (const failure of forEngine([...expanded.failures, ...(result.failures ?? [])])) {
        const item = new providerPb.CheckFailure();
        item.setProperty(failure.property);
        item.setReason(failure.reason);
        response.addFailures(item);
    }
    return response;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A property path, its old and its new value. */
type Change = [path: string, before: unknown, after: unknown];

const isMap = (value: unknown): value is PropertyMap =>
    typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A map input's changes entry by entry (`manifest["css/site.css"]`), so a preview prints the changed entries only,
 * not every entry of a 10,000-path map. Property paths: https://www.pulumi.com/docs/iac/concepts/options/ignorechanges/
 */
function entryChanges(key: string, olds: unknown, news: unknown): Change[] | undefined {
    if (!isMap(olds) || !isMap(news)) return undefined;
    const entries = [...new Set([...Object.keys(olds), ...Object.keys(news)])];
    return entries.map((entry): Change => [`${key}[${JSON.stringify(entry)}]`, olds[entry], news[entry]]);
}

/** Per-property changes, so previews name what changes and why a replace happens. */
function detailedDiff(resource: NativeResource, oldInputs: PropertyMap, news: PropertyMap, replaces: string[]) {
    const values = [...new Set([...Object.keys(oldInputs), ...Object.keys(news), ...replaces])].flatMap(
        (key): Change[] =>
            (!replaces.includes(key) && resource.entryDiffs?.includes(key)
                ? entryChanges(key, oldInputs[key], news[key])
                : undefined) ?? [[key, oldInputs[key], news[key]]],
    );
    const Kind = (providerPb as Pb).PropertyDiff.Kind;
    const diffs = new Map<string, provider_pb.PropertyDiff>();
    for (const [key, before, after] of values) {
        const replace = replaces.includes(key);
        if (!replace && same(before, after)) continue;
        const kind =
            before === undefined
                ? replace
                    ? Kind.ADD_REPLACE
                    : Kind.ADD
                : after === undefined
                  ? replace
                      ? Kind.DELETE_REPLACE
                      : Kind.DELETE
                  : replace
                    ? Kind.UPDATE_REPLACE
                    : Kind.UPDATE;
        const diff = new providerPb.PropertyDiff();
        diff.setKind(kind);
        diff.setInputdiff(true);
        diffs.set(key, diff);
    }
    return diffs;
}

export async function diff(resource: NativeResource, req: provider_pb.DiffRequest) {
    const olds = unwrapSecrets(fromStruct(req.getOlds())).plain;
    const oldInputs = unwrapSecrets(fromStruct(req.getOldInputs())).plain;
    const news = unwrapSecrets(fromStruct(req.getNews())).plain;
    const result: pulumi.dynamic.DiffResult = await resource.ops.diff(req.getId(), olds, news);
    const response = new providerPb.DiffResponse();
    const replaces = result.replaces ?? [];
    const changed = result.changes === true || replaces.length > 0;
    response.setChanges(
        changed ? providerPb.DiffResponse.DiffChanges.DIFF_SOME : providerPb.DiffResponse.DiffChanges.DIFF_NONE,
    );
    response.setReplacesList(replaces);
    response.setStablesList(result.stables ?? []);
    response.setDeletebeforereplace(result.deleteBeforeReplace === true);
    if (changed) {
        const details = detailedDiff(resource, oldInputs, news, replaces);
        response.setDiffsList([...details.keys()]);
        // With no property to name (e.g. only an output changed meaning), let the engine describe it.
        if (details.size > 0) {
            response.setHasdetaileddiff(true);
            for (const [key, value] of details) response.getDetaileddiffMap().set(key, value);
        }
    }
    return response;
}

/**
 * The engine asks for previews of Create and Update (Configure answers `supportsPreview`): nothing is sent to
 * Uploadcare. A create previews as its inputs (every other output unknown); an update as its new inputs over the
 * outputs it never changes, so what programs chain from those stays known during `pulumi preview`.
 */
function previewOutputs(resource: NativeResource, olds: PropertyMap, news: PropertyMap): PropertyMap {
    const stable = Object.fromEntries(
        resource.stableOutputs.filter((key) => olds[key] !== undefined).map((key) => [key, olds[key]]),
    );
    return { ...stable, ...news };
}

export async function create(resource: NativeResource, req: provider_pb.CreateRequest) {
    const inputs = unwrapSecrets(fromStruct(req.getProperties()));
    if (req.getPreview()) {
        const preview = new providerPb.CreateResponse();
        return preview.setProperties(toStruct(markSecrets(inputs.plain, secretsOf(resource, inputs.secretKeys))));
    }
    const result = await resource.ops.create(inputs.plain);
    const response = new providerPb.CreateResponse();
    response.setId(result.id);
    response.setProperties(toStruct(markSecrets(result.outs ?? {}, secretsOf(resource, inputs.secretKeys))));
    return response;
}

/**
 * Refresh (state and inputs given) and import / `get` (only the id): the shared read decides. For an
 * import, a missing resource is an error naming it, and inputs are always answered (the engine refuses
 * an import without them).
 */
export async function read(resource: NativeResource, req: provider_pb.ReadRequest) {
    const state = unwrapSecrets(fromStruct(req.getProperties()));
    const inputs = unwrapSecrets(fromStruct(req.getInputs()));
    const importing = Object.keys(state.plain).length === 0;
    const result = await resource.ops.read(req.getId(), state.plain);
    if (!result.id && importing && resource.missing) throw await resource.missing(req.getId());
    const response = new providerPb.ReadResponse();
    response.setId(result.id ?? "");
    if (!result.id) return response;
    const secrets = secretsOf(resource, state.secretKeys, inputs.secretKeys);
    const props = result.props ?? {};
    response.setProperties(toStruct(markSecrets(props, secrets)));
    const readInputs = result.inputs ?? (importing ? resource.importInputs?.(props) : undefined);
    if (readInputs) response.setInputs(toStruct(markSecrets(readInputs, secretsOf(resource, inputs.secretKeys))));
    return response;
}

export async function update(resource: NativeResource, req: provider_pb.UpdateRequest) {
    const olds = unwrapSecrets(fromStruct(req.getOlds()));
    const news = unwrapSecrets(fromStruct(req.getNews()));
    if (req.getPreview()) {
        const planned = previewOutputs(resource, olds.plain, news.plain);
        const secrets = secretsOf(resource, olds.secretKeys, news.secretKeys);
        return new providerPb.UpdateResponse().setProperties(toStruct(markSecrets(planned, secrets)));
    }
    const result = await resource.ops.update(req.getId(), olds.plain, news.plain);
    const response = new providerPb.UpdateResponse();
    response.setProperties(toStruct(markSecrets(result.outs ?? {}, secretsOf(resource, news.secretKeys))));
    return response;
}

export async function remove(resource: NativeResource, req: provider_pb.DeleteRequest): Promise<void> {
    await resource.ops.delete(req.getId(), unwrapSecrets(fromStruct(req.getProperties())).plain);
}
