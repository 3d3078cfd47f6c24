// The asset profiles of issue #23 (bench/README.md, "Assets"): SyncedFolder at BENCH_SYNCED_FILES, the same files as
// File resources and as one SyncedFolder side by side at BENCH_SIDE_BY_SIDE_FILES, and one BENCH_BIG_FILE_MB file
// against curl. They run against an emulator of their own, so a refresh lists only their files and the request
// log (kept whole: requestLogLimit) counts only their requests. Returns results.json's `assets` and printed lines.
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/prepare-example.mts";
import type * as EmulatorModule from "../../src/emulator/index.ts";
import { bigFileProfile } from "./bigFileProfile.mts";
import type { BenchContext } from "./context.mts";
import { type AssetContext, sideBySideProfile, syncedFolderProfile } from "./syncedFolderProfile.mts";

const require = createRequire(import.meta.url);

export const ASSET_PROFILES = ["syncedFolder", "sideBySide", "multipart"] as const;

export interface AssetOptions {
    only: readonly string[];
    syncedFiles: number;
    sideBySideFiles: number;
    bigFileMb: number;
    parallel: number;
    maxConcurrency: number;
}

export async function assetProfiles(base: BenchContext, o: AssetOptions) {
    const { startEmulator } = require(path.join(REPO_ROOT, "dist/emulator/index.js")) as typeof EmulatorModule;
    const { contentTypeFor } = require(
        path.join(REPO_ROOT, "dist/client/upload/contentType.js"),
    ) as typeof import("../../src/client/upload/contentType.ts");
    const emulator = await startEmulator({ quiet: true, requestLogLimit: 10_000_000, seedFiles: 0 });
    const env = {
        UPLOADCARE_PUBLIC_KEY: emulator.publicKey,
        UPLOADCARE_SECRET_KEY: emulator.secretKey,
        UPLOADCARE_API_BASE_URL: emulator.url,
        UPLOADCARE_UPLOAD_BASE_URL: emulator.url,
    };
    const ctx: AssetContext = { ...base, emulator, env, contentTypeFor, ...o };
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "bench-assets-"));
    const results: Record<string, unknown> = {};
    const step = async (name: string, enabled: boolean, body: () => Promise<unknown>) => {
        if (!enabled || !o.only.includes(name)) return;
        try {
            results[name] = await body();
        } catch (error) {
            results[name] = { error: (error as Error).message.slice(0, 2000) };
            ctx.log(`${name} failed: ${(error as Error).message.split("\n")[0]}`);
        }
    };
    try {
        await step("syncedFolder", o.syncedFiles > 0, () => syncedFolderProfile(ctx, root, o.syncedFiles));
        await step("sideBySide", o.sideBySideFiles > 0, () => sideBySideProfile(ctx, root, o.sideBySideFiles));
        await step("multipart", o.bigFileMb > 0, () => bigFileProfile(ctx, root, o.bigFileMb));
    } finally {
        fs.rmSync(root, { recursive: true, force: true });
        await emulator.close();
    }
    return results;
}

const num = (x: unknown, digits = 2) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(digits) : "—");
const s = (ms: unknown) => num(typeof ms === "number" ? ms / 1000 : ms);
const mb = (kb: unknown) => num(typeof kb === "number" ? kb / 1024 : kb, 0);
const kinds = (k: Record<string, number>) =>
    Object.entries(k)
        .map(([key, v]) => `${key} ×${v}`)
        .join(", ") || "none";
// biome-ignore lint/suspicious/noExplicitAny: results.json data read back for printing only
type Any = any;

