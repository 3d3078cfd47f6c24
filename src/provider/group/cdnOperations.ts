/**
 * CDN operations after a file UUID in a group member (`<uuid>/-/resize/800x/-/format/webp/`), as
 * documented at https://uploadcare.com/docs/transformations/image/. Only what that grammar allows gets
 * through: `..`, percent-encoded characters, `&`, `[`, `]`, `?`, `#` and spaces are refused, so an input
 * can never rewrite the path it ends up in.
 */

const OPERATION_NAME = /^[a-z][a-z0-9_]*$/;
// Letters, digits and the punctuation operation arguments use: 800x600, 50p, 1.5, 50%x50%, center, #-free colours.
const ARGUMENT = /^[A-Za-z0-9_.,:+%*!=-]+$/;

/** Uploadcare's CDN hosts: the legacy `ucarecdn.com` and the per-project `<prefix>.ucarecd.net`. */
export function isUploadcareCdnHost(hostname: string): boolean {
    const host = hostname.toLowerCase();
    return host === "ucarecdn.com" || host.endsWith(".ucarecdn.com") || host.endsWith(".ucarecd.net");
}

function segmentProblem(segment: string): string | undefined {
    if (segment === "") return 'CDN operations contain an empty segment ("//")';
    if (segment.includes("..")) return 'CDN operations must not contain ".."';
    if (/%[0-9a-f]{2}/i.test(segment)) return "CDN operations must not contain percent-encoded characters";
    if (!ARGUMENT.test(segment)) {
        return `CDN operation argument "${segment}" has characters the CDN grammar does not allow (only letters, digits and _ . , : + % * ! = -)`;
    }
    return undefined;
}

/** `-/resize/800x/-/format/webp` → `-/resize/800x/-/format/webp/`, or the reason it is malformed. */
export function normaliseOperations(rest: string): { value: string } | { error: string } {
    if (/[\s?#\\&[\]]/.test(rest)) return { error: "CDN operations must not contain spaces, ?, #, \\, & or [ ]" };
    const segments = rest.replace(/\/$/, "").split("/");
    if (segments[0] !== "-") {
        return {
            error: 'CDN operations must follow the UUID as "/-/<operation>/<arguments>/", e.g. "/-/resize/800x/"',
        };
    }
    for (let i = 0; i < segments.length; i++) {
        const segment = segments[i] ?? "";
        if (segment === "-") {
            const name = segments[i + 1];
            if (name === undefined || !OPERATION_NAME.test(name)) {
                return {
                    error: `"-/" must be followed by an operation name such as resize or format, got "${name ?? ""}"`,
                };
            }
            continue;
        }
        const problem = segmentProblem(segment);
        if (problem) return { error: problem };
    }
    return { value: `${segments.join("/")}/` };
}
