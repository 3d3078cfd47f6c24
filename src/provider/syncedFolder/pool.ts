/**
 * Runs `task` over many items with a fixed number of workers: enough to keep every request the client's limiter
 * allows busy (`uploadcare:maxConcurrency` is at most 64), without one promise (and one open file) per item. Stops
 * starting new items at the first failure and reports it after the running ones end, so the caller knows exactly
 * what was done.
 *
 * No more: a worker waiting for a slot holds its file's bytes, and at 256 workers those (and the garbage of their
 * requests) grew the provider's young heap to its cap, about 100 MB over the floor at 10,000 files.
 */
export const WORKERS = 64;

export async function forEachLimited<T>(
    items: readonly T[],
    task: (item: T) => Promise<void>,
    workers = WORKERS,
): Promise<{ error?: unknown }> {
    let next = 0;
    let failure: { error: unknown } | undefined;
    const worker = async () => {
        while (next < items.length && !failure) {
            const item = items[next++] as T;
            try {
                await task(item);
            } catch (error) {
                failure ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(workers, items.length) }, worker));
    return failure ?? {};
}
