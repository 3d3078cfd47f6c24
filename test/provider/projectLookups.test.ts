import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, createProjectApiClient } from "../../src/client";
import { type Emulator, startEmulator } from "../../src/emulator";
import { createProjectApiLookups } from "../../src/provider/lookups";
import { stackConfig } from "../support/providerHarness";

const TOKEN = "account-token-lookups-1234";
let emulator: Emulator;
const lookups = (token = TOKEN) =>
    createProjectApiLookups({
        env: {},
        config: stackConfig({
            "uploadcare:projectApiToken": token,
            "uploadcare:projectApiBaseUrl": `${emulator.url}/`,
        }),
    });

beforeAll(async () => {
    emulator = await startEmulator({ quiet: true, projectApiToken: TOKEN });
});
afterAll(() => emulator.close());

describe("Project API lookups", () => {
    it("getProjects lists every project with its settings and CDN base", async () => {
        const made = await createProject(createProjectApiClient({ token: TOKEN, baseUrl: `${emulator.url}/` }), {
            name: "listed",
            features: { uploads: { autostore: false } },
        });
        const projects = await lookups().getProjects();
        expect(projects.find((p) => p.pubKey === made.pub_key)).toMatchObject({
            name: "listed",
            autostore: false,
            cdnBaseUrl: expect.stringMatching(/\.ucarecd\.net$/),
        });
    });

    it("getProjectUsage answers days, and refuses more than 90 days before any request", async () => {
        const [first] = await lookups().getProjects();
        const pubKey = String(first?.pubKey);
        const usage = await lookups().getProjectUsage({ pubKey, from: "2026-01-01", to: "2026-01-03" });
        expect(usage).toMatchObject({ pubKey, from: "2026-01-01", to: "2026-01-03" });
        expect(Array.isArray(usage.days)).toBe(true);
        emulator.requests.length = 0;
        await expect(lookups().getProjectUsage({ pubKey, from: "2026-01-01", to: "2026-06-01" })).rejects.toMatchObject(
            {
                code: "UPLOADCARE_INPUT",
            },
        );
        expect(emulator.requests).toEqual([]);
    });

    it("a missing token names both ways to set it", async () => {
        const bare = createProjectApiLookups({ env: {}, config: stackConfig({}) });
        await expect(bare.getProjects()).rejects.toThrow(/uploadcare:projectApiToken.*UPLOADCARE_PROJECT_API_TOKEN/);
    });
});
