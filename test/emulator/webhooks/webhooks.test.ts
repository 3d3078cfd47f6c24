import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../src/emulator/index";
import { emulatorFixtures, MICRO_ISO } from "../../support/emulatorFixtures";

const { emulator, rest, stop, tempDir } = emulatorFixtures("uc-emulator-webhooks-");

const json = (value: unknown) => ({ body: JSON.stringify(value) });

async function subscribe(emu: Emulator, fields: Record<string, unknown>) {
    const res = await rest(emu, "POST", "/webhooks/", json(fields));
    expect(res.status).toBe(201);
    return res.json() as { id: number; target_url: string; event: string };
}

describe("REST /webhooks/", () => {
    // The real clock: signed requests carry today's date.
    const shared = { emu: undefined as unknown as Emulator };
    beforeAll(async () => {
        shared.emu = await emulator({ extraProjects: [{ publicKey: "pk-other", secretKey: "sk-other" }] });
    });

    it("creates (201) with the documented object, lists it as a plain array, and defaults is_active", async () => {
        const { emu } = shared;
        const res = await rest(emu, "POST", "/webhooks/", {
            ...json({ target_url: "https://example.com/hook", event: "file.uploaded", signing_secret: "s3cr3t" }),
        });
        expect(res.status).toBe(201);
        const created = res.json();
        expect(Object.keys(created).sort()).toEqual(
            [
                "created",
                "event",
                "id",
                "is_active",
                "project",
                "signing_secret",
                "target_url",
                "updated",
                "version",
            ].sort(),
        );
        expect(created).toMatchObject({
            event: "file.uploaded",
            is_active: true,
            signing_secret: "s3cr3t",
            version: "0.7",
        });
        expect(created.created).toMatch(MICRO_ISO);
        expect(Number.isInteger(created.project)).toBe(true);
        const list = await rest(emu, "GET", "/webhooks/");
        expect(list.status).toBe(200);
        expect(list.headers.allow).toBe("GET, HEAD, OPTIONS, POST");
        expect(list.json()).toEqual([created]);
    });

    it("takes a form-urlencoded body too (as pyuploadcare sends it)", async () => {
        const body = new URLSearchParams({
            target_url: "https://example.com/form",
            event: "file.stored",
            is_active: "false",
        });
        const res = await rest(shared.emu, "POST", "/webhooks/", {
            body: body.toString(),
            contentType: "application/x-www-form-urlencoded",
        });
        expect(res.status).toBe(201);
        expect(res.json()).toMatchObject({
            target_url: "https://example.com/form",
            event: "file.stored",
            is_active: false,
        });
    });

    it("refuses a duplicate (project, URL, event) with the recorded non_field_errors body", async () => {
        await subscribe(shared.emu, { target_url: "https://example.com/dup", event: "file.uploaded" });
        const res = await rest(
            shared.emu,
            "POST",
            "/webhooks/",
            json({ target_url: "https://example.com/dup", event: "file.uploaded" }),
        );
        expect(res.status).toBe(400);
        expect(res.json()).toEqual({ non_field_errors: ["This project is already subscribed on this event"] });
        // The same URL for another event is a separate subscription.
        await subscribe(shared.emu, { target_url: "https://example.com/dup", event: "file.deleted" });
    });

    it("answers the documented and field-keyed 400s for bad bodies", async () => {
        const post = (body: string) => rest(shared.emu, "POST", "/webhooks/", { body });
        const missing = await post(JSON.stringify({ event: "file.uploaded" }));
        expect([missing.status, missing.json()]).toEqual([400, { detail: "`target_url` is missing." }]);
        const badEvent = await post(JSON.stringify({ target_url: "https://example.com/e", event: "file.renamed" }));
        expect([badEvent.status, badEvent.json()]).toEqual([400, { event: ['"file.renamed" is not a valid choice.'] }]);
        const noEvent = await post(JSON.stringify({ target_url: "https://example.com/e" }));
        expect(noEvent.json()).toEqual({ event: ["This field is required."] });
        const badUrl = await post(JSON.stringify({ target_url: "not a url", event: "file.uploaded" }));
        expect(badUrl.json()).toEqual({ target_url: ["Enter a valid URL."] });
        const long = await post(
            JSON.stringify({ target_url: `https://e.com/${"a".repeat(250)}`, event: "file.uploaded" }),
        );
        expect(long.json()).toEqual({ target_url: ["Ensure this field has no more than 255 characters."] });
        const secret = await post(
            JSON.stringify({
                target_url: "https://example.com/s",
                event: "file.uploaded",
                signing_secret: "x".repeat(33),
            }),
        );
        expect(secret.json()).toEqual({ signing_secret: ["Ensure this field has no more than 32 characters."] });
        const active = await post(
            JSON.stringify({ target_url: "https://example.com/a", event: "file.uploaded", is_active: "maybe" }),
        );
        expect(active.json()).toEqual({ is_active: ["Must be a valid boolean."] });
        const version = await post(
            JSON.stringify({ target_url: "https://example.com/v", event: "file.uploaded", version: "0.5" }),
        );
        expect(version.json()).toEqual({ version: ['"0.5" is not a valid choice.'] });
        expect((await post("[1]")).json()).toEqual({ detail: "Expected JSON object." });
        expect((await post("{")).json().detail).toMatch(/^JSON parse error - /);
    });

    it("PUT /webhooks/:id/ changes fields (200), refuses a duplicate, and 404s unknown ids", async () => {
        const hook = await subscribe(shared.emu, { target_url: "https://example.com/put", event: "file.uploaded" });
        const res = await rest(
            shared.emu,
            "PUT",
            `/webhooks/${hook.id}/`,
            json({ is_active: false, signing_secret: "n" }),
        );
        expect(res.status).toBe(200);
        expect(res.headers.allow).toBe("DELETE, GET, HEAD, OPTIONS, PUT");
        expect(res.json()).toMatchObject({
            id: hook.id,
            is_active: false,
            signing_secret: "n",
            event: "file.uploaded",
        });
        await subscribe(shared.emu, { target_url: "https://example.com/put", event: "file.stored" });
        const clash = await rest(shared.emu, "PUT", `/webhooks/${hook.id}/`, json({ event: "file.stored" }));
        expect([clash.status, clash.json()]).toEqual([
            400,
            { non_field_errors: ["This project is already subscribed on this event"] },
        ]);
        for (const id of ["999999", "abc"]) {
            const missing = await rest(shared.emu, "PUT", `/webhooks/${id}/`, json({ is_active: true }));
            expect([missing.status, missing.json()]).toEqual([404, { detail: "Not found." }]);
        }
        expect((await rest(shared.emu, "GET", `/webhooks/${hook.id}/`)).json()).toMatchObject({ id: hook.id });
    });

    it("DELETE /webhooks/:id/ deletes exactly that subscription (204, empty body); again is 404", async () => {
        const a = await subscribe(shared.emu, { target_url: "https://example.com/del", event: "file.uploaded" });
        const b = await subscribe(shared.emu, { target_url: "https://example.com/del", event: "file.stored" });
        const res = await rest(shared.emu, "DELETE", `/webhooks/${a.id}/`);
        expect([res.status, res.text]).toEqual([204, ""]);
        const ids = shared.emu.webhooks().map((h) => h.id);
        expect(ids).not.toContain(a.id);
        expect(ids).toContain(b.id);
        expect((await rest(shared.emu, "DELETE", `/webhooks/${a.id}/`)).status).toBe(404);
    });

    it("DELETE /webhooks/unsubscribe/ removes every subscription of the URL; 400 without it, 404 when none", async () => {
        await subscribe(shared.emu, { target_url: "https://example.com/unsub", event: "file.uploaded" });
        await subscribe(shared.emu, { target_url: "https://example.com/unsub", event: "file.deleted" });
        const res = await rest(
            shared.emu,
            "DELETE",
            "/webhooks/unsubscribe/",
            json({ target_url: "https://example.com/unsub" }),
        );
        expect([res.status, res.headers.allow]).toEqual([204, "DELETE, OPTIONS"]);
        expect(shared.emu.webhooks().filter((h) => h.targetUrl === "https://example.com/unsub")).toEqual([]);
        const again = await rest(
            shared.emu,
            "DELETE",
            "/webhooks/unsubscribe/",
            json({ target_url: "https://example.com/unsub" }),
        );
        expect(again.status).toBe(404);
        const missing = await rest(shared.emu, "DELETE", "/webhooks/unsubscribe/", json({}));
        expect([missing.status, missing.json()]).toEqual([400, { detail: "`target_url` is missing." }]);
    });

    it("keeps each project's webhooks apart", async () => {
        const other = { publicKey: "pk-other", secret: "sk-other" };
        const res = await rest(shared.emu, "POST", "/webhooks/", {
            ...other,
            ...json({ target_url: "https://example.com/other", event: "file.uploaded" }),
        });
        expect(res.status).toBe(201);
        const { id } = res.json();
        expect((await rest(shared.emu, "PUT", `/webhooks/${id}/`, json({ is_active: false }))).status).toBe(404);
        expect((await rest(shared.emu, "DELETE", `/webhooks/${id}/`)).status).toBe(404);
        expect(shared.emu.webhooks().map((h) => h.targetUrl)).not.toContain("https://example.com/other");
        expect(shared.emu.webhooks("pk-other").map((h) => h.id)).toEqual([id]);
    });
});

