// The large-file profile (bench/README.md, "Assets"): one File of BENCH_BIG_FILE_MB (default 1 GiB, a sparse file)
// created through `pulumi up` (a multipart upload, parts in parallel) against curl sending the same parts with the
// same parallelism to the same emulator (start, curl PUTs each presigned part URL, complete), before and after
// ours; and the provider's peak RSS over the same program's with a 1 MiB file. Returns plain data.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { splitParts, writeSparseFile } from "./assetFiles.mts";
import { type AssetContext, floorOnce, requestKinds } from "./syncedFolderProfile.mts";

const run = promisify(execFile);
/** src/client/upload/multipart.ts: DEFAULT_PART_SIZE and DEFAULT_PART_CONCURRENCY, what File uses. */
const PART_SIZE = 5_242_880;
const PART_CONCURRENCY = 4;

async function uploadForm(ctx: AssetContext, route: string, fields: Record<string, string>) {
    const response = await fetch(`${ctx.emulator.url}${route}`, { method: "POST", body: new URLSearchParams(fields) });
    if (!response.ok) throw new Error(`POST ${route} → ${response.status} ${await response.text()}`);
    return (await response.json()) as { uuid: string; parts: string[] };
}

/** Start, the parts by curl `PART_CONCURRENCY` at a time, complete: ms from the start's answer to completed. */
async function curlMultipart(ctx: AssetContext, parts: string[], size: number): Promise<number> {
    const started = await uploadForm(ctx, "/multipart/start/", {
        UPLOADCARE_PUB_KEY: ctx.emulator.publicKey,
        UPLOADCARE_STORE: "0",
        filename: "big.bin",
        size: String(size),
        content_type: "application/octet-stream",
        part_size: String(PART_SIZE),
    });
    const begin = performance.now();
    const args = ["-sS", "--fail", "-Z", "--parallel-max", String(PART_CONCURRENCY)];
    for (const [i, url] of started.parts.entries()) {
        // No `Expect: 100-continue` round trip: ours sends none either. Not `-T`: curl appends the file's name to a
        // URL whose path ends in "/", as the part URLs do.
        args.push("-o", "/dev/null", "-H", "Content-Type: application/octet-stream", "-H", "Expect:", "-X", "PUT");
        args.push("--data-binary", `@${parts[i]}`, url, "--next");
    }
    args.pop();
    await run("curl", args, { maxBuffer: 1 << 24 }).catch((error: { stderr?: string; code?: number }) => {
        throw new Error(`curl exited ${error.code}: ${String(error.stderr).slice(0, 500)}`);
    });
    await uploadForm(ctx, "/multipart/complete/", { UPLOADCARE_PUB_KEY: ctx.emulator.publicKey, uuid: started.uuid });
    return performance.now() - begin;
}

/**
 * When each step of the create was answered, in ms after `up` started (the emulator's log): the first request (the
 * key check), `POST /multipart/start/`, `POST /multipart/complete/`, and the store. What comes before the first
 * request is the program, the engine and `check` reading the file.
 */
function timeline(ctx: AssetContext, startedAt: number) {
    const at = (route: string) => {
        const time = ctx.emulator.requests.find((r) => r.api !== "admin" && r.path.startsWith(route))?.time;
        return time ? Date.parse(time) - startedAt : Number.NaN;
    };
    return {
        firstRequest: at("/"),
        multipartStart: at("/multipart/start/"),
        multipartComplete: at("/multipart/complete/"),
        stored: at("/files/"),
    };
}

export async function bigFileProfile(ctx: AssetContext, root: string, megabytes: number) {
    const size = megabytes * (1 << 20);
    const big = path.join(root, "big");
    const small = path.join(root, "small");
    writeSparseFile(path.join(big, "big.bin"), size);
    writeSparseFile(path.join(small, "small.bin"), 1 << 20);
    const parts = splitParts(path.join(big, "big.bin"), PART_SIZE, path.join(root, "parts"));
    const ws = await ctx.workspace("files", ctx.env);
    const floor = await ctx.workspace("floor", ctx.env);
    try {
        const floorRun = await floorOnce(ctx, floor);
        await ws.setConfig({ dir: small });
        const smallUp = await ws.up(ctx.parallel);
        await ws.destroy(ctx.parallel);
        const curlMs = [await curlMultipart(ctx, parts, size)];
        await ws.setConfig({ dir: big });
        ctx.emulator.clearRequests();
        const startedAt = Date.now();
        const up = await ws.up(ctx.parallel);
        const steps = timeline(ctx, startedAt);
        // Start answered → complete answered: the start's own round trip is left out, as it is from curl's.
        const windowMs = steps.multipartComplete - steps.multipartStart;
        const requests = requestKinds(ctx.emulator);
        await ws.destroy(ctx.parallel);
        curlMs.push(await curlMultipart(ctx, parts, size));
        const curl = Math.min(...curlMs);
        ctx.log(
            `big file ${megabytes} MB: up ${up.ms.toFixed(0)} ms (multipart ${windowMs} ms), curl ${curl.toFixed(0)} ms`,
        );
        return {
            megabytes,
            partSize: PART_SIZE,
            partConcurrency: PART_CONCURRENCY,
            upMs: up.ms,
            floorUpMs: floorRun.upMs,
            multipartMs: windowMs,
            timelineMs: steps,
            curlMs,
            target: 1.25,
            ratio: windowMs / curl,
            ratioWholeUp: (up.ms - floorRun.upMs) / curl,
            requests,
            smallPeakRssKb: smallUp.providerPeakRssKb,
            bigPeakRssKb: up.providerPeakRssKb,
            rssGrowthKb: up.providerPeakRssKb - smallUp.providerPeakRssKb,
            rssTargetKb: 64 * 1024,
        };
    } finally {
        ws.dispose();
        floor.dispose();
        for (const dir of [big, small, path.join(root, "parts")]) fs.rmSync(dir, { recursive: true, force: true });
    }
}
