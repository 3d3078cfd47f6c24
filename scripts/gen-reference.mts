// Writes the per-resource reference, docs/reference/*.md, from the native plugin's schema (packageSchema in
// src/native/schema/, read from the build in dist/) and the doc comments of src/resources/*.ts.
// test/unit/reference.test.ts renders the same pages from the sources and fails when the committed ones differ.
//
//   npm run docs:reference        (builds dist/, then runs: node scripts/gen-reference.mts)
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import type { PackageSchema } from "../src/native/schema/index.ts";
import { type FunctionSchema, renderFunctionsPage } from "./reference/functionsPage.mts";
import { type ObjectSchema, typesReferenced } from "./reference/markdown.mts";
import { GENERATED, type ResourcePage, type ResourceSchema, renderResourcePage } from "./reference/resourcePage.mts";

export const REFERENCE_DIR = "docs/reference";

export const RESOURCE_PAGES: ResourcePage[] = [
    {
        name: "Group",
        token: "uploadcare:index:Group",
        examples: { ts: "examples/basic/index.ts", yaml: "examples/yaml/Pulumi.yaml" },
        adopt: {
            input: "groupId",
            example: 'const legacy = new Group("legacy", { groupId: "3d1b8ac2-6b19-4e6c-8f3a-91a1c2d0e4f5~2" });',
        },
    },
    {
        name: "File",
        token: "uploadcare:index:File",
        examples: { ts: "examples/files/index.ts", yaml: "examples/yaml-files/Pulumi.yaml" },
        noAdopt:
            "`File` has no adopt input: a `File` always uploads its own bytes. To take over an existing file, import it with the native plugin (above); to read one without managing it, use [`getFile`](functions.md#getfile).",
    },
    {
        name: "Webhook",
        token: "uploadcare:index:Webhook",
        examples: { ts: "examples/webhook/index.ts", yaml: "examples/yaml-files/Pulumi.yaml" },
        adopt: { input: "webhookId", example: 'const uploads = new Webhook("uploads", { webhookId: "1234" });' },
    },
    {
        name: "Project",
        token: "uploadcare:index:Project",
        examples: { ts: "examples/environments/index.ts", yaml: "examples/yaml-project/Pulumi.yaml" },
        adopt: {
            input: "pubKey",
            example: 'const production = new Project("production", { pubKey: "a1b2c3d4e5f6a7b8c9d0" });',
        },
    },
    {
        name: "ProjectSecret",
        token: "uploadcare:index:ProjectSecret",
        examples: { ts: "examples/environments/index.ts", yaml: "examples/yaml-project/Pulumi.yaml" },
        noImport:
            "Uploadcare shows a key's value only when it is made, so an existing key can be neither imported nor adopted.",
        noAdopt:
            "To replace a key made outside the stack, let a `ProjectSecret` make a new one, use it, then delete the old one in the dashboard. `pulumi up --replace <urn>` rotates a key the stack made: the new one is created before the old one is deleted.",
    },
    {
        name: "SyncedFolder",
        token: "uploadcare:index:SyncedFolder",
        examples: { ts: "examples/site/index.ts", yaml: "examples/yaml-site/Pulumi.yaml" },
        noAdopt:
            "`SyncedFolder` has no adopt input: files a crashed run uploaded are found by their `pulumi-synced-folder` metadata and adopted on the next `up`. Files uploaded any other way are not this resource's; they stay as they are.",
    },
];

function indexPage(): string {
    const rows = RESOURCE_PAGES.map((page) => `- [${page.name}](${page.name.toLowerCase()}.md): \`${page.token}\``);
    return [
        "# Reference",
        GENERATED("the native schema (src/native/schema/) and the doc comments of src/resources/"),
        "One page per resource: every input and output with its type and what a change does, a TypeScript and a YAML example, and how to import or adopt an existing one. TypeScript programs use the dynamic resources from `pulumi-uploadcare`; YAML and other languages use the same types through the [native plugin](../native-provider.md). Settings, requests per operation, retries and limits are in [resources.md](../resources.md).",
        [...rows, "- [Functions](functions.md): the lookups and `fn::invoke` functions"].join("\n"),
    ].join("\n\n");
}

/** Every page, by path relative to the repository root. */
export function renderReference(root: string, schema: PackageSchema): Map<string, string> {
    const pages = new Map<string, string>([[`${REFERENCE_DIR}/README.md`, `${indexPage()}\n`]]);
    const types = (schema.types ?? {}) as Record<string, ObjectSchema>;
    // Each page describes the object types it refers to, so its type cells link within the page.
    const typesOf = (value: unknown): Record<string, ObjectSchema> =>
        Object.fromEntries(typesReferenced(value).flatMap((token) => (types[token] ? [[token, types[token]]] : [])));
    for (const page of RESOURCE_PAGES) {
        const resource = schema.resources[page.token] as ResourceSchema | undefined;
        if (!resource) throw new Error(`gen-reference: the schema has no resource ${page.token}`);
        const text = renderResourcePage(root, page, resource, typesOf(resource));
        pages.set(`${REFERENCE_DIR}/${page.name.toLowerCase()}.md`, text);
    }
    const functions = schema.functions as Record<string, FunctionSchema>;
    pages.set(`${REFERENCE_DIR}/functions.md`, renderFunctionsPage(root, functions, typesOf(functions)));
    return pages;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
    const root = path.resolve(import.meta.dirname, "..");
    const require = createRequire(import.meta.url);
    const { packageSchema } = require(path.join(root, "dist/native/schema/index.js")) as {
        packageSchema: (version: string) => PackageSchema;
    };
    const pages = renderReference(root, packageSchema("0.0.0"));
    fs.rmSync(path.join(root, REFERENCE_DIR), { recursive: true, force: true });
    fs.mkdirSync(path.join(root, REFERENCE_DIR), { recursive: true });
    for (const [file, text] of pages) fs.writeFileSync(path.join(root, file), text);
    console.log(`gen-reference: wrote ${[...pages.keys()].join(", ")}`);
}
