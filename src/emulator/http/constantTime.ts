import { timingSafeEqual } from "node:crypto";

/** Whether two credentials (a signature, a secret key) are equal, compared in constant time; false for different lengths. */
export function sameText(a: string, b: string): boolean {
    const x = Buffer.from(a, "utf8");
    const y = Buffer.from(b, "utf8");
    return x.length === y.length && timingSafeEqual(x, y);
}
