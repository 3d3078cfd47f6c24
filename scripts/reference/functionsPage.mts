// The functions page: every native function (`fn::invoke` in YAML) with its arguments and result from the schema,
// next to the TypeScript lookups of src/resources/lookups.ts (their signatures and doc comments), then the
// TypeScript-only lookups and the object types the results use.
import * as path from "node:path";
import type { Member, SourceDocs } from "./docComments.mts";
import { readSourceDocs } from "./docComments.mts";
import { code, fieldsTable, schemaType, snippet, table, typeSections } from "./markdown.mts";
import { GENERATED } from "./resourcePage.mts";

type Spec = { description?: string } & Record<string, unknown>;
interface ObjectSchema {
    properties: Record<string, Spec>;
    required?: string[];
}
export interface FunctionSchema {
    description: string;
    inputs?: ObjectSchema;
    outputs: ObjectSchema;
}

const LOOKUPS = "src/resources/lookups.ts";
/** Where the argument and result types of the lookups are declared. */
const TYPE_SOURCES = [
    LOOKUPS,
    "src/provider/lookups/groups.ts",
    "src/provider/lookups/files.ts",
    "src/provider/lookups/runtime.ts",
];
/** The per-call credentials every TypeScript lookup takes: documented once, in their own section. */
const CREDENTIALS = new Set(["LookupCredentials", "LookupCredentialInputs", "LookupOptions"]);

const baseName = (name: string) => name.replace(/Output$/, "");

/** The members of a named type across the sources: an interface with what it extends, or an alias of one. */
function membersOf(typeText: string, sources: SourceDocs[], seen = new Set<string>()): Member[] {
    return typeText
        .split("&")
        .map((part) => part.trim())
        .filter((name) => !CREDENTIALS.has(name) && !seen.has(name) && seen.add(name))
        .flatMap((name) => {
            const iface = sources.map((s) => s.interfaces.get(name)).find(Boolean);
            if (iface) return [...iface.extends.flatMap((base) => membersOf(base, sources, seen)), ...iface.members];
            const alias = sources.map((s) => s.aliases.get(name)).find(Boolean);
            return alias && /^[\w\s&]+$/.test(alias.type) ? membersOf(alias.type, sources, seen) : [];
        });
}

/** The first parameter's type, as written in a signature `name(args: T = …)` or `name(args?: T)`. */
const firstParamType = (signature: string) => /^\w+\(\w+\??: ([^,)=]+)/.exec(signature)?.[1]?.trim() ?? "";

function argumentsTable(fn: FunctionSchema, promiseForm: Member | undefined, sources: SourceDocs[]): string {
    const ts = new Map(membersOf(firstParamType(promiseForm?.type ?? ""), sources).map((m) => [m.name, m]));
    const schemaArgs = fn.inputs?.properties ?? {};
    const required = new Set(fn.inputs?.required ?? []);
    const names = [...new Set([...Object.keys(schemaArgs), ...ts.keys()])];
    if (names.length === 0) return "No arguments.";
    const rows = names.map((name) => {
        const spec = schemaArgs[name];
        const member = ts.get(name);
        const description = spec?.description || member?.doc || "";
        const optional = required.has(name) ? "" : ", optional";
        return [
            code(name),
            spec ? `${schemaType(spec)}${optional}` : "— (TypeScript only)",
            member ? code(member.type) : "— (native only)",
            description,
        ];
    });
    return table(["Argument", "Type", "TypeScript", "Description"], rows);
}

function functionSection(token: string, fn: FunctionSchema, lookups: SourceDocs, sources: SourceDocs[]): string {
    const name = token.split(":").at(-1) ?? token;
    const forms = [...lookups.functions.values()].filter((f) => baseName(f.name) === name);
    const promiseForm = forms.find((f) => f.name === name);
    const ts = forms.length > 0 ? forms.map((f) => code(f.type)).join("; ") : "none (native only)";
    return [
        `## ${name}`,
        promiseForm?.doc || fn.description,
        `- **Native:** \`${token}\`: ${fn.description}\n- **TypeScript:** ${ts}`,
        "### Arguments",
        argumentsTable(fn, promiseForm, sources),
        forms.length > 0 ? "The TypeScript forms also take the per-call [credentials](#credentials)." : "",
        "### Result",
        fieldsTable(fn.outputs),
    ]
        .filter(Boolean)
        .join("\n\n");
}

/** The lookups without a native function, each with its forms (`getFiles`, `getFilesOutput`) together. */
function typeScriptOnly(lookups: SourceDocs, native: Set<string>, sources: SourceDocs[]): string {
    const groups = new Map<string, Member[]>();
    for (const fn of lookups.functions.values()) {
        if (!native.has(baseName(fn.name)))
            groups.set(baseName(fn.name), [...(groups.get(baseName(fn.name)) ?? []), fn]);
    }
    const sections = [...groups].map(([name, forms]) => {
        const main = forms.find((f) => f.name === name) ?? (forms[0] as Member);
        const rows = membersOf(firstParamType(main.type), sources).map((m) => [code(m.name), code(m.type), m.doc]);
        return [
            `### ${name}`,
            forms.map((f) => `- ${code(f.type)}`).join("\n"),
            main.doc,
            rows.length > 0 ? table(["Argument", "TypeScript", "Description"], rows) : "",
        ]
            .filter(Boolean)
            .join("\n\n");
    });
    return ["## TypeScript only", "These lookups have no native function.", ...sections].join("\n\n");
}

/** The per-call credentials: the names the TypeScript lookups take, and what their doc comments say. */
function credentialsSection(lookups: SourceDocs): string {
    const types = ["LookupCredentials", "LookupCredentialInputs"].map((name) => {
        const doc = lookups.aliases.get(name)?.doc ?? lookups.interfaces.get(name)?.doc ?? "";
        return `- ${code(name)}: ${doc}`;
    });
    const names = (lookups.interfaces.get("LookupCredentialInputs")?.members ?? []).map((m) => code(m.name));
    return [
        "## Credentials",
        `Every TypeScript lookup also takes ${names.join(", ")}, which override the stack's settings for that call:`,
        types.join("\n"),
    ].join("\n\n");
}

export function renderFunctionsPage(
    root: string,
    functions: Record<string, FunctionSchema>,
    types: Record<string, ObjectSchema>,
): string {
    const sources = TYPE_SOURCES.map((file) => readSourceDocs(path.join(root, file)));
    const lookups = sources[0] as SourceDocs;
    const tokens = Object.keys(functions).sort();
    const lines = [
        "# Functions (lookups)",
        GENERATED(`the native schema (src/native/schema/) and the doc comments of ${LOOKUPS}`),
        "Read without managing. In YAML and other languages, call a native function (`fn::invoke` in YAML, served by the [native plugin](../native-provider.md)). In TypeScript, import the lookup from `pulumi-uploadcare`:",
        `> ${lookups.doc}`,
        "## Example usage",
        "### TypeScript",
        snippet(root, "examples/adopt/index.ts", "ts", "{file}, which the engine tests run:"),
        "### YAML",
        snippet(
            root,
            "examples/yaml-two-projects/Pulumi.yaml",
            "yaml",
            "{file}, which the engine tests run with the native plugin:",
        ),
        ...tokens.map((token) => functionSection(token, functions[token] as FunctionSchema, lookups, sources)),
        typeScriptOnly(lookups, new Set(tokens.map((t) => t.split(":").at(-1) ?? t)), sources),
        "## Types",
        ...typeSections(types),
        credentialsSection(lookups),
    ];
    return `${lines.join("\n\n")}\n`;
}
