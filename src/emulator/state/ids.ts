import { createHash } from "node:crypto";

/** A UUID (v4 layout) derived from a string, so seeded demo files get the same UUIDs on every start. */
export function deterministicUuid(seed: string): string {
    const h = createHash("sha256").update(seed).digest("hex");
    const variant = ((Number.parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Group ids as the JS upload-client mock validates them: lowercase UUID, "~", a count without leading zero. */
export const GROUP_ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}~[1-9][0-9]*$/;