describe("webhooks in the state file and the admin API", () => {
    it("survive a restart with their ids, and new ids never reuse old ones", async () => {
        const statePath = join(tempDir(), "state.json");
        const first = await emulator({ statePath });
        const a = await subscribe(first, {
            target_url: "https://example.com/keep",
            event: "file.uploaded",
            signing_secret: "k",
        });
        const b = await subscribe(first, { target_url: "https://example.com/gone", event: "file.uploaded" });
        await rest(first, "DELETE", `/webhooks/${b.id}/`);
        await stop(first);
        const second = await emulator({ statePath });
        expect(second.webhooks()).toMatchObject([
            { id: a.id, targetUrl: "https://example.com/keep", signingSecret: "k" },
        ]);
        const c = await subscribe(second, { target_url: "https://example.com/new", event: "file.uploaded" });
        expect(c.id).toBeGreaterThan(b.id);
    });

    it("lists webhooks without their signing secrets and deletes one out of band", async () => {
        const emu = await emulator();
        const hook = await subscribe(emu, {
            target_url: "https://example.com/admin",
            event: "file.uploaded",
            signing_secret: "hidden-secret",
        });
        const listed = await fetch(`${emu.url}/__emulator/webhooks`);
        const text = await listed.text();
        expect(text).not.toContain("hidden-secret");
        expect(JSON.parse(text)[emu.publicKey]).toMatchObject([{ id: hook.id, signingSecret: "[set]" }]);
        expect((await fetch(`${emu.url}/__emulator/webhooks/${hook.id}`, { method: "DELETE" })).status).toBe(204);
        expect((await fetch(`${emu.url}/__emulator/webhooks/${hook.id}`, { method: "DELETE" })).status).toBe(404);
        expect(emu.webhooks()).toEqual([]);
    });
});
