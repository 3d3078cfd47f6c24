import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";
import { REPO_ROOT } from "../support/installedPackage";

/** The plugin's version: this package's. */
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string })
    .version;

// The native plugin beyond one default provider (issue #16): two explicit provider instances on two
// emulator projects, from YAML and from the generated TypeScript SDK; `pulumi import` code generation
// into a TypeScript project; and the generated Python SDK installing with `pulumi` from PyPI.

const STAGING = { publicKey: "stagingpublickey0001", secretKey: "stagingsecretkey0001" };
const work = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-uploadcare-native-sdk-"));
const tsc = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
    return execFileSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8", stdio: "pipe" });
}

/** The plugin tarball and schema.json, packed once for the file. */
const packed = (() => {
    let cache: { tarball: string; schema: string } | undefined;
    return () => {
        if (!cache) {
            const out = path.join(work, "plugin");
            const printed = run("bash", [path.join(REPO_ROOT, "scripts", "plugin-pack.sh")], REPO_ROOT, {
                PLUGIN_PACK_OUT: out,
            });
            cache = { tarball: printed.trim().split("\n").pop() ?? "", schema: path.join(out, "schema.json") };
        }
        return cache;
    };
})();

/** `pulumi package gen-sdk --language nodejs`, built with tsc and installed into `project` as npm would. */
function installGeneratedSdk(pulumi: (args: string[]) => Promise<unknown>, project: string) {
    return async () => {
        const out = path.join(work, "sdk");
        await pulumi(["package", "gen-sdk", packed().schema, "--language", "nodejs", "--out", out]);
        const sdk = path.join(out, "nodejs");
        fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(sdk, "node_modules"));
        run(process.execPath, [tsc, "-p", sdk], sdk);
        const target = path.join(project, "node_modules", "pulumi-uploadcare-native");
        fs.cpSync(path.join(sdk, "bin"), target, { recursive: true });
        fs.copyFileSync(path.join(sdk, "package.json"), path.join(target, "package.json"));
    };
}

describe("two uploadcare providers in one YAML stack (examples/yaml-two-projects)", () => {
    const stack = useEngineStack({
        project: { example: "yaml-two-projects" },
        emulator: { extraProjects: [STAGING] },
        env: {},
        before: async ({ ws }) => {
            await ws.run(["plugin", "install", "resource", "uploadcare", VERSION, "--file", packed().tarball]);
        },
        config: ({ emulator }) => ({
            apiBaseUrl: emulator.url,
            uploadBaseUrl: emulator.url,
            stagingPublicKey: STAGING.publicKey,
            stagingFiles: emulator.createFiles(1, { stored: true, projectPublicKey: STAGING.publicKey }),
            productionPublicKey: emulator.publicKey,
            productionFiles: emulator.createFiles(2, { stored: true }),
        }),
        secrets: { stagingSecretKey: STAGING.secretKey },
    });

    it("up puts each group in its own project; the state holds neither secret key in clear", async () => {
        await stack.ws.setConfig("productionSecretKey", stack.emulator.secretKey, { secret: true });
        await stack.ws.up();
        const [staging] = stack.emulator.groups(STAGING.publicKey);
        const [production] = stack.emulator.groups(stack.emulator.publicKey);
        const outputs = await stack.ws.outputs();
        expect(outputs.stagingGroupId).toBe(staging?.id);
        expect(outputs.stagingProject).toBe(STAGING.publicKey);
        expect(outputs.productionGroupId).toBe(production?.id);
        expect(outputs.productionProjectName).toEqual(expect.any(String));
        expect(stack.emulator.groups(STAGING.publicKey)).toHaveLength(1);
        expect(stack.emulator.groups(stack.emulator.publicKey)).toHaveLength(1);
        const exported = await stack.ws.exportState();
        expect(exported).not.toContain(STAGING.secretKey);
        expect(exported).not.toContain(stack.emulator.secretKey);
        await stack.ws.destroy();
        expect(stack.emulator.groups(STAGING.publicKey)).toEqual([]);
        expect(stack.emulator.groups(stack.emulator.publicKey)).toEqual([]);
    });
});

