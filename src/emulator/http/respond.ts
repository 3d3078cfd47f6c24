import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestLogEntry } from "../types";
import type { Reply } from "./reply";
import { type RequestLog, redactUrl } from "./requestLog";

/**
 * Sends a reply and logs it. `close`: the body was not (fully) read, so the connection cannot carry another
 * request; `Connection: close` makes Node end it after this answer instead of reading the rest of the body.
 */
export function send(log: RequestLog, res: ServerResponse, entry: RequestLogEntry, reply: Reply, close = false): void {
    entry.status = reply.status;
    log.add(entry);
    const body = typeof reply.body === "string" ? Buffer.from(reply.body) : reply.body;
    const headers: Record<string, string> = { ...reply.headers, "Content-Length": String(body.length) };
    if (close) headers.Connection = "close";
    res.writeHead(reply.status, headers);
    res.end(body);
}

/** RST instead of FIN, so the client sees ECONNRESET / "other side closed", like a dropped connection. */
export function reset(log: RequestLog, req: IncomingMessage, entry: RequestLogEntry): void {
    log.add(entry);
    req.socket.resetAndDestroy();
}

/** A handler threw: log it, and answer 500 unless the answer already started (then only the socket can go). */
export function crash(log: RequestLog, time: Date, req: IncomingMessage, res: ServerResponse, error: unknown): void {
    process.stderr.write(`emulator: ${req.method} ${redactUrl(req.url ?? "")} failed: ${String(error)}\n`);
    if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
    }
    const entry: RequestLogEntry = {
        time: time.toISOString(),
        method: req.method ?? "",
        path: redactUrl(req.url ?? ""),
        status: 500,
        api: "rest",
    };
    send(log, res, entry, { status: 500, headers: { "Content-Type": "text/plain" }, body: "emulator error" });
}
