/**
 * Runs `task` over many items with a fixed number of workers: enough to keep every request the client's limiter
 * allows busy, without one promise (and one open file) per item. Stops starting new items at the first failure and
 * reports it after the running ones end, so the caller knows exactly what was done.
 */
export const WORKERS = 256;

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
