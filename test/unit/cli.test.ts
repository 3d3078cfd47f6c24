import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { banner, main, parseArgs, startupLine, UsageError } from "../../src/cli";
import { parseFaultSpec } from "../../src/emulator/admin/faults";
import { seededFileUuids, seededGroupIds } from "../../src/emulator/index";
import { emulatorFixtures } from "../support/emulatorFixtures";

const { emulator } = emulatorFixtures("uc-cli-");

describe("CLI", () => {
    it("parses flags", () => {
        expect(
            parseArgs(["emulator", "--port", "4010", "--host=0.0.0.0", "--seed-files", "5", "--state", "s.json"]),
        ).toEqual({
            options: { port: 4010, host: "0.0.0.0", seedFiles: 5, statePath: "s.json" },
            json: false,
            help: false,
        });
        expect(parseArgs(["emulator", "--rate-limit", "2.5", "--json"])).toMatchObject({
            options: { rateLimit: 2.5, seedFiles: 3 },
            json: true,
        });
        expect(parseArgs(["--help"]).help).toBe(true);
        expect(parseArgs(["emulator", "-h"]).help).toBe(true);
    });

    it("rejects unknown flags and bad values clearly", () => {
        expect(() => parseArgs(["emulator", "--prot", "1"])).toThrow(new UsageError('unknown option "--prot"'));
        expect(() => parseArgs(["emulator", "--port"])).toThrow("--port needs a value");
        expect(() => parseArgs(["emulator", "--port", "x"])).toThrow(UsageError);
        expect(() => parseArgs(["serve"])).toThrow('unknown command "serve"');
        expect(() => parseArgs([])).toThrow('a command is required: "emulator" (or --help, --version)');
    });

    it("prints the export lines to copy", () => {
        const text = banner("http://127.0.0.1:4010", "pk", "sk", ["u1"]);
        expect(text).toContain("export UPLOADCARE_PUBLIC_KEY=pk\n");
        expect(text).toContain("export UPLOADCARE_SECRET_KEY=sk\n");
        expect(text).toContain("export UPLOADCARE_API_BASE_URL=http://127.0.0.1:4010\n");
        expect(text).toContain("export UPLOADCARE_UPLOAD_BASE_URL=http://127.0.0.1:4010\n");
        expect(text).toContain("    u1\n");
    });
});

describe("CLI fault flags", () => {
    it("parses the fault flags of the CLI", () => {
        const { options } = parseArgs([
            "emulator",
            "--error-rate",
            "0.3",
            "--latency-ms=25",
            "--throttle-burst",
            "1500/5000",
            "--fault",
            "POST /group/ reset-after 0.3",
            "--fault=* * status:429:2 0.1",
            "--seed",
            "9",
        ]);
        expect(options).toMatchObject({
            errorRate: 0.3,
            latencyMs: 25,
            throttleBursts: { everyMs: 5_000, durationMs: 1_500 },
            seed: 9,
        });
        expect(options.faults).toEqual([
            parseFaultSpec("POST /group/ reset-after 0.3"),
            parseFaultSpec("* * status:429:2 0.1"),
        ]);
        expect(() => parseArgs(["emulator", "--error-rate", "2"])).toThrow("--error-rate must be within 0..1");
        expect(() => parseArgs(["emulator", "--throttle-burst", "5000/1000"])).toThrow(/DURATION_MS\/EVERY_MS/);
        expect(() => parseArgs(["emulator", "--fault", "POST /group/"])).toThrow(/--fault: fault "POST \/group\/"/);
    });
});

