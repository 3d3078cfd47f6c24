// The doc comments and declared types of a TypeScript source file, read with the TypeScript compiler API
// (parse only, no type checking: fast, and independent of whether the rest of the tree compiles).
// https://github.com/microsoft/TypeScript/wiki/Using-the-Compiler-API
import * as fs from "node:fs";
import ts from "typescript";

export interface Member {
    name: string;
    /** The doc comment as one line ("" when there is none). */
    doc: string;
    /** The declared type as written, with `pulumi.Input<…>` and `pulumi.Output<…>` unwrapped. */
    type: string;
}

export interface ClassDocs {
    doc: string;
    /** Instance properties in declaration order. */
    properties: Member[];
    /** Static methods, with `type` holding the signature `name(params): result`. */
    statics: Member[];
}

export interface InterfaceDocs {
    doc: string;
    members: Member[];
    /** The names in `extends` clauses. */
    extends: string[];
}

export interface SourceDocs {
    /** The file's leading doc comment. */
    doc: string;
    classes: Map<string, ClassDocs>;
    interfaces: Map<string, InterfaceDocs>;
    /** Type aliases: `type` is the aliased type as written. */
    aliases: Map<string, Member>;
    /** Exported functions, with `type` holding the signature. */
    functions: Map<string, Member>;
}

/** Doc comment text as one line: Markdown tables and lists need it so, and the wrapping is the source's. */
function docOf(node: ts.Node): string {
    const jsDocs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
    const last = jsDocs.at(-1);
    const text = last ? (ts.getTextOfJSDocComment(last.comment) ?? "") : "";
    return text.replace(/\s*\n\s*/g, " ").trim();
}

const WRAPPERS = new Set(["pulumi.Input", "pulumi.Output"]);

/** A type as written, minus the Pulumi wrappers that only say "may be an Output". */
export function typeText(node: ts.TypeNode | undefined, source: ts.SourceFile): string {
    if (!node) return "";
    if (ts.isTypeReferenceNode(node)) {
        const name = node.typeName.getText(source);
        const args = node.typeArguments ?? [];
        if (WRAPPERS.has(name) && args[0]) return typeText(args[0], source);
        if (args.length === 0) return name;
        return `${name}<${args.map((arg) => typeText(arg, source)).join(", ")}>`;
    }
    if (ts.isUnionTypeNode(node)) return node.types.map((t) => typeText(t, source)).join(" | ");
    if (ts.isArrayTypeNode(node)) {
        const element = typeText(node.elementType, source);
        return element.includes(" ") ? `(${element})[]` : `${element}[]`;
    }
    if (ts.isParenthesizedTypeNode(node)) return typeText(node.type, source);
    return node.getText(source).replace(/\s+/g, " ");
}

function signatureOf(name: string, node: ts.SignatureDeclarationBase, source: ts.SourceFile): string {
    const params = node.parameters.map((param) => {
        // `_opts` is unused today; the public name is what callers read.
        const paramName = param.name.getText(source).replace(/^_/, "");
        const optional = param.questionToken || param.initializer ? "?" : "";
        return `${paramName}${optional}: ${param.type ? param.type.getText(source) : "unknown"}`;
    });
    const result = node.type ? `: ${node.type.getText(source)}` : "";
    return `${name}(${params.join(", ")})${result}`;
}

const isStatic = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
const isExported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

function classDocs(node: ts.ClassDeclaration, source: ts.SourceFile): ClassDocs {
    const properties: Member[] = [];
    const statics: Member[] = [];
    for (const member of node.members) {
        const name = member.name?.getText(source) ?? "";
        if (ts.isPropertyDeclaration(member) && !isStatic(member)) {
            properties.push({ name, doc: docOf(member), type: typeText(member.type, source) });
        } else if (ts.isMethodDeclaration(member) && isStatic(member)) {
            statics.push({ name, doc: docOf(member), type: signatureOf(name, member, source) });
        }
    }
    return { doc: docOf(node), properties, statics };
}

function interfaceDocs(node: ts.InterfaceDeclaration, source: ts.SourceFile): InterfaceDocs {
    const members = node.members.filter(ts.isPropertySignature).map((member) => ({
        name: member.name.getText(source),
        doc: docOf(member),
        type: typeText(member.type, source),
    }));
    const heritage = (node.heritageClauses ?? []).flatMap((clause) =>
        clause.types.map((type) => type.expression.getText(source)),
    );
    return { doc: docOf(node), members, extends: heritage };
}

/** The file's own doc comment: a `/** … *\/` block at its very start. */
function fileDoc(source: ts.SourceFile): string {
    const text = source.getFullText();
    const first = ts.getLeadingCommentRanges(text, 0)?.[0];
    const comment = first ? text.slice(first.pos, first.end) : "";
    if (!comment.startsWith("/**")) return "";
    return comment
        .replace(/^\/\*\*|\*\/$/g, "")
        .split("\n")
        .map((line) => line.replace(/^\s*\* ?/, "").trim())
        .join(" ")
        .trim();
}

/** Parses one file (its text given, or read from `file`). */
export function readSourceDocs(file: string, text = fs.readFileSync(file, "utf8")): SourceDocs {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const docs: SourceDocs = {
        doc: fileDoc(source),
        classes: new Map(),
        interfaces: new Map(),
        aliases: new Map(),
        functions: new Map(),
    };
    for (const node of source.statements) {
        const name = (node as { name?: ts.Node }).name?.getText(source) ?? "";
        if (ts.isClassDeclaration(node)) docs.classes.set(name, classDocs(node, source));
        else if (ts.isInterfaceDeclaration(node)) docs.interfaces.set(name, interfaceDocs(node, source));
        else if (ts.isTypeAliasDeclaration(node))
            docs.aliases.set(name, { name, doc: docOf(node), type: typeText(node.type, source) });
        else if (ts.isFunctionDeclaration(node) && isExported(node))
            docs.functions.set(name, { name, doc: docOf(node), type: signatureOf(name, node, source) });
    }
    return docs;
}
