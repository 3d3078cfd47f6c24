import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
    deleteFile,
    deleteFileMetadata,
    getFileMetadata,
    listFiles,
    setFileMetadata,
    storeFile,
    type UploadcareClient,
    UploadcareNotFoundError,
    UploadcareValidationError,
} from "../../src/client";
import { type Emulator, startEmulator } from "../../src/emulator";
import { clientFor } from "../support/emulatorFixtures";
import { failure } from "../support/failure";

const MISSING = "00000000-0000-4000-8000-000000000000";

describe("REST file endpoints", () => {
    let emulator: Emulator;
    let client: UploadcareClient;

    beforeAll(async () => {
        emulator = await startEmulator({ quiet: true });
        client = clientFor(emulator);
    });
    afterAll(() => emulator.close());

    it("refuses a malformed UUID or metadata key before sending anything", async () => {
        emulator.clearRequests();
        const calls = [
            () => storeFile(client, "../groups"),
            () => deleteFile(client, "not-a-uuid"),
            () => getFileMetadata(client, ""),
            () => setFileMetadata(client, MISSING, "a/b", "v"),
            () => setFileMetadata(client, MISSING, "k", 42 as unknown as string),
            () => deleteFileMetadata(client, MISSING, "x".repeat(65)),
        ];
        for (const call of calls) expect((await failure(call)).code).toBe("UPLOADCARE_INPUT");
        expect(emulator.requests).toEqual([]);
    });

    it("storeFile stores; deleteFile removes, then answers not-found for an unknown file", async () => {
        const [uuid = ""] = emulator.createFiles(1, { stored: false });
        const stored = await storeFile(client, uuid.toUpperCase());
        expect(stored.uuid).toBe(uuid);
        expect(stored.datetime_stored).not.toBeNull();
        const removed = await deleteFile(client, uuid);
        expect(removed).toMatchObject({ uuid, datetime_stored: null });
        expect(removed !== "not-found" && removed.datetime_removed).toBeTruthy();
        expect(await deleteFile(client, MISSING)).toBe("not-found");
        expect(await failure(storeFile(client, MISSING))).toBeInstanceOf(UploadcareNotFoundError);
    });

    it("sets (created, then updated), reads and deletes metadata; Uploadcare's reason for a bad value", async () => {
        const [uuid = ""] = emulator.createFiles(1);
        expect(await setFileMetadata(client, uuid, "owner", "ci")).toBe("created");
        expect(await setFileMetadata(client, uuid, "owner", "cd")).toBe("updated");
        expect(await setFileMetadata(client, uuid, "env:name", "prod")).toBe("created");
        expect(await getFileMetadata(client, uuid)).toEqual({ owner: "cd", "env:name": "prod" });
        expect(await deleteFileMetadata(client, uuid, "owner")).toBe("deleted");
        expect(await deleteFileMetadata(client, uuid, "owner")).toBe("not-found");
        const tooLong = await failure(setFileMetadata(client, uuid, "k", "v".repeat(513)));
        expect(tooLong).toBeInstanceOf(UploadcareValidationError);
        expect(tooLong.message).toContain("can not be more than 512 symbols");
        expect(await failure(getFileMetadata(client, MISSING))).toBeInstanceOf(UploadcareNotFoundError);
    });

    it("listFiles follows next across pages with the filters kept", async () => {
        const stored = emulator.createFiles(3, { stored: true });
        emulator.createFiles(2, { stored: false });
        const seen: string[] = [];
        for await (const file of listFiles(client, { stored: true, limit: 2, ordering: "-datetime_uploaded" })) {
            seen.push(file.uuid);
        }
        expect(seen.slice(0, 3)).toEqual([...stored].reverse());
        expect(new Set(seen).size).toBe(seen.length);
        const pages = emulator.requests.filter((r) => r.path.startsWith("/files/?"));
        expect(pages.length).toBeGreaterThan(1);
        expect(pages.every((r) => r.path.includes("stored=true"))).toBe(true);
    });
});
