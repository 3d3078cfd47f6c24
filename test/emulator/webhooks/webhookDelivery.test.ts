import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FormData } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../src/emulator/index";
import { deliveryLine } from "../../../src/emulator/webhooks/delivery";
import { emulatorFixtures } from "../../support/emulatorFixtures";

const { emulator, rest, send } = emulatorFixtures("uc-emulator-delivery-");

interface Received {
    path: string;
    headers: IncomingHttpHeaders;
    body: string;
}

/** A receiver on 127.0.0.1 that records every request and answers 200. */
async function receiver(): Promise<{ url: string; got: Received[]; server: Server }> {
    const got: Received[] = [];
    const server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            got.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
            res.end();
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, got, server };
}

async function subscribe(emu: Emulator, fields: Record<string, unknown>) {
    const res = await rest(emu, "POST", "/webhooks/", { body: JSON.stringify(fields) });
    expect(res.status).toBe(201);
    return res.json() as { id: number };
}

async function upload(emu: Emulator, store: "0" | "1" = "0"): Promise<string> {
    const form = new FormData();
    form.append("UPLOADCARE_PUB_KEY", emu.publicKey);
    form.append("UPLOADCARE_STORE", store);
    form.append("file", new Blob(["hello"], { type: "text/plain" }), "hello.txt");
    const res = await send(`${emu.url}/base/`, { method: "POST", body: form });
    expect(res.status).toBe(200);
    return res.json().file;
}

describe("webhook delivery", () => {
    let emu: Emulator;
    let rx: Awaited<ReturnType<typeof receiver>>;
    beforeAll(async () => {
        emu = await emulator();
        rx = await receiver();
    });
    afterAll(() => new Promise<void>((resolve) => rx.server.close(() => resolve())));

    it("POSTs the documented payload of a file.uploaded, signed with the signing secret", async () => {
        const hook = await subscribe(emu, {
            target_url: `${rx.url}/signed`,
            event: "file.uploaded",
            signing_secret: "whsec",
        });
        const uuid = await upload(emu);
        await emu.flushWebhookDeliveries();
        const [got] = rx.got.filter((r) => r.path === "/signed");
        expect(got).toBeDefined();
        const body = got?.body ?? "";
        const expected = `v1=${createHmac("sha256", "whsec").update(body).digest("hex")}`;
        expect(got?.headers["x-uc-signature"]).toBe(expected);
        expect(got?.headers["content-type"]).toBe("application/json");
        const payload = JSON.parse(body);
        expect(Object.keys(payload).sort()).toEqual(["data", "file", "hook", "initiator"]);
        expect(payload.initiator).toEqual({
            type: "api",
            detail: { request_id: null, addon_name: null, source_file_uuid: null },
        });
        expect(payload.hook).toMatchObject({
            id: hook.id,
            project_pub_key: emu.publicKey,
            event: "file.uploaded",
            target: `${rx.url}/signed`,
            is_active: true,
            version: "0.7",
        });
        expect(payload.hook).not.toHaveProperty("signing_secret");
        expect(payload.data).toMatchObject({ uuid, original_filename: "hello.txt", url: `${emu.url}/files/${uuid}/` });
        expect(payload.file).toMatch(new RegExp(`/${uuid}/hello.txt$`));
        expect(emu.webhookDeliveries().at(-1)).toMatchObject({
            webhookId: hook.id,
            event: "file.uploaded",
            fileUuid: uuid,
            outcome: "delivered",
            status: 200,
            attempts: 1,
            signed: true,
        });
    });

    it("delivers stored and deleted events only to active subscriptions of that event, unsigned without a secret", async () => {
        rx.got.length = 0;
        await subscribe(emu, { target_url: `${rx.url}/stored`, event: "file.stored" });
        await subscribe(emu, { target_url: `${rx.url}/deleted`, event: "file.deleted" });
        await subscribe(emu, { target_url: `${rx.url}/inactive`, event: "file.stored", is_active: false });
        const uuid = await upload(emu);
        expect((await rest(emu, "PUT", `/files/${uuid}/storage/`)).status).toBe(200);
        expect((await rest(emu, "DELETE", `/files/${uuid}/storage/`)).status).toBe(200);
        await emu.flushWebhookDeliveries();
        const paths = rx.got.map((r) => r.path).sort();
        expect(paths).toEqual(["/deleted", "/signed", "/stored"]);
        const stored = rx.got.find((r) => r.path === "/stored");
        expect(stored?.headers["x-uc-signature"]).toBeUndefined();
        expect(JSON.parse(stored?.body ?? "{}").hook.event).toBe("file.stored");
    });

    it("retries a failing receiver a bounded number of times, and does not retry a 4xx", async () => {
        emu.clearWebhookDeliveries();
        const failing = createServer((req, res) => {
            res.statusCode = req.url === "/refuse" ? 410 : 503;
            res.end();
        });
        await new Promise<void>((resolve) => failing.listen(0, "127.0.0.1", resolve));
        const base = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`;
        const busy = await subscribe(emu, { target_url: `${base}/busy`, event: "file.uploaded" });
        const refusing = await subscribe(emu, { target_url: `${base}/refuse`, event: "file.uploaded" });
        await upload(emu);
        await emu.flushWebhookDeliveries();
        failing.close();
        const log = emu.webhookDeliveries();
        expect(log.find((d) => d.webhookId === busy.id)).toMatchObject({ outcome: "failed", status: 503, attempts: 3 });
        expect(log.find((d) => d.webhookId === refusing.id)).toMatchObject({
            outcome: "failed",
            status: 410,
            attempts: 1,
        });
        for (const hook of [busy, refusing]) await rest(emu, "DELETE", `/webhooks/${hook.id}/`);
    });

    it("never contacts a non-loopback target, and the log says so", async () => {
        emu.clearWebhookDeliveries();
        const hook = await subscribe(emu, { target_url: "https://example.com/hook", event: "file.uploaded" });
        await upload(emu);
        await emu.flushWebhookDeliveries();
        const entry = emu.webhookDeliveries().find((d) => d.webhookId === hook.id);
        expect(entry).toMatchObject({ outcome: "skipped", attempts: 0 });
        expect(deliveryLine(entry as NonNullable<typeof entry>)).toMatch(
            /webhook #\d+ file.uploaded [0-9a-f-]{36} -> https:\/\/example.com\/hook skipped \(not a loopback address: the emulator never contacts other hosts\)$/,
        );
        const admin = (await (await fetch(`${emu.url}/__emulator/webhook-deliveries`)).json()) as {
            webhookId: number;
        }[];
        expect(admin.find((d) => d.webhookId === hook.id)).toMatchObject({ outcome: "skipped" });
        expect(JSON.stringify(admin)).not.toContain("whsec");
    });
});
