import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { useEngineStack } from "../support/engineFixture";
import type { CliResult } from "../support/pulumiCli";

// The secret key never leaks: a whole lifecycle (with retries, an ambiguous create, refused files and a wrong key)
// through the real CLI at its highest verbosity, with the provider's debug log on. Everything a user or a CI log
// could keep is collected: every command's full stdout and stderr, `pulumi stack export`, the provider's own log
// lines (they arrive in that output) and every error message. Then the secret key, and every signature the emulator
// actually received (REST request signatures and signed-upload signatures), are searched for: 0 hits.

const SECRET = `sk_leakcheck_${randomBytes(12).toString("hex")}`;
const WRONG_SECRET = `sk_wrong_${randomBytes(12).toString("hex")}`;
// Highest verbosity, engine logs to stderr, plugin logs flowed into it too.
const VERBOSE = ["-v=11", "--logtostderr", "--logflow", "--debug"];

describe("no secret key or signature in anything the CLI shows or stores", () => {
    const collected: { what: string; text: string }[] = [];

    const keep = (what: string, result: CliResult) => {
        collected.push({ what: `${what} (stdout)`, text: result.stdout });
        collected.push({ what: `${what} (stderr)`, text: result.stderr });
        return result;
    };

    const stack = useEngineStack({
        project: {
            inline: "uploadcare-secrets",
            program: `const { Group } = require("pulumi-uploadcare");
const files = require("./files.json");
exports.ids = [0, 1, 2].map((i) => new Group("g" + i, { files: [files[i], files[i + 1]] }).id);
`,
        },
        emulator: { secretKey: SECRET, signedUploads: true, recordSignatures: true },
        // Credentials from stack config (the secret key as a secret), not from UPLOADCARE_* variables.
        env: { UPLOADCARE_DEBUG: "1" },
        before: ({ emulator, project }) => {
            const files = emulator.createFiles(5, { stored: false });
            fs.writeFileSync(path.join(project, "files.json"), JSON.stringify(files.slice(0, 4)));
        },
        stack: "leaks",
        config: ({ emulator }) => ({
            "uploadcare:publicKey": emulator.publicKey,
            "uploadcare:apiBaseUrl": emulator.url,
            "uploadcare:uploadBaseUrl": emulator.url,
            "uploadcare:signUploads": "legacy",
        }),
        secrets: { "uploadcare:secretKey": SECRET },
    });

    it("up with retries and an ambiguous create, refresh, refused input, a wrong key, destroy: all at -v=11", async () => {
        stack.emulator.injectFaults([
            { method: "POST", path: "/group/", action: "reset-after", times: 1 },
            { method: "POST", path: "/group/", action: "status", status: 429, retryAfter: 1, times: 1 },
            { method: "PUT", path: "/files/storage/", action: "status", status: 503, times: 2 },
        ]);
        const up = keep("up", await stack.ws.run(["up", "--yes", "--skip-preview", ...VERBOSE]));
        expect(up.stdout).toMatch(/pulumi-uploadcare: retrying PUT \/files\/storage\//);
        expect(up.stdout).toMatch(/pulumi-uploadcare: POST \/group\/ outcome unknown/);
        expect(stack.emulator.groups()).toHaveLength(3);

        stack.emulator.injectFaults([{ method: "GET", path: "/groups/", action: "status", status: 502, times: 2 }]);
        keep("refresh", await stack.ws.run(["refresh", "--yes", "--skip-preview", ...VERBOSE]));

        // Refused by Uploadcare: an unknown file makes the engine print the provider's error.
        const files = stack.emulator.files().map((f) => f.uuid);
        fs.writeFileSync(
            path.join(stack.project, "files.json"),
            JSON.stringify([...files.slice(0, 3), "00000000-0000-4000-8000-000000000000"]),
        );
        const refused = keep(
            "up (unknown file)",
            await stack.ws.run(["up", "--yes", "--skip-preview", ...VERBOSE], { allowFailure: true }),
        );
        expect(refused.code).not.toBe(0);
        expect(refused.stdout).toContain("Some files not found. (GroupFilesNotFoundError)");
        fs.writeFileSync(path.join(stack.project, "files.json"), JSON.stringify(files));

        // A wrong secret key (the engine hands the provider the new config when the program runs): the key check
        // before the first write refuses it, so no replacement group is uploaded, and neither key shows.
        await stack.ws.run(["config", "set", "--secret", "uploadcare:secretKey", WRONG_SECRET]);
        fs.writeFileSync(path.join(stack.project, "files.json"), JSON.stringify([files[4], ...files.slice(1)]));
        const denied = keep(
            "up (wrong key)",
            await stack.ws.run(["up", "--yes", "--skip-preview", ...VERBOSE], { allowFailure: true }),
        );
        expect(denied.code).not.toBe(0);
        expect(denied.stdout).toContain("Invalid signature. Please check your Secret key.");
        expect(denied.stdout).toContain(
            "Fix uploadcare:secretKey (UPLOADCARE_SECRET_KEY); nothing was created or changed.",
        );
        await stack.ws.run(["config", "set", "--secret", "uploadcare:secretKey", SECRET]);
        fs.writeFileSync(path.join(stack.project, "files.json"), JSON.stringify(files.slice(0, 4)));
        keep("up (right key again)", await stack.ws.run(["up", "--yes", "--skip-preview", ...VERBOSE]));

        keep("destroy", await stack.ws.run(["destroy", "--yes", "--skip-preview", ...VERBOSE]));
        expect(stack.emulator.groups()).toEqual([]);
    });

    it("the exported state, all that output and every signature sent: 0 hits", async () => {
        // Export the state as it was when it had groups: rerun up, export, destroy.
        keep("up (again)", await stack.ws.run(["up", "--yes", "--skip-preview", ...VERBOSE]));
        const exported = await stack.ws.exportState();
        collected.push({ what: "pulumi stack export", text: exported });
        expect(exported).toContain("pulumi-nodejs:dynamic/uploadcare:Group");
        keep("destroy (again)", await stack.ws.run(["destroy", "--yes", "--skip-preview", ...VERBOSE]));

        const signatures = stack.emulator.signatures();
        // REST signatures (40 hex) and signed-upload signatures (64 hex) were both sent.
        expect(signatures.some((s) => /^[0-9a-f]{40}$/.test(s))).toBe(true);
        expect(signatures.some((s) => /^[0-9a-f]{64}$/.test(s))).toBe(true);
        const needles = [SECRET, WRONG_SECRET, ...new Set(signatures)];

        const total = collected.reduce((sum, c) => sum + c.text.length, 0);
        const hits: string[] = [];
        for (const { what, text } of collected) {
            for (const needle of needles) {
                if (text.includes(needle))
                    hits.push(`${what} contains ${needle === SECRET ? "the secret key" : needle}`);
            }
            // Any Authorization value at all, whoever's.
            if (/Uploadcare(\.Simple)? [^\s:"]+:[0-9a-f]{40}/.test(text))
                hits.push(`${what} has an Authorization value`);
        }
        console.log(
            `searched ${(total / 1e6).toFixed(1)} MB of CLI output and state for the secret key and ${needles.length - 2} signatures: ${hits.length} hits`,
        );
        // The output really is the verbose kind (engine and plugin logs down to level 9+), not just the summary.
        expect(total).toBeGreaterThan(200_000);
        expect(collected.some((c) => /"v":(9|1[01])\b/.test(c.text))).toBe(true);
        if (process.env.SECRETS_DUMP)
            fs.writeFileSync(process.env.SECRETS_DUMP, collected.map((c) => c.text).join("\n"));
        expect(hits).toEqual([]);
    });

    it("TLS verification is never turned off, and the emulator binds to loopback unless told otherwise", async () => {
        const sources: string[] = [];
        const walk = (dir: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                const full = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(full);
                else if (entry.name.endsWith(".js")) sources.push(fs.readFileSync(full, "utf8"));
            }
        };
        walk(path.join(stack.project, "node_modules", "pulumi-uploadcare", "dist"));
        expect(sources.length).toBeGreaterThan(10);
        for (const text of sources) {
            expect(text).not.toMatch(/rejectUnauthorized|NODE_TLS_REJECT_UNAUTHORIZED|checkServerIdentity/);
        }
        expect(stack.emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });
});
