/**
 * File after a partial create (uploaded, not stored) and after a delete outside Pulumi: the next `up` stores the
 * same file instead of replacing it, and an update of a deleted file says to refresh.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FileOutputs } from "../../src/provider/file/outputs";
import { createFileProvider, type FileProvider } from "../../src/provider/file/provider";
import type { ResourceInitError } from "../../src/provider/runtime/initError";
import { failure } from "../support/failure";
import { emulatorConfig, type Harness, startHarness } from "../support/providerHarness";

const text = (value: string) => ({
    "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17",
    text: value,
});
const STORE = /^\/files\/[^/]+\/storage\/$/;

describe("File recovery against the emulator", () => {
    let h: Harness;
    let provider: FileProvider;
    let origin: Server;
    let originUrl: string;
    beforeAll(async () => {
        h = await startHarness();
        provider = createFileProvider({ env: {}, sleep: async () => {}, random: () => 0.5 });
        await provider.configure({ config: emulatorConfig(h.emulator) });
        origin = createServer((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("by url"));
        await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
        originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
        origin.close();
        await h.close();
    });
    beforeEach(() => h.reset());

    async function checked(news: Record<string, unknown>) {
        const { inputs, failures } = await provider.check({}, news);
        expect(failures ?? []).toEqual([]);
        return inputs;
    }

    it.each([
        ["source", () => ({ source: text("stored on the next up") })],
        ["sourceUrl", () => ({ sourceUrl: `${originUrl}/docs/readme.txt` })],
    ])("uploaded but not stored (%s): the next up is an update that stores it, not a replace", async (_kind, news) => {
        const inputs = await checked({ ...news(), metadata: { a: "1" } });
        h.emulator.injectFaults([{ method: "PUT", path: STORE, action: "status", status: 500, times: Infinity }]);
        const error = (await failure(provider.create(inputs))) as ResourceInitError<FileOutputs>;
        expect(error.code).toBe("UPLOADCARE_PARTIAL_CREATE");
        const { id, properties: partial } = error;
        expect(h.emulator.files().find((f) => f.uuid === id)?.datetimeStored).toBeNull();

        // The next `up`: same inputs. The diff must not replace (a replace would upload the file again).
        const diff = await provider.diff(id, partial as unknown as Record<string, unknown>, inputs);
        expect(diff.replaces ?? []).toEqual([]);
        h.reset();
        const { outs } = await provider.update(id, partial as unknown as Record<string, unknown>, inputs);
        expect(h.calls()).toEqual([`PUT /files/${id}/storage/`]);
        expect(outs).toMatchObject({ uuid: id, metadata: { a: "1" }, datetimeStored: expect.any(String) });
        const after = await provider.diff(id, outs as Record<string, unknown>, inputs);
        expect(after).toEqual({ changes: false });
    });

    it("an update of a file deleted outside Pulumi says to refresh, once the project is proven", async () => {
        const inputs = await checked({ source: text("deleted out of band"), metadata: { a: "1" } });
        const { id, outs } = await provider.create(inputs);
        h.emulator.removeFileOutOfBand(id);
        const news = await checked({ source: text("deleted out of band"), metadata: { a: "2" } });
        const error = await failure(provider.update(id, outs as Record<string, unknown>, news));
        expect(error.code).toBe("UPLOADCARE_GONE");
        expect(error.message).toBe(
            `Uploadcare file ${id} no longer exists in project ${h.emulator.publicKey}. Run \`pulumi refresh\` to drop ` +
                "it from the state, then `pulumi up` to create it again.",
        );
        // Another project's state: the 404 proves nothing, and says which settings to check.
        const foreign = { ...(outs as Record<string, unknown>), project: "someone-elses-key" };
        expect((await failure(provider.update(id, foreign, news))).code).toBe("UPLOADCARE_PROJECT_UNPROVEN");
    });

    it("an update that only stores a file that is gone (404 on storage) says to refresh too", async () => {
        const inputs = await checked({ source: text("never stored"), store: false });
        const { id, outs } = await provider.create(inputs);
        h.emulator.removeFileOutOfBand(id);
        const news = await checked({ source: text("never stored"), store: true });
        const error = await failure(provider.update(id, outs as Record<string, unknown>, news));
        expect(error.code).toBe("UPLOADCARE_GONE");
        expect(error.message).toContain("Run `pulumi refresh`");
    });
});
