import { describe, expect, it } from "vitest";
import { isLoopbackHost, joinUrl, parseBaseUrl, validateClientConfig } from "../../../src/client/core/config";
import { UploadcareFromUrlError, UploadcareProjectUnprovenError } from "../../../src/client/core/errors";
import { describeValue, requireFileUuid, requireGroupId } from "../../../src/client/core/ids";
import { Limiter } from "../../../src/client/core/limiter";
import { proxyFor } from "../../../src/client/core/proxy";
import { shownText } from "../../../src/client/core/shown";

describe("base URLs", () => {
    it("accept https anywhere and http only on loopback", () => {
        expect(parseBaseUrl("https://api.uploadcare.com", "apiBaseUrl").host).toBe("api.uploadcare.com");
        expect(parseBaseUrl("http://127.0.0.1:8080", "apiBaseUrl").port).toBe("8080");
        expect(parseBaseUrl("http://localhost:1", "apiBaseUrl").hostname).toBe("localhost");
        expect(() => parseBaseUrl("http://api.example.com", "apiBaseUrl")).toThrow(
            /plain http to api.example.com.*loopback/,
        );
        expect(() => parseBaseUrl("ftp://x", "uploadBaseUrl")).toThrow(/uploadBaseUrl must be an https:\/\/ URL/);
        expect(() => parseBaseUrl("not a url", "apiBaseUrl")).toThrow(/apiBaseUrl is not a valid URL/);
    });

    it("recognise loopback hosts", () => {
        expect(isLoopbackHost("127.0.0.1")).toBe(true);
        expect(isLoopbackHost("127.1.2.3")).toBe(true);
        expect(isLoopbackHost("[::1]")).toBe(true);
        expect(isLoopbackHost("10.0.0.1")).toBe(false);
        expect(isLoopbackHost("127.0.0.1.example.com")).toBe(false);
    });

    it("refuse Uploadcare.Simple over http", () => {
        expect(() =>
            validateClientConfig({
                publicKey: "p",
                secretKey: "s",
                apiBaseUrl: "http://127.0.0.1:1",
                uploadBaseUrl: "http://127.0.0.1:1",
                authScheme: "simple",
            }),
        ).toThrow(/refused over http/);
    });

    it("keep a path prefix when joining", () => {
        expect(joinUrl("https://proxy.example/uc/", "/groups/?limit=1").toString()).toBe(
            "https://proxy.example/uc/groups/?limit=1",
        );
        expect(joinUrl("https://api.uploadcare.com", "/groups/x~1/").pathname).toBe("/groups/x~1/");
    });
});

describe("proxyFor", () => {
    const url = new URL("https://api.uploadcare.com/groups/");
    it("names the proxy in use without credentials", () => {
        expect(proxyFor(url, { HTTPS_PROXY: "http://user:pw@proxy.corp:3128" })).toBe("http://proxy.corp:3128");
    });
    it("leaves the NO_PROXY decision to undici, and says that it may exempt the host", () => {
        expect(proxyFor(url, { HTTPS_PROXY: "http://proxy:3128", NO_PROXY: ".uploadcare.com" })).toBe(
            "http://proxy:3128 (unless NO_PROXY=.uploadcare.com exempts api.uploadcare.com)",
        );
        expect(proxyFor(url, { https_proxy: "http://proxy:3128", no_proxy: "*", NO_PROXY: "x" })).toContain(
            "NO_PROXY=*",
        );
    });
    it("is undefined for loopback hosts, which always go direct", () => {
        expect(proxyFor(new URL("http://127.0.0.2:8080/"), { HTTP_PROXY: "http://proxy:3128" })).toBeUndefined();
    });
    it("is undefined without proxy settings", () => {
        expect(proxyFor(url, {})).toBeUndefined();
    });
});

describe("Limiter", () => {
    it("never runs more than its bound at once and runs everything", async () => {
        const limiter = new Limiter(3);
        let active = 0;
        let peak = 0;
        const results = await Promise.all(
            Array.from({ length: 20 }, (_, i) =>
                limiter.run(async () => {
                    active++;
                    peak = Math.max(peak, active);
                    await new Promise((resolve) => setTimeout(resolve, 1));
                    active--;
                    return i;
                }),
            ),
        );
        expect(peak).toBe(3);
        expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
        expect(limiter.running).toBe(0);
    });

    it("releases its slot when a task fails", async () => {
        const limiter = new Limiter(1);
        await expect(limiter.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
        await expect(limiter.run(async () => "ok")).resolves.toBe("ok");
    });
});

describe("user-supplied values in error messages", () => {
    const huge = "x".repeat(70_000);

    it("are shown whole up to 80 characters, else cut with an ellipsis and their length", () => {
        expect(shownText("a".repeat(80))).toBe("a".repeat(80));
        expect(shownText("a".repeat(81))).toBe(`${"a".repeat(80)}… (81 characters)`);
        expect(shownText(huge, 10)).toBe("xxxxxxxxxx… (70000 characters)");
        // A cut never splits an emoji's surrogate pair.
        expect(shownText(`${"a".repeat(79)}😀`)).toBe(`${"a".repeat(79)}… (81 characters)`);
    });

    it("an id of 70 kB gives a message of a few hundred characters that still says what was wrong", () => {
        for (const fail of [() => requireGroupId(huge, "groupId"), () => requireFileUuid(huge, "files[0]")]) {
            let message = "";
            try {
                fail();
            } catch (error) {
                message = (error as Error).message;
            }
            expect(message).toContain(`got the string "${"x".repeat(80)}… (70000 characters)"`);
            expect(message.length).toBeLessThan(400);
        }
        expect(describeValue({ key: huge })).toMatch(/^object \{"key":"x{72}… \(70010 characters\)$/);
    });

    it("ids and URLs repeated by error classes are capped too", () => {
        const unproven = new UploadcareProjectUnprovenError(`group ${huge}`, "pk", "pk", "https://api", "why");
        expect(unproven.message.length).toBeLessThan(600);
        expect(unproven.message).toContain("… (70006 characters), which belongs to project pk");
        const fromUrl = new UploadcareFromUrlError(`https://example.com/${huge}`, "refused", undefined, false);
        expect(fromUrl.message).toMatch(
            /^Uploadcare could not upload from https:\/\/example\.com\/x+… \(70020 characters\): refused$/,
        );
        expect(fromUrl.message.length).toBeLessThan(300);
    });
});
