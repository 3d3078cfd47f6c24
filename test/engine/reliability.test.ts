import { describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";

// Never lose a resource from state, through the real CLI: with a wrong base URL, refresh and destroy fail and
// leave the state as it was; once the setting is fixed, destroy removes the group. Settings come from the
// UPLOADCARE_* environment (read on every run), as a pipeline sets them.
describe("a wrong endpoint never drops a group from state", () => {
    let files: string[];
    const stack = useEngineStack({
        project: { example: "basic" },
        before: ({ emulator }) => {
            files = emulator.createFiles(2, { stored: true });
        },
        config: () => ({ files }),
    });
    const wrongPath = () => ({ UPLOADCARE_API_BASE_URL: `${stack.emulator.url}/v0.7` });
    const resourceIds = async () => (await stack.ws.resources()).map((r) => r.id);

    it("refresh with a wrong apiBaseUrl path fails, names the group and the project, and keeps the state", async () => {
        await stack.ws.up();
        const [group] = stack.emulator.groups();
        const before = await resourceIds();
        expect(before).toEqual([group?.id]);
        const refresh = await stack.ws.run(["refresh", "--yes", "--skip-preview"], {
            env: wrongPath(),
            allowFailure: true,
        });
        expect(refresh.code).not.toBe(0);
        const output = refresh.stdout + refresh.stderr;
        expect(output).toContain(group?.id);
        expect(output).toContain(stack.emulator.publicKey);
        expect(output).toContain("Nothing was removed from the state");
        expect(output).not.toContain(stack.emulator.secretKey);
        expect(await resourceIds()).toEqual(before);
    });

    it("destroy with the wrong path fails and the group still exists; with the setting fixed it is removed", async () => {
        const [group] = stack.emulator.groups();
        const destroy = await stack.ws.run(["destroy", "--yes", "--skip-preview"], {
            env: wrongPath(),
            allowFailure: true,
        });
        expect(destroy.code).not.toBe(0);
        expect(stack.emulator.groups().map((g) => g.id)).toEqual([group?.id]);
        expect(await resourceIds()).toEqual([group?.id]);

        stack.emulator.clearRequests();
        await stack.ws.destroy();
        expect(stack.emulator.groups()).toEqual([]);
        expect(await resourceIds()).toEqual([]);
        expect(stack.calls({ status: true })).toEqual([`DELETE /groups/${group?.id}/ 204`]);
    });

    it("up with a wrong secret key fails naming the setting, and sends no POST /group/", async () => {
        stack.emulator.clearRequests();
        const up = await stack.ws.run(["up", "--yes", "--skip-preview"], {
            env: { UPLOADCARE_SECRET_KEY: "not-the-secret-key" },
            allowFailure: true,
        });
        expect(up.code).not.toBe(0);
        expect(up.stdout + up.stderr).toContain("uploadcare:secretKey");
        expect(stack.calls()).toEqual(["GET /project/"]);
        expect(stack.emulator.groups()).toEqual([]);
        expect(await resourceIds()).toEqual([]);
    });
});
