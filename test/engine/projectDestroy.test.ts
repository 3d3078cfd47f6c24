import { describe, expect, it } from "vitest";
import { createProjectApiClient, listProjects } from "../../src/client";
import { useEngineStack } from "../support/engineFixture";

// A project with signed uploads and one key: Uploadcare refuses to delete a project's last key while signed uploads
// are on, so destroy would stop at the key. Given the Project itself, the key is deleted with it (deletedWith): the
// project's soft delete stops every key.
const TOKEN = "engine-account-token-destroy-0001";

describe("destroying a project with signed uploads and its only key", () => {
    const stack = useEngineStack({
        project: {
            inline: "uploadcare-project-destroy",
            program: `const { Project, ProjectSecret } = require("pulumi-uploadcare");
const locked = new Project("locked", { name: "acme-locked", signedUploads: true });
const key = new ProjectSecret("locked-key", { project: locked });
exports.pubKey = locked.pubKey;
exports.hint = key.hint;
`,
        },
        emulator: { projectApiToken: TOKEN },
        env: {
            UPLOADCARE_PROJECT_API_TOKEN: TOKEN,
            get UPLOADCARE_PROJECT_API_BASE_URL() {
                return `${stack.emulator.url}/`;
            },
        },
    });
    const projects = async () => {
        const api = createProjectApiClient({ token: TOKEN, baseUrl: `${stack.emulator.url}/` });
        const names: string[] = [];
        for await (const p of listProjects(api)) names.push(p.name);
        return names;
    };

    it("up creates both; destroy soft-deletes the project without deleting its last key first", async () => {
        await stack.ws.up();
        expect(await projects()).toContain("acme-locked");
        const { pubKey } = await stack.ws.outputs();
        stack.emulator.clearRequests();
        await stack.ws.destroy();
        const calls = stack.calls();
        expect(calls).toContain(`DELETE /projects/${pubKey}/`);
        expect(calls.filter((c) => c.includes("/secrets/") && c.startsWith("DELETE"))).toEqual([]);
        expect(await projects()).not.toContain("acme-locked");
        expect(await stack.ws.resources("pulumi-nodejs:dynamic/uploadcare:ProjectSecret")).toEqual([]);
    });
});