/** The printed section: every figure with its reference and target. */
export function assetLines(results: Record<string, Any>): string[] {
    const lines: string[] = [];
    const sf = results.syncedFolder;
    if (sf?.error) lines.push("", `SyncedFolder: failed: ${String(sf.error).split("\n")[0]}`);
    else if (sf) {
        const h = sf.hashing.algorithms;
        lines.push(
            "",
            `SyncedFolder, ${sf.files} files of 1–20 KB (${num(sf.bytes / 2 ** 20, 1)} MB):`,
            `  first up      ${s(sf.first.ms)} s vs floor ${s(sf.floorUpMs)} s + node:http uploader ${s(sf.referenceMs)} s: ratio ${num(sf.first.ratio)} (target ≤ ${sf.first.target}); ${sf.first.total} requests; the package's client alone ${s(sf.clientOnlyMs)} s`,
            `  its steps     first request ${s(sf.first.timelineMs.firstRequest)} s, uploads ${s(sf.first.timelineMs.firstUpload)}–${s(sf.first.timelineMs.lastUpload)} s, last store ${s(sf.first.timelineMs.lastStore)} s, last request ${s(sf.first.timelineMs.lastRequest)} s (after up started)`,
            `  no-change up  ${s(sf.noChange.ms)} s vs floor ${s(sf.floorNoChangeMs)} s + hashing ${s(sf.hashMs)} s (the class's walker ${s(sf.classHashMs)} s): ratio ${num(sf.noChange.ratio)} (target ≤ 1.5); ${sf.noChange.total} requests (target 0)`,
            `  one change    ${sf.change.uploads} upload, ${sf.change.stores} store, ${sf.change.deletes} delete (target 1/1/1); besides: ${kinds(sf.change.other)}`,
            `  refresh       ${sf.refresh.total} requests (target ≤ ${sf.refresh.target}): ${kinds(sf.refresh.kinds)}`,
            `  destroy       ${sf.destroy.total} requests (target ≤ ${sf.destroy.target}): ${kinds(sf.destroy.kinds)}`,
            `  state         ${num(sf.state.bytesPerFile, 0)} B per file (target ≤ 200; entry ${sf.state.bytes} B)`,
            `  provider RSS  ${mb(sf.providerPeakRssKb)} MB at ${sf.files} files (floor's ${mb(sf.floorPeakRssKb)} MB)${results.sideBySide?.syncedFolder ? `, ${mb(results.sideBySide.syncedFolder.providerPeakRssKb)} MB at ${results.sideBySide.files}` : ""}`,
            `  hashing       sha256 ${num(h.sha256.mbPerS, 0)} MB/s, sha1 ${num(h.sha1.mbPerS, 0)}, md5 ${num(h.md5.mbPerS, 0)}, blake2b512 ${num(h.blake2b512.mbPerS, 0)} (in memory, best of 3)`,
        );
    }
    const side = results.sideBySide;
    if (side?.error) lines.push("", `side by side: failed: ${String(side.error).split("\n")[0]}`);
    else if (side) {
        const row = (label: string, r: Any) =>
            `  ${label.padEnd(14)} up ${s(r.upMs)} s, destroy ${s(r.destroyMs)} s, ${r.requests} requests, state ${num(r.state.bytes / 1024, 0)} KB in ${r.state.entries} entries (${num(r.state.bytes / side.files, 0)} B per file), provider RSS ${mb(r.providerPeakRssKb)} MB`;
        lines.push("", `side by side, the same ${side.files} files:`);
        lines.push(row("SyncedFolder", side.syncedFolder), row(`${side.files} Files`, side.fileResources));
    }
    const big = results.multipart;
    if (big?.error) lines.push("", `big file: failed: ${String(big.error).split("\n")[0]}`);
    else if (big) {
        lines.push(
            "",
            `big file, ${big.megabytes} MB (parts of ${num(big.partSize / 2 ** 20, 0)} MiB, ${big.partConcurrency} at a time):`,
            `  File create   multipart ${s(big.multipartMs)} s vs curl ${big.curlMs.map(s).join(" / ")} s: ratio ${num(big.ratio)} (target ≤ ${big.target}); whole up ${s(big.upMs)} s − floor ${s(big.floorUpMs)} s: ${num(big.ratioWholeUp)}`,
            `  up's steps    first request ${s(big.timelineMs.firstRequest)} s, multipart start ${s(big.timelineMs.multipartStart)} s, complete ${s(big.timelineMs.multipartComplete)} s, stored ${s(big.timelineMs.stored)} s, up done ${s(big.upMs)} s`,
            `  provider RSS  +${mb(big.rssGrowthKb)} MB over a 1 MiB file (${mb(big.bigPeakRssKb)} against ${mb(big.smallPeakRssKb)} MB; target ≤ +64)`,
        );
    }
    return lines;
}
