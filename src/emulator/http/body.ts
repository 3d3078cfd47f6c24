import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";

/**
 * The declared body size: `Content-Length`, or undefined for a chunked body (or one without a length, which then
 * has none). Node rejects a request with both headers or a malformed length before it gets here.
 */
export function declaredLength(req: IncomingMessage): number | undefined {
    const raw = req.headers["content-length"];
    if (raw === undefined) return undefined;
    const n = Number(raw);
    return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/**
 * The whole body, or undefined as soon as more than `limit` bytes arrived. Reading then stops with the stream
 * paused, not destroyed (destroying it would take the socket, and the 413, with it); the answer must close the
 * connection, since the rest of the body stays unread.
 */
export function readLimitedBody(req: Readable, limit: number): Promise<Buffer | undefined> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = (result: Buffer | undefined, error?: Error) => {
            req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
            if (error) reject(error);
            else resolve(result);
        };
        const onData = (chunk: Buffer) => {
            size += chunk.length;
            if (size <= limit) {
                chunks.push(chunk);
                return;
            }
            req.pause();
            done(undefined);
        };
        const onEnd = () => done(Buffer.concat(chunks));
        const onError = (error: Error) => done(undefined, error);
        const onClose = () => done(undefined, new Error("the client closed the connection before the body ended"));
        req.on("data", onData).once("end", onEnd).once("error", onError).once("close", onClose);
    });
}
