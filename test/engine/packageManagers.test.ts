import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EngineStack, useEngineStack } from "../support/engineFixture";
import {
    configureProject,
    type PackageManager,
    packThisPackage,
    pulumiInstall,
    runManager,
    setDependency,
} from "../support/packageManagers";

// examples/basic as a user of each package manager has it (issue #14): a plain copy of the example with
// `packagemanager: <manager>` in Pulumi.yaml, its dependencies installed by `pulumi install` (our language
// host runs that manager), this checkout from an `npm pack` tarball, then up and destroy against the emulator.

let tarball = "";
beforeAll(() => {
    tarball = packThisPackage();
});
afterAll(() => fs.rmSync(path.dirname(tarball), { recursive: true, force: true }));

const BY_NAME = 'require("pulumi-uploadcare/provider")';

/** What each manager leaves behind: its lockfile, and how node_modules/pulumi-uploadcare is laid out. */
const LAYOUT: Record<PackageManager, { lockfile: string; linked: boolean }> = {
    npm: { lockfile: "package-lock.json", linked: false },
    pnpm: { lockfile: "pnpm-lock.yaml", linked: true },
    yarn: { lockfile: "yarn.lock", linked: false },
};

function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
    const start = Date.now();
    return run().finally(() => console.log(`${label}: ${((Date.now() - start) / 1000).toFixed(1)} s`));
}

async function providerText(stack: EngineStack): Promise<string> {
    const [group] = await stack.ws.resources();
    return String(group?.outputs?.__provider ?? "");
}

describe.each(["npm", "pnpm", "yarn"] as const)("examples/basic installed with %s", (manager) => {
    let files: string[];
    let installOutput = "";

    const stack = useEngineStack({
        project: { copy: "examples/basic" },
        before: async ({ emulator, project, ws }) => {
            files = emulator.createFiles(2, { stored: false });
            configureProject(project, manager, tarball);
            installOutput = await timed(`${manager}: pulumi install`, () => pulumiInstall(ws));
        },
        config: () => ({ files }),
    });

    it(`pulumi install ran ${manager} and laid out node_modules its way`, () => {
        expect(installOutput).toContain(`Installing dependencies (${manager} install`);
        const { lockfile, linked } = LAYOUT[manager];
        expect(fs.existsSync(path.join(stack.project, lockfile))).toBe(true);
        const installed = path.join(stack.project, "node_modules", "pulumi-uploadcare");
        expect(fs.lstatSync(installed).isSymbolicLink()).toBe(linked);
        const real = fs.realpathSync(installed);
        expect(real.includes(`${path.sep}.pnpm${path.sep}`)).toBe(manager === "pnpm");
        const manifest = JSON.parse(fs.readFileSync(path.join(real, "package.json"), "utf8")) as { name: string };
        expect(manifest.name).toBe("pulumi-uploadcare");
    });

    it("up creates the group; __provider is the short by-name require", async () => {
        stack.emulator.clearRequests();
        await timed(`${manager}: up`, () => stack.ws.up());
        const groups = stack.emulator.groups();
        expect(groups).toHaveLength(1);
        expect(groups[0]?.files.map((m) => m.uuid)).toEqual(files);
        expect(stack.calls()).toEqual(["GET /project/", "GET /groups/", "POST /group/", "PUT /files/storage/"]);
        expect((await stack.ws.outputs()).groupId).toBe(groups[0]?.id);
        const provider = await providerText(stack);
        expect(provider).toContain(BY_NAME);
        expect(provider).not.toMatch(/\.pnpm|node_modules|pulumi-uploadcare@/);
        expect(Buffer.byteLength(provider)).toBeLessThan(1024);
    });

    if (manager === "pnpm") {
        it("after a reinstall from another tarball (a new .pnpm path), a no-op up and refresh still work", async () => {
            const before = fs.realpathSync(path.join(stack.project, "node_modules", "pulumi-uploadcare"));
            const moved = path.join(path.dirname(tarball), "pulumi-uploadcare-reinstalled.tgz");
            fs.copyFileSync(tarball, moved);
            setDependency(stack.project, moved);
            fs.rmSync(path.join(stack.project, "node_modules"), { recursive: true, force: true });
            fs.rmSync(path.join(stack.project, "pnpm-lock.yaml"), { force: true });
            runManager(stack.ws, "pnpm", ["install"]);
            const after = fs.realpathSync(path.join(stack.project, "node_modules", "pulumi-uploadcare"));
            expect(after).not.toBe(before);
            expect(fs.existsSync(before)).toBe(false);
            await stack.ws.refresh(["--expect-no-changes"]);
            await stack.ws.up(["--expect-no-changes"]);
            expect(await providerText(stack)).toContain(BY_NAME);
        });
    }

    it("destroy deletes the group with one DELETE and empties the stack", async () => {
        const [group] = stack.emulator.groups();
        stack.emulator.clearRequests();
        await timed(`${manager}: destroy`, () => stack.ws.destroy());
        expect(stack.emulator.groups()).toEqual([]);
        expect(stack.calls()).toEqual([`DELETE /groups/${group?.id}/`]);
        expect(await stack.ws.resources()).toEqual([]);
    });
});