describe("CLI --seed-groups", () => {
    it("parses the flag (the CLI seeds 3 files by default)", () => {
        expect(parseArgs(["emulator", "--seed-groups", "2"]).options).toEqual({ seedFiles: 3, seedGroups: 2 });
        expect(parseArgs(["emulator", "--seed-groups=5", "--seed-files", "1"]).options).toEqual({
            seedFiles: 1,
            seedGroups: 5,
        });
        expect(parseArgs(["emulator", "--seed-groups", "0", "--seed-files", "0"]).options).toEqual({
            seedFiles: 0,
            seedGroups: 0,
        });
    });

    it("rejects bad values naming the flag", () => {
        expect(() => parseArgs(["emulator", "--seed-groups", "-1"])).toThrow(
            new UsageError('--seed-groups needs a non-negative number, got "-1"'),
        );
        expect(() => parseArgs(["emulator", "--seed-groups=1.5"])).toThrow(
            new UsageError("--seed-groups needs an integer"),
        );
        expect(() => parseArgs(["emulator", "--seed-groups", "x"])).toThrow(/--seed-groups/);
        expect(() => parseArgs(["emulator", "--seed-groups"])).toThrow("--seed-groups needs a value");
        // Order on the command line does not matter: the combination is checked at the end.
        for (const argv of [
            ["emulator", "--seed-groups", "2", "--seed-files", "0"],
            ["emulator", "--seed-files", "0", "--seed-groups", "2"],
        ]) {
            expect(() => parseArgs(argv)).toThrow(
                new UsageError("--seed-groups needs seeded files to group: --seed-files must be 1 or more"),
            );
        }
    });

    it("parses --read-only-state, which needs --state", () => {
        expect(parseArgs(["emulator", "--state", "s.json", "--read-only-state"]).options).toMatchObject({
            statePath: "s.json",
            readOnlyState: true,
        });
        expect(() => parseArgs(["emulator", "--read-only-state"])).toThrow(/--read-only-state needs --state FILE/);
        expect(() => parseArgs(["emulator", "--read-only-state=1"])).toThrow("--read-only-state takes no value");
    });

    it("prints the seeded groups in the --json line and the banner", async () => {
        const config = parseArgs(["emulator", "--seed-files", "2", "--seed-groups", "2", "--json", "--quiet"]);
        const emu = await emulator(config.options);
        const line = startupLine(emu, config.json);
        expect(line.endsWith("\n")).toBe(true);
        expect(line.trimEnd()).not.toContain("\n");
        expect(JSON.parse(line)).toEqual({
            url: emu.url,
            publicKey: emu.publicKey,
            secretKey: emu.secretKey,
            files: seededFileUuids(2),
            groups: seededGroupIds(2, 2),
        });

        const text = startupLine(emu, false);
        expect(text).toBe(banner(emu.url, emu.publicKey, emu.secretKey, emu.seededFiles, emu.seededGroups));
        expect(text).toContain(`  Seeded groups:\n    ${emu.seededGroups[0]}\n    ${emu.seededGroups[1]}\n`);
        expect(banner("http://x", "pk", "sk", ["u1"])).not.toContain("Seeded groups");
        const none = JSON.parse(startupLine({ ...emu, seededGroups: [] }, true));
        expect(none.groups).toEqual([]);
    });
});

describe("the pulumi-uploadcare command", () => {
    const run = async (argv: string[]) => {
        const out: string[] = [];
        const err: string[] = [];
        const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => out.push(String(chunk)) > 0);
        const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => err.push(String(chunk)) > 0);
        try {
            return { code: await main(argv), out: out.join(""), err: err.join("") };
        } finally {
            stdout.mockRestore();
            stderr.mockRestore();
        }
    };

    it("--version prints the package version and exits 0", async () => {
        const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8"));
        expect(await run(["--version"])).toEqual({ code: 0, out: `${version}\n`, err: "" });
        expect((await run(["-v"])).out).toBe(`${version}\n`);
    });

    it("no command is a usage error: exit 2, the reason and the usage on stderr, nothing on stdout", async () => {
        const { code, out, err } = await run([]);
        expect([code, out]).toEqual([2, ""]);
        expect(err).toContain('a command is required: "emulator"');
        expect(err).toContain("Usage: pulumi-uploadcare emulator [options]");
    });
});
