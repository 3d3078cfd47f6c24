// Markdown pieces of the reference pages: table cells, code spans, and the schema's types in the words the
// Pulumi Registry uses for them (String, Integer, List<String>, Map<String>, Asset).
import * as fs from "node:fs";
import * as path from "node:path";
import type { PropertySpec } from "../../src/native/schema/types.ts";

/** A table cell: one line, and `|` escaped (GitHub needs that inside code spans too). */
export function cell(text: string): string {
    return text.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
}

/** A code span that survives backticks inside it. */
export function code(text: string): string {
    return text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``;
}

export function table(headers: string[], rows: string[][]): string {
    const line = (cells: string[]) => `| ${cells.map(cell).join(" | ")} |`;
    return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

/** A heading's GitHub anchor (lower case, punctuation dropped except `-` and `_`, spaces to `-`). */
export function anchor(heading: string): string {
    return heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, "")
        .replace(/\s/g, "-");
}

const SCALARS: Record<string, string> = { string: "String", integer: "Integer", number: "Number", boolean: "Boolean" };

type AnySpec = Omit<PropertySpec, "description"> | Record<string, unknown>;

/** The object type a property refers to (`#/types/pkg:index:Name` → `Name`), if any. */
function refName(spec: AnySpec): string | undefined {
    const s = spec as { $ref?: string; items?: AnySpec; additionalProperties?: AnySpec };
    if (s.$ref?.startsWith("#/types/")) return s.$ref.split(":").at(-1);
    const inner = s.items ?? s.additionalProperties;
    return inner ? refName(inner) : undefined;
}

function typeName(spec: AnySpec): string {
    const s = spec as { type?: string; $ref?: string; items?: AnySpec; additionalProperties?: AnySpec };
    if (s.$ref === "pulumi.json#/Asset") return "Asset";
    if (s.$ref === "pulumi.json#/Archive") return "Archive";
    const ref = refName(s);
    if (s.$ref && ref) return ref;
    if (s.type === "array" && s.items) return `List<${typeName(s.items)}>`;
    if (s.type === "object" && s.additionalProperties) return `Map<${typeName(s.additionalProperties)}>`;
    const scalar = s.type ? SCALARS[s.type] : undefined;
    if (!scalar) throw new Error(`gen-reference: no name for the schema type ${JSON.stringify(spec)}`);
    return scalar;
}

/** The schema type of a property as a code span; an object type also links to its section on the page. */
export function schemaType(spec: AnySpec): string {
    const ref = refName(spec);
    return `${code(typeName(spec))}${ref ? ` ([${ref}](#${anchor(ref)}))` : ""}`;
}

/** A repository file as a fenced block, introduced by a link to it (relative to docs/reference/). */
export function snippet(root: string, file: string, language: string, intro: string): string {
    const text = fs.readFileSync(path.join(root, file), "utf8").trimEnd();
    return `${intro.replace("{file}", `[\`${file}\`](../../${file})`)}\n\n\`\`\`${language}\n${text}\n\`\`\``;
}

/** An object type of the schema (`types`), or a function's arguments or result. */
export interface ObjectSchema {
    properties: Record<string, AnySpec & { description?: string }>;
    required?: string[];
}

/** An object type's fields: name, schema type (optional ones marked) and description. */
export function fieldsTable(object: ObjectSchema): string {
    const required = new Set(object.required ?? []);
    const rows = Object.entries(object.properties).map(([name, spec]) => [
        code(name),
        `${schemaType(spec)}${required.has(name) ? "" : ", optional"}`,
        spec.description ?? "",
    ]);
    return table(["Field", "Type", "Description"], rows);
}

/** The `### Name` sections of object types, which `schemaType` links to by anchor. */
export function typeSections(types: Record<string, ObjectSchema>): string[] {
    return Object.entries(types).map(
        ([token, spec]) => `### ${token.split(":").at(-1)}\n\n\`${token}\`\n\n${fieldsTable(spec)}`,
    );
}

/** The type tokens a schema value refers to (`#/types/<token>`), in order of first mention. */
export function typesReferenced(value: unknown): string[] {
    return [...new Set([...JSON.stringify(value).matchAll(/"#\/types\/([^"]+)"/g)].map((m) => m[1] as string))];
}
