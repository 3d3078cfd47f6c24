/**
 * Handlers return a Reply instead of writing to the socket, so the server can decide afterwards whether to send it
 * or to drop the connection ("reset-after" fault: the change is applied but the client never hears about it).
 */
export interface Reply {
    status: number;
    headers: Record<string, string>;
    body: string | Buffer;
}

export function jsonReply(status: number, value: unknown, contentType = "application/json"): Reply {
    return { status, headers: { "Content-Type": contentType }, body: JSON.stringify(value) };
}

export function textReply(status: number, text: string): Reply {
    return { status, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: text };
}

export function emptyReply(status: number): Reply {
    return { status, headers: {}, body: "" };
}
