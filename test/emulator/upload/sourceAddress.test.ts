import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../src/emulator/index";
import { addressClass, judgeSource, pinnedLookup, type Resolve } from "../../../src/emulator/upload/sourceAddress";
import { parseArgs } from "../../../src/emulatorCli";
import { emulatorFixtures } from "../../support/emulatorFixtures";

const { emulator, send, uploadForm } = emulatorFixtures("uc-emulator-sources-");

// A local service that must never hear from the emulator unless a test allows loopback sources.
let service: Server;
let base = "";
const heard: string[] = [];
beforeAll(async () => {
    service = createServer((req, res) => {
        heard.push(req.url ?? "");
        res.end("meow");
    });
    await new Promise<void>((resolve) => service.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => service.close(() => resolve())));

function fromUrl(emu: Emulator, source: string) {
    return uploadForm(emu, "/from_url/?jsonerrors=1", [
        ["pub_key", emu.publicKey],
        ["source_url", source],
    ]);
}

async function finalStatus(emu: Emulator, token: string) {
    for (let i = 0; i < 300; i++) {
        const body = (await send(`${emu.url}/from_url/status/?token=${token}`)).json();
        if (body.status === "success" || body.status === "error") return body;
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error("the download never ended");
}

describe("from_url sources (real Uploadcare fetches public URLs only)", () => {
    it("refuses loopback, private, link-local and unspecified sources by default, contacting nothing", async () => {
        const emu = await emulator();
        const port = new URL(base).port;
        const sources = [
            `${base}/admin/delete?all=1`,
            `http://localhost:${port}/x`,
            `http://app.localhost:${port}/x`,
            `http://[::1]:${port}/x`,
            `http://[::ffff:127.0.0.1]:${port}/x`,
            `http://2130706433:${port}/x`,
            `http://0.0.0.0:${port}/x`,
            "http://169.254.169.254/latest/meta-data/",
            "http://[fe80::1]/x",
            "http://[fd00::1]/x",
            "http://172.16.0.1/x",
            "http://100.64.0.1/x",
        ];
        for (const source of sources) {
            const res = await fromUrl(emu, source);
            expect(res.status, source).toBe(400);
            expect(res.json().error, source).toEqual({
                content: "Only public IPs are allowed.",
                status_code: 400,
                error_code: "URLHostPrivateIPForbiddenError",
            });
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(heard).toEqual([]);
    });

    it("allowLoopbackSources fetches a loopback server, by address and by name", async () => {
        const emu = await emulator({ allowLoopbackSources: true });
        const port = new URL(base).port;
        for (const source of [`${base}/cat.txt`, `http://localhost:${port}/named.txt`]) {
            const res = await fromUrl(emu, source);
            expect(res.json().type, source).toBe("token");
            expect(await finalStatus(emu, res.json().token), source).toMatchObject({ status: "success", size: 4 });
        }
        expect(heard.slice(-2)).toEqual(["/cat.txt", "/named.txt"]);
        // Private is still private: only loopback is allowed.
        expect((await fromUrl(emu, "http://10.0.0.1/x")).json().error.error_code).toBe(
            "URLHostPrivateIPForbiddenError",
        );
    });

    it("never fetches from its own port, even with allowLoopbackSources: no way to copy the admin state", async () => {
        const emu = await emulator({ allowLoopbackSources: true, seedFiles: 1 });
        const port = new URL(emu.url).port;
        for (const source of [
            `${emu.url}/__emulator/state`,
            `http://localhost:${port}/__emulator/state`,
            `http://127.0.0.2:${port}/__emulator/requests`,
        ]) {
            const res = await fromUrl(emu, source);
            expect(res.status, source).toBe(400);
            expect(res.json().error.error_code, source).toBe("URLHostPrivateIPForbiddenError");
        }
        expect(emu.files()).toHaveLength(1);
    });

    it("the CLI flag --allow-loopback-sources sets the option", () => {
        expect(parseArgs(["emulator", "--allow-loopback-sources"]).options.allowLoopbackSources).toBe(true);
        expect(parseArgs(["emulator"]).options.allowLoopbackSources).toBeUndefined();
        expect(() => parseArgs(["emulator", "--allow-loopback-sources=1"])).toThrow("takes no value");
    });
});

describe("judging a source by the address it resolves to", () => {
    const allow = { allowLoopback: true, ownPort: 4000 };
    const resolver = (answers: Record<string, string[]>, calls: string[] = []): Resolve => {
        return async (host) => {
            calls.push(host);
            return (answers[host] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
        };
    };

    it("classifies addresses", () => {
        for (const a of ["127.0.0.1", "127.9.9.9", "::1", "::ffff:127.0.0.1", "::ffff:7f00:1"]) {
            expect(addressClass(a), a).toBe("loopback");
        }
        for (const a of ["10.1.2.3", "192.168.1.1", "172.31.0.1", "169.254.1.1", "0.0.0.0", "::", "fe80::1"]) {
            expect(addressClass(a), a).toBe("private");
        }
        for (const a of ["fc00::1", "fd12::1", "::ffff:10.0.0.1", "224.0.0.1", "64:ff9b::a00:1", "not an ip"]) {
            expect(addressClass(a), a).toBe("private");
        }
        for (const a of ["93.184.216.34", "2606:2800:220:1::1", "8.8.8.8"]) expect(addressClass(a), a).toBe("public");
    });

    it("a name that resolves to a private or loopback address is refused; to public ones, not reachable", async () => {
        const resolve = resolver({
            "intranet.example": ["10.0.0.5"],
            "mixed.example": ["93.184.216.34", "192.168.0.9"],
            "rebound.example": ["127.0.0.1"],
            "public.example": ["93.184.216.34"],
        });
        const deny = { allowLoopback: false, ownPort: 4000 };
        const judge = (url: string, policy = deny) => judgeSource(new URL(url), policy, resolve);
        expect(await judge("http://intranet.example/x", allow)).toEqual({ kind: "private" });
        expect(await judge("http://mixed.example/x", allow)).toEqual({ kind: "private" });
        expect(await judge("http://rebound.example/x")).toEqual({ kind: "private" });
        expect(await judge("http://rebound.example:4000/x", allow)).toEqual({ kind: "private" });
        expect(await judge("http://public.example/x", allow)).toEqual({ kind: "not-found" });
        expect(await judge("http://unknown.example/x", allow)).toEqual({ kind: "not-found" });
        expect(await judge("http://rebound.example:8080/x", allow)).toEqual({
            kind: "connect",
            addresses: [{ address: "127.0.0.1", family: 4 }],
        });
    });

    it("resolves once and pins the connection to the checked answer (a rebinding DNS cannot switch it)", async () => {
        const calls: string[] = [];
        let answer = "127.0.0.1";
        const rebinding: Resolve = async (host) => {
            calls.push(host);
            const address = answer;
            answer = "10.0.0.1";
            return [{ address, family: 4 }];
        };
        const verdict = await judgeSource(new URL("http://rebind.example:8080/"), allow, rebinding);
        expect(calls).toEqual(["rebind.example"]);
        if (verdict.kind !== "connect") throw new Error(`expected connect, got ${verdict.kind}`);
        const lookup = pinnedLookup(verdict.addresses);
        const one = await new Promise((resolve) => lookup("rebind.example", {}, (_e, a) => resolve(a)));
        const all = await new Promise((resolve) => lookup("rebind.example", { all: true }, (_e, a) => resolve(a)));
        expect(one).toBe("127.0.0.1");
        expect(all).toEqual([{ address: "127.0.0.1", family: 4 }]);
        expect(calls).toHaveLength(1);
    });
});
