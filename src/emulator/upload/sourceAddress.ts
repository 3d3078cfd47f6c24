/**
 * Which `from_url` sources the emulator may fetch. Uploadcare fetches only "a resource publicly available via
 * HTTP/HTTPS" and refuses private addresses with `URLHostPrivateIPForbiddenError`
 * (https://uploadcare.com/docs/api/upload/upload/from-url-upload). The emulator never reaches the network, so a
 * public address is a host that does not exist to it; loopback is refused like any private address unless
 * `allowLoopbackSources` is set (tests fetching from their own server), and the emulator's own port never, so a web
 * page cannot make it read its own admin API. The address checked is the one connected to: names are resolved
 * once, and the connection is pinned to that answer (a DNS rebinding cannot swap it).
 */
import { lookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import { BlockList, isIP } from "node:net";

/** An address `dns.lookup` answered. */
export interface Address {
    address: string;
    family: number;
}

/** What to do with a source: connect to these checked addresses, or refuse it as private, or as a missing host. */
export type SourceVerdict = { kind: "connect"; addresses: Address[] } | { kind: "private" } | { kind: "not-found" };

export interface SourcePolicy {
    /** `allowLoopbackSources`: loopback addresses may be fetched (the emulator's own port still may not). */
    allowLoopback: boolean;
    /** The emulator's own port: never a source, whatever the policy says. */
    ownPort: number;
}

export type Resolve = (host: string) => Promise<Address[]>;

/** How long a name may take to resolve before it counts as a host that does not exist. */
const RESOLVE_TIMEOUT_MS = 5_000;

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/**
 * Not public: unspecified, private (RFC 1918, fc00::/7), shared (RFC 6598), link-local (169.254/16, fe80::/10),
 * documentation, benchmarking, multicast and reserved ranges (IANA special-purpose registries,
 * https://www.iana.org/assignments/iana-ipv4-special-registry/ and …/iana-ipv6-special-registry/), plus NAT64 and
 * IPv4-compatible IPv6, which can lead back to any of them.
 */
const NOT_PUBLIC = new BlockList();
for (const [net, bits] of [
    ["0.0.0.0", 8],
    ["10.0.0.0", 8],
    ["100.64.0.0", 10],
    ["169.254.0.0", 16],
    ["172.16.0.0", 12],
    ["192.0.0.0", 24],
    ["192.0.2.0", 24],
    ["192.168.0.0", 16],
    ["198.18.0.0", 15],
    ["198.51.100.0", 24],
    ["203.0.113.0", 24],
    ["224.0.0.0", 4],
    ["240.0.0.0", 4],
] as const) {
    NOT_PUBLIC.addSubnet(net, bits, "ipv4");
}
for (const [net, bits] of [
    ["::", 96],
    ["64:ff9b::", 96],
    ["64:ff9b:1::", 48],
    ["100::", 64],
    ["2001:db8::", 32],
    ["fc00::", 7],
    ["fe80::", 10],
    ["fec0::", 10],
    ["ff00::", 8],
] as const) {
    NOT_PUBLIC.addSubnet(net, bits, "ipv6");
}

export type AddressClass = "loopback" | "private" | "public";

/** `::ffff:7f00:1` (how URLs write `::ffff:127.0.0.1`) or `::ffff:127.0.0.1` → `127.0.0.1`; else undefined. */
function unmapped(address: string): string | undefined {
    const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    if (dotted) return dotted;
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
    if (!hex) return undefined;
    const [high, low] = [Number.parseInt(hex[1] ?? "", 16), Number.parseInt(hex[2] ?? "", 16)];
    return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** The class of an IP address; IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it maps. */
export function addressClass(raw: string): AddressClass {
    const address = raw.replace(/^\[|\]$/g, "");
    const ip = unmapped(address) ?? address;
    const family = isIP(ip);
    if (family === 0) return "private";
    const type = family === 4 ? "ipv4" : "ipv6";
    if (LOOPBACK.check(ip, type)) return "loopback";
    if (family === 6 && /^::ffff:/i.test(ip)) return "private";
    return NOT_PUBLIC.check(ip, type) ? "private" : "public";
}

/** `localhost` and `*.localhost` are loopback by definition (RFC 6761, section 6.3), whatever DNS says. */
export function isLocalhostName(host: string): boolean {
    return /^(?:.+\.)?localhost\.?$/i.test(host);
}

const defaultResolve: Resolve = (host) => lookup(host, { all: true, verbatim: true });

/** Every address `host` resolves to; none when it does not resolve in time. */
async function addressesOf(host: string, resolve: Resolve): Promise<Address[]> {
    const family = isIP(host);
    if (family !== 0) return [{ address: host, family }];
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<[]>((done) => {
        timer = setTimeout(() => done([]), RESOLVE_TIMEOUT_MS);
    });
    try {
        return await Promise.race([resolve(host).catch(() => []), timeout]);
    } finally {
        clearTimeout(timer);
    }
}

/** The source's port, the scheme's default when the URL names none. */
function portOf(url: URL): number {
    return Number(url.port || (url.protocol === "https:" ? 443 : 80));
}

/**
 * The verdict on a source known before any lookup: an IP literal or a `localhost` name. Undefined for other
 * names, which only resolving can judge.
 */
export function literalVerdict(url: URL, policy: SourcePolicy): "private" | undefined {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (isLocalhostName(host)) return refusesLoopback(url, policy) ? "private" : undefined;
    if (isIP(host) === 0) return undefined;
    const kind = addressClass(host);
    if (kind === "private" || (kind === "loopback" && refusesLoopback(url, policy))) return "private";
    return undefined;
}

function refusesLoopback(url: URL, policy: SourcePolicy): boolean {
    return !policy.allowLoopback || portOf(url) === policy.ownPort;
}

/**
 * Resolves the source's host and judges every address it gave: one private (or refused loopback) address refuses
 * the source; otherwise its loopback addresses are the ones to connect to; all-public is a host the emulator cannot
 * reach.
 */
export async function judgeSource(url: URL, policy: SourcePolicy, resolve = defaultResolve): Promise<SourceVerdict> {
    if (literalVerdict(url, policy) === "private") return { kind: "private" };
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const addresses = await addressesOf(host, resolve);
    if (addresses.length === 0) return { kind: "not-found" };
    const classes = addresses.map((a) => addressClass(a.address));
    if (classes.includes("private")) return { kind: "private" };
    const loopback = addresses.filter((_, i) => classes[i] === "loopback");
    if (loopback.length === 0) return { kind: "not-found" };
    if (refusesLoopback(url, policy)) return { kind: "private" };
    return { kind: "connect", addresses: loopback };
}

/**
 * A `lookup` for `http.get` that answers the checked addresses, whatever DNS would say now: all of them when Node
 * tries several (`autoSelectFamily`), else the first of the family asked for.
 */
export function pinnedLookup(addresses: Address[]): LookupFunction {
    return (_host, options, callback) => {
        if (options.all) {
            callback(null, addresses);
            return;
        }
        const chosen = addresses.find((a) => !options.family || a.family === options.family) ?? addresses[0];
        if (chosen) callback(null, chosen.address, chosen.family);
        else callback(Object.assign(new Error("no checked address"), { code: "ENOTFOUND" }), "", 0);
    };
}