const SDK_PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const uploadcare = require("pulumi-uploadcare-native");
const config = new pulumi.Config();
const endpoints = { apiBaseUrl: config.require("apiBaseUrl"), uploadBaseUrl: config.require("apiBaseUrl") };
const staging = new uploadcare.Provider("staging", {
    ...endpoints, publicKey: config.require("stagingPublicKey"), secretKey: config.requireSecret("stagingSecretKey"),
});
const production = new uploadcare.Provider("production", {
    ...endpoints, publicKey: config.require("productionPublicKey"), secretKey: config.requireSecret("productionSecretKey"),
});
const a = new uploadcare.Group("staging-gallery", { files: config.requireObject("stagingFiles") }, { provider: staging });
const b = new uploadcare.Group("production-gallery", { files: config.requireObject("productionFiles") }, { provider: production });
exports.stagingProject = a.project;
exports.productionProject = b.project;
exports.productionName = uploadcare.getProjectOutput({ provider: production }).name;
`;

describe("the generated TypeScript SDK", () => {
    let sdkProject = "";
    const stack = useEngineStack({
        project: { inline: "uploadcare-sdk", program: SDK_PROGRAM },
        emulator: { extraProjects: [STAGING] },
        env: {},
        before: async ({ ws, project }) => {
            sdkProject = project;
            await ws.run(["plugin", "install", "resource", "uploadcare", VERSION, "--file", packed().tarball]);
            await installGeneratedSdk((args) => ws.run(args), project)();
        },
        config: ({ emulator }) => ({
            apiBaseUrl: emulator.url,
            stagingPublicKey: STAGING.publicKey,
            stagingFiles: emulator.createFiles(1, { stored: true, projectPublicKey: STAGING.publicKey }),
            productionPublicKey: emulator.publicKey,
            productionFiles: emulator.createFiles(1, { stored: true }),
        }),
        secrets: { stagingSecretKey: STAGING.secretKey },
    });

    it("compiles, and a program with two provider instances runs up and destroy", async () => {
        await stack.ws.setConfig("productionSecretKey", stack.emulator.secretKey, { secret: true });
        await stack.ws.up();
        const outputs = await stack.ws.outputs();
        expect(outputs.stagingProject).toBe(STAGING.publicKey);
        expect(outputs.productionProject).toBe(stack.emulator.publicKey);
        expect(stack.emulator.groups(STAGING.publicKey)).toHaveLength(1);
        expect(stack.emulator.groups(stack.emulator.publicKey)).toHaveLength(1);
        expect(await stack.ws.exportState()).not.toContain(STAGING.secretKey);
        await stack.ws.destroy();
        expect(stack.emulator.groups()).toEqual([]);
    });

    it("pulumi import into this Node project generates TypeScript that compiles against the SDK", async () => {
        const form = new FormData();
        form.set("pub_key", stack.emulator.publicKey);
        form.set("files[0]", stack.emulator.createFiles(1, { stored: true })[0] ?? "");
        const reply = await fetch(`${stack.emulator.url}/group/`, { method: "POST", body: form });
        const { id } = (await reply.json()) as { id: string };
        const out = path.join(sdkProject, "imported.ts");
        await stack.ws.run(
            ["import", "uploadcare:index:Group", "adopted", id, "--yes", "--protect=false", "--out", out],
            {
                env: {
                    UPLOADCARE_PUBLIC_KEY: stack.emulator.publicKey,
                    UPLOADCARE_SECRET_KEY: stack.emulator.secretKey,
                    UPLOADCARE_API_BASE_URL: stack.emulator.url,
                },
            },
        );
        const code = fs.readFileSync(out, "utf8");
        expect(code).toContain('import * as uploadcare from "pulumi-uploadcare-native"');
        expect(code).toContain('new uploadcare.Group("adopted"');
        fs.writeFileSync(
            path.join(sdkProject, "tsconfig.json"),
            JSON.stringify({
                compilerOptions: { strict: true, noEmit: true, module: "nodenext", types: [] },
                files: ["imported.ts"],
            }),
        );
        run(process.execPath, [tsc, "-p", sdkProject], sdkProject);
        await stack.ws.run([
            "state",
            "delete",
            (await stack.ws.resources("uploadcare:index:Group"))[0]?.urn ?? "",
            "--yes",
        ]);
    });
});

describe("the generated Python SDK", () => {
    it("installs with the pulumi package from PyPI (Python programs cannot run here: no Python language host)", () => {
        const sdk = path.join(work, "python-sdk");
        run(
            "go",
            ["run", "-mod=readonly", "-buildvcs=false", "./gensdk", "-schema", packed().schema, "-out", sdk],
            path.join(REPO_ROOT, "tools", "pulumi"),
        );
        const venv = path.join(work, "venv");
        run("python3", ["-m", "venv", venv], work);
        run(path.join(venv, "bin", "pip"), ["install", "--quiet", "--disable-pip-version-check", sdk], work);
        const imported = run(
            path.join(venv, "bin", "python"),
            ["-c", "import pulumi_uploadcare_native as u; print(u.Group.__name__, u.Provider.__name__)"],
            work,
        );
        expect(imported.trim()).toBe("Group Provider");
    });
});
