import { FormData } from "undici";
import { describe, expect, it } from "vitest";
import { cdnHeaders } from "../../../src/emulator/cdn/serve";
import { emulatorFixtures } from "../../support/emulatorFixtures";

const { sharedEmulator, send } = emulatorFixtures("uc-emulator-cdn-");

describe("the emulator CDN never serves uploads as active pages of its own origin", () => {
    const shared = sharedEmulator();

    async function upload(name: string, type: string, data: string): Promise<string> {
        const form = new FormData();
        form.append("UPLOADCARE_PUB_KEY", shared.emu.publicKey);
        form.append("file", new Blob([data], { type }), name);
        const res = await send(`${shared.emu.url}/base/`, { method: "POST", body: form });
        expect(res.status).toBe(200);
        return res.json().file;
    }

    it("an uploaded HTML page comes as a sandboxed, unsniffed download", async () => {
        const uuid = await upload("page.html", "text/html", "<script>fetch('/__emulator/state')</script>");
        for (const path of [`/${uuid}/`, `/${uuid}/page.html`]) {
            const res = await send(`${shared.emu.url}${path}`);
            expect(res.status).toBe(200);
            expect(res.headers["x-content-type-options"]).toBe("nosniff");
            expect(res.headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
            expect(res.headers["content-disposition"]).toBe('attachment; filename="page.html"');
        }
    });

    it("SVG and XML are downloads too; plain text and images are shown, still sandboxed and unsniffed", async () => {
        const svg = await upload("logo.svg", "image/svg+xml", "<svg xmlns='http://www.w3.org/2000/svg'/>");
        expect((await send(`${shared.emu.url}/${svg}/`)).headers["content-disposition"]).toMatch(/^attachment;/);
        const text = await upload("notes.txt", "text/plain", "<html>not a page</html>");
        const res = await send(`${shared.emu.url}/${text}/`);
        expect(res.headers["content-disposition"]).toBeUndefined();
        expect(res.headers["x-content-type-options"]).toBe("nosniff");
        expect(res.headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
    });

    it("tells active types from others", () => {
        for (const type of [
            "text/html",
            "TEXT/HTML; charset=utf-8",
            "application/xhtml+xml",
            "image/svg+xml",
            "text/xml",
            "application/xml",
            "application/rss+xml",
        ]) {
            expect(cdnHeaders(type, "a b.html")["Content-Disposition"], type).toBe('attachment; filename="a_b.html"');
        }
        for (const type of ["text/plain", "image/png", "application/json", "application/octet-stream"]) {
            expect(cdnHeaders(type, "x")["Content-Disposition"], type).toBeUndefined();
        }
    });
});
