/**
 * File metadata rules (https://uploadcare.com/docs/file-metadata/): at most 50 keys per file, keys of 1 to 64
 * characters among Latin letters, digits, `_`, `-`, `.` and `:`, values of 1 to 512 characters. The Upload API
 * names each broken rule with an error code (https://uploadcare.com/api-refs/upload-api/, "Errors"); the REST API
 * answers 400 with a `detail` whose wording is not documented, so REST reuses the Upload API's messages.
 */
import type { UploadErrorCode } from "./errors";

export const MAX_METADATA_KEYS = 50;
export const MAX_METADATA_KEY_LENGTH = 64;
export const MAX_METADATA_VALUE_LENGTH = 512;

const KEY_CHARS = /^[A-Za-z0-9_\-.:]*$/;

/** A broken rule: the Upload API code and the arguments of its message. */
export interface MetadataProblem {
    code: UploadErrorCode;
    args: string[];
}

export function keyProblem(key: string): MetadataProblem | undefined {
    if (key === "") return { code: "FileMetadataKeyEmptyError", args: [] };
    if (key.length > MAX_METADATA_KEY_LENGTH) {
        return { code: "FileMetadataKeyLengthTooBigError", args: [key, String(MAX_METADATA_KEY_LENGTH)] };
    }
    if (!KEY_CHARS.test(key)) return { code: "FileMetadataKeyForbiddenError", args: [key] };
    return undefined;
}

export function valueProblem(key: string, value: string): MetadataProblem | undefined {
    if (value === "") return { code: "FileMetadataValueEmptyError", args: [key] };
    if (value.length > MAX_METADATA_VALUE_LENGTH) {
        return { code: "FileMetadataValueLengthTooBigError", args: [key, String(MAX_METADATA_VALUE_LENGTH)] };
    }
    return undefined;
}

export function countProblem(keys: number): MetadataProblem | undefined {
    if (keys <= MAX_METADATA_KEYS) return undefined;
    return { code: "FileMetadataKeysNumberTooBigError", args: [String(MAX_METADATA_KEYS)] };
}

/** `metadata[key]` form fields as a record, or the first broken rule. A repeated key is refused, as documented. */
export function metadataFromFields(fields: readonly [string, string][]): Record<string, string> | MetadataProblem {
    const metadata: Record<string, string> = {};
    for (const [name, value] of fields) {
        const key = /^metadata\[(.*)\]$/s.exec(name)?.[1];
        if (key === undefined) continue;
        if (Object.hasOwn(metadata, key)) return { code: "FileMetadataKeyDuplicatedError", args: [key] };
        const problem = keyProblem(key) ?? valueProblem(key, value);
        if (problem) return problem;
        metadata[key] = value;
    }
    return countProblem(Object.keys(metadata).length) ?? metadata;
}

export function isMetadataProblem(value: unknown): value is MetadataProblem {
    return typeof value === "object" && value !== null && "code" in value && "args" in value;
}
