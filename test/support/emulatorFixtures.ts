import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, FormData, request } from "undici";
import { afterAll, beforeAll, expect } from "vitest";
import { type ClientDeps, createClient, type UploadcareClient } from "../../src/client";
import { httpDate, signRequest } from "../../src/client/core/sign";
import { type Emulator, type EmulatorOptions, startEmulator } from "../../src/emulator/index";

export const V07 = "application/vnd.uploadcare-v0.7+json";
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MICRO_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export interface Answer {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    text: string;
    /** Parsed body; loosely typed on purpose: tests assert on the JSON shape itself. */
    json: () => ReturnType<typeof JSON.parse>;
}

export interface SendInit {
    method?: string;
    headers?: Record<string, string>;
    body?: string | FormData;
}

export interface RestOpts {
    body?: string;
    contentType?: string | null;
    secret?: string;
    publicKey?: string;
    date?: Date;
    dateHeader?: "X-Uploadcare-Date" | "Date";
    accept?: string | null;
    /** Sign this URI instead of the one requested (tampering). */
    signedUri?: string;
    clock?: { now: () => Date };
    /** More headers, e.g. the `Origin` a browser would add. */
    headers?: Record<string, string>;
}

export type Fields = [string, string][];

/** A client of `emu`'s project, with both APIs on the emulator; retries back off by 1 ms unless `deps` say. */
export function clientFor(emu: Emulator, deps: ClientDeps = {}, signUploads = false): UploadcareClient {
    const config = { publicKey: emu.publicKey, secretKey: emu.secretKey, apiBaseUrl: emu.url, uploadBaseUrl: emu.url };
    return createClient({ ...config, signUploads }, { retry: { baseDelayMs: 1 }, ...deps });
}

/** A settable clock for `EmulatorOptions.now`, starting at 2026-11-26 12:00 UTC unless told otherwise. */
export function makeClock(start = Date.UTC(2026, 10, 26, 12, 0, 0)) {
    const clock = { ms: start, now: () => new Date(clock.ms) };
    return clock;
}

/** `pub_key` plus `files[N]`, the fields of an Upload API `POST /group/`. */
export function groupFields(emu: Emulator, files: string[]): Fields {
    return [["pub_key", emu.publicKey], ...files.map((f, i): [string, string] => [`files[${i}]`, f])];
}

/**
 * A hand-written HTTP/1.1 request over a bare socket, for what an HTTP client will not do: announce a body and not
 * send it, or stop half-way. `response` is everything the server sent until it closed the connection.
 */
export function rawHttp(url: string, head: string, body = ""): { socket: Socket; response: Promise<string> } {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    socket.write(`${head.replace(/\n/g, "\r\n")}\r\n\r\n${body}`);
    const response = new Promise<string>((resolve) => {
        let text = "";
        socket.on("data", (chunk: Buffer) => {
            text += chunk.toString("latin1");
        });
        socket.on("close", () => resolve(text));
        // A reset after the answer still leaves the answer to look at.
        socket.on("error", () => undefined);
    });
    return { socket, response };
}

/** Status code of a raw HTTP response ("HTTP/1.1 413 Payload Too Large" → 413). */
export function rawStatus(response: string): number {
    return Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);
}

/**
 * Emulators, temp folders and one short-keep-alive HTTP agent for a test file, all cleaned up in its
 * afterAll. Call at the top level of the file.
 */
export function emulatorFixtures(tempPrefix: string) {
    const agent = new Agent({ keepAliveTimeout: 10, keepAliveMaxTimeout: 10 });
    const started: Emulator[] = [];
    const tmpDirs: string[] = [];

    afterAll(async () => {
        await Promise.all(started.map((e) => e.close()));
        await agent.close();
        for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
    });

    async function send(url: string, init: SendInit = {}): Promise<Answer> {
        const res = await request(url, {
            method: (init.method ?? "GET") as "GET",
            headers: init.headers ?? {},
            body: init.body ?? null,
            dispatcher: agent,
        });
        const text = await res.body.text();
        return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) };
    }

    /** A signed REST call, built the way the provider's client does it. `target` is a path or an absolute URL. */
    function rest(emu: Emulator, method: string, target: string, o: RestOpts = {}): Promise<Answer> {
        const url = target.startsWith("http") ? target : `${emu.url}${target}`;
        const parsed = new URL(url);
        const uri = parsed.pathname + parsed.search;
        const body = o.body ?? "";
        const contentType = o.contentType === undefined ? "application/json" : o.contentType;
        const date = httpDate(o.date ?? o.clock?.now() ?? new Date());
        const signature = signRequest(
            { method, body, contentType: contentType ?? "", date, uri: o.signedUri ?? uri },
            o.secret ?? emu.secretKey,
        );
        const headers: Record<string, string> = {
            [o.dateHeader ?? "X-Uploadcare-Date"]: date,
            Authorization: `Uploadcare ${o.publicKey ?? emu.publicKey}:${signature}`,
        };
        if (o.accept !== null) headers.Accept = o.accept ?? V07;
        if (contentType !== null) headers["Content-Type"] = contentType;
        Object.assign(headers, o.headers);
        return send(url, { method, headers, ...(body ? { body } : {}) });
    }

    /** An Upload API form POST, urlencoded or multipart. */
    async function uploadForm(
        emu: Emulator,
        path: string,
        fields: Fields,
        kind: "urlencoded" | "multipart" = "urlencoded",
    ): Promise<Answer> {
        if (kind === "urlencoded") {
            const headers = { "Content-Type": "application/x-www-form-urlencoded" };
            return send(`${emu.url}${path}`, { method: "POST", headers, body: new URLSearchParams(fields).toString() });
        }
        const form = new FormData();
        for (const [k, v] of fields) form.append(k, v);
        return send(`${emu.url}${path}`, { method: "POST", body: form });
    }

    /** `POST /group/` that must succeed; `extra` fields are appended. */
    async function createGroup(emu: Emulator, files: string[], extra: Fields = []) {
        const res = await uploadForm(emu, "/group/", [...groupFields(emu, files), ...extra]);
        expect(res.status).toBe(200);
        return res.json() as { id: string; datetime_created: string; files: { uuid: string }[] };
    }

    async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
        const emu = await startEmulator({ quiet: true, ...options });
        started.push(emu);
        return emu;
    }

    /**
     * A settable clock and one emulator on it for the tests of the enclosing describe block, started in its
     * beforeAll: the tests read it as `shared.emu`.
     */
    function sharedEmulator(options: EmulatorOptions = {}) {
        const clock = makeClock();
        const shared = { clock, emu: undefined as unknown as Emulator };
        beforeAll(async () => {
            shared.emu = await emulator({ now: clock.now, ...options });
        });
        return shared;
    }

    return {
        agent,
        send,
        emulator,
        sharedEmulator,
        rest,
        uploadForm,
        createGroup,
        /** Closes an emulator before the end of the file (to restart over the same state file). */
        async stop(emu: Emulator): Promise<void> {
            started.splice(started.indexOf(emu), 1);
            await emu.close();
        },
        tempDir(): string {
            const dir = mkdtempSync(join(tmpdir(), tempPrefix));
            tmpDirs.push(dir);
            return dir;
        },
    };
}
