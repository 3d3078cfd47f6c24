import { describe, expect, it } from "vitest";
import type { GroupOutputs } from "../../src/provider/group/outputs";
import {
    compactGroupInputs,
    compactGroupOutputs,
    groupFilesCount,
    groupRestUrl,
} from "../../src/provider/group/stateEntry";

const ID = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~2";
const API = { apiBaseUrl: "https://api.uploadcare.com", embeddedEmulator: false };
const outs = (overrides: Partial<GroupOutputs> = {}): GroupOutputs => ({
    files: ["a", "b"],
    storeFiles: true,
    filesCount: 2,
    cdnUrl: `https://1s4oyld5dc.ucarecd.net/${ID}/`,
    url: `https://api.uploadcare.com/groups/${ID}/`,
    datetimeCreated: "2026-11-29T20:09:29.962000Z",
    removedFiles: [],
    project: "demopublickey",
    ...overrides,
});

describe("a Group's compact state entry", () => {
    it("rebuilds filesCount from the id and url from the base URL (with or without a trailing slash)", () => {
        expect(groupFilesCount(ID)).toBe(2);
        expect(groupFilesCount("3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~1000")).toBe(1000);
        expect(groupRestUrl("https://api.uploadcare.com/", ID)).toBe(`https://api.uploadcare.com/groups/${ID}/`);
        expect(groupRestUrl("http://127.0.0.1:8080", ID)).toBe(`http://127.0.0.1:8080/groups/${ID}/`);
    });

    it("leaves out filesCount, url and storeFiles: true, and keeps everything else", () => {
        const { filesCount: _c, url: _u, storeFiles: _s, ...kept } = outs();
        expect(compactGroupOutputs(outs(), ID, API)).toEqual(kept);
    });

    it("stores what the rules would not give back: storeFiles: false, another URL, an embedded emulator's URL", () => {
        expect(compactGroupOutputs(outs({ storeFiles: false }), ID, API).storeFiles).toBe(false);
        const proxied = { apiBaseUrl: "https://proxy.example.com/uploadcare", embeddedEmulator: false };
        expect(compactGroupOutputs(outs(), ID, proxied).url).toBe(`https://api.uploadcare.com/groups/${ID}/`);
        const embedded = { apiBaseUrl: "https://api.uploadcare.com", embeddedEmulator: true };
        expect(compactGroupOutputs(outs(), ID, embedded).url).toBe(`https://api.uploadcare.com/groups/${ID}/`);
        expect(compactGroupOutputs(outs({ filesCount: 3 }), ID, API).filesCount).toBe(3);
    });

    it("keeps the fields an entry written before already has, so refreshing an old stack changes nothing", () => {
        const previous = { ...outs(), __provider: "old code" };
        expect(compactGroupOutputs(outs(), ID, API, previous)).toEqual(outs());
    });

    it("leaves the default storeFiles out of the inputs, and keeps false", () => {
        expect(compactGroupInputs({ files: ["a"], storeFiles: true })).toEqual({ files: ["a"] });
        expect(compactGroupInputs({ files: ["a"], storeFiles: false })).toEqual({ files: ["a"], storeFiles: false });
        expect(compactGroupInputs({ groupId: ID })).toEqual({ groupId: ID });
    });
});
