import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REFERENCE_DIR, RESOURCE_PAGES, renderReference } from "../../scripts/gen-reference.mts";
import { anchor } from "../../scripts/reference/markdown.mts";
import { packageSchema } from "../../src/native/schema";
import { diffFile } from "../../src/provider/file/diff";
import { diffGroup } from "../../src/provider/group/diff";
import { diffWebhook } from "../../src/provider/webhook/diff";

// docs/reference/ is generated from the native schema and the doc comments of src/resources/: the committed pages
// must be exactly what the generator writes today, and what they say a change does must be what the diffs do.

const ROOT = path.resolve(__dirname, "../..");
const FIX = "run `npm run docs:reference` and commit docs/reference/";
const schema = packageSchema("0.0.0");
const pages = renderReference(ROOT, schema);

type Inputs = Record<string, { willReplaceOnChanges?: boolean }>;
const inputsOf = (token: string) => (schema.resources[token] as { inputProperties: Inputs }).inputProperties;

describe("docs/reference", () => {
    it("the committed pages are what the generator writes from the schema and the doc comments", () => {
        const committed = fs.readdirSync(path.join(ROOT, REFERENCE_DIR)).map((f) => `${REFERENCE_DIR}/${f}`);
        expect(committed.sort(), FIX).toEqual([...pages.keys()].sort());
        for (const [file, text] of pages) {
            expect(fs.readFileSync(path.join(ROOT, file), "utf8"), `${file} is out of date: ${FIX}`).toBe(text);
        }
    });

    it("every page lists every input and output of its resource", () => {
        for (const page of RESOURCE_PAGES) {
            const resource = schema.resources[page.token] as { inputProperties: object; properties: object };
            const text = pages.get(`${REFERENCE_DIR}/${page.name.toLowerCase()}.md`) ?? "";
            const names = [...Object.keys(resource.inputProperties), ...Object.keys(resource.properties)];
            for (const name of names) expect(text, `${page.name}.${name}`).toContain(`| \`${name}\` |`);
            expect(text).toContain(`pulumi import ${page.token} <name>`);
        }
    });

    it("every relative link in the pages resolves, anchors included", () => {
        const broken: string[] = [];
        for (const [file, text] of pages) {
            const prose = text.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
            for (const [, target = ""] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
                if (/^[a-z]+:/i.test(target)) continue;
                const [pathPart = "", fragment] = target.split("#");
                const resolved = pathPart ? path.join(path.dirname(file), pathPart) : file;
                const body = pages.get(resolved) ?? readIfThere(resolved);
                const slugs = (body?.match(/^#+ .*$/gm) ?? []).map((h) => anchor(h.replace(/^#+ /, "")));
                if (body === undefined) broken.push(`${file}: ${target}`);
                else if (fragment && !slugs.includes(fragment)) broken.push(`${file}: ${target} (no such heading)`);
            }
        }
        expect(broken).toEqual([]);
    });
});

/** A file's text ("" for a folder), or undefined when there is nothing at that path. */
function readIfThere(file: string): string | undefined {
    const full = path.join(ROOT, file);
    if (!fs.existsSync(full)) return undefined;
    return fs.statSync(full).isFile() ? fs.readFileSync(full, "utf8") : "";
}

/** One change of each input, from a resource's recorded outputs, and whether the provider's diff replaced. */
const GROUP_ID = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~2";
const A = "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5";
const B = "9a0b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5";
const groupOlds = { files: [A, B], storeFiles: true };
const fileOlds = { contentSha256: "aa", filename: "a.txt", store: true, metadata: { team: "web" } };
const urlOlds = { sourceUrl: "https://example.com/a.png", filename: "a.png", store: true, metadata: {} };
const hookOlds = { targetUrl: "https://example.com/hook", event: "file.uploaded", isActive: true };

const CHANGES: Record<string, Record<string, () => string[] | undefined>> = {
    "uploadcare:index:Group": {
        files: () => diffGroup(GROUP_ID, groupOlds, { ...groupOlds, files: [A] }).replaces,
        groupId: () => diffGroup(GROUP_ID, groupOlds, { groupId: `${B}~1` }).replaces,
        storeFiles: () => diffGroup(GROUP_ID, groupOlds, { ...groupOlds, storeFiles: false }).replaces,
    },
    "uploadcare:index:File": {
        source: () => diffFile(fileOlds, { ...fileOlds, contentSha256: "bb" }).replaces,
        sourceUrl: () => diffFile(urlOlds, { ...urlOlds, sourceUrl: "https://example.com/b.png" }).replaces,
        filename: () => diffFile(fileOlds, { ...fileOlds, filename: "b.txt" }).replaces,
        store: () => diffFile(fileOlds, { ...fileOlds, store: false }).replaces,
        metadata: () => diffFile(fileOlds, { ...fileOlds, metadata: { team: "ops" } }).replaces,
        contentType: () => diffFile(fileOlds, { ...fileOlds, contentType: "text/csv" }).replaces,
        tags: () => diffFile(fileOlds, { ...fileOlds, tags: ["new"] }).replaces,
    },
    "uploadcare:index:Webhook": {
        webhookId: () => diffWebhook("1", hookOlds, { ...hookOlds, webhookId: "2" }).replaces,
        targetUrl: () => diffWebhook("1", hookOlds, { ...hookOlds, targetUrl: "https://example.com/b" }).replaces,
        event: () => diffWebhook("1", hookOlds, { ...hookOlds, event: "file.stored" }).replaces,
        isActive: () => diffWebhook("1", hookOlds, { ...hookOlds, isActive: false }).replaces,
        signingSecret: () => diffWebhook("1", hookOlds, { ...hookOlds, signingSecret: "s3cret" }).replaces,
    },
};

describe("the schema's willReplaceOnChanges, which the pages show as “On change”", () => {
    it.each(Object.keys(CHANGES))("matches what the provider's diff does for each input of %s", (token) => {
        const inputs = inputsOf(token);
        const changes = CHANGES[token] ?? {};
        expect(Object.keys(changes).sort(), "a new input needs a sample change here").toEqual(
            Object.keys(inputs).sort(),
        );
        for (const [name, change] of Object.entries(changes)) {
            const replaced = (change() ?? []).includes(name);
            expect(replaced, `${token} ${name}`).toBe(inputs[name]?.willReplaceOnChanges === true);
        }
    });
});

describe("the generator", () => {
    let copy = "";
    afterEach(() => fs.rmSync(copy, { recursive: true, force: true }));

    it("refuses an output without a doc comment, naming it", () => {
        copy = fs.mkdtempSync(path.join(os.tmpdir(), "reference-"));
        for (const dir of ["src/resources", "src/provider/lookups", "examples"]) {
            fs.cpSync(path.join(ROOT, dir), path.join(copy, dir), {
                recursive: true,
                filter: (src) => !src.includes("node_modules"),
            });
        }
        const group = path.join(copy, "src/resources/group.ts");
        const text = fs.readFileSync(group, "utf8");
        fs.writeFileSync(group, text.replace(/\/\*\*[^/]*\*\/\n(\s*declare readonly datetimeCreated)/, "$1"));
        expect(() => renderReference(copy, schema)).toThrow(
            "output datetimeCreated in src/resources/group.ts has no doc comment",
        );
    });
});
