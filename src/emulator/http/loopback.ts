/**
 * Loopback checks of the emulator's own (the client has its own for its URLs): who may use the admin API, which
 * `Origin` is a local page, which webhook targets may be contacted.
 */
import { BlockList, isIP } from "node:net";

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/**
 * A loopback peer address (127.0.0.0/8, ::1, IPv4-mapped loopback). The admin API needs no auth, so it only answers
 * these: that matters when someone binds the emulator to 0.0.0.0 to reach it from a container.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
    if (!address) return false;
    // Dual-stack sockets report IPv4 peers as ::ffff:a.b.c.d.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    const addr = mapped ?? address;
    const family = isIP(addr);
    if (family === 4) return LOOPBACK.check(addr, "ipv4");
    if (family === 6) return LOOPBACK.check(addr, "ipv6");
    return false;
}

/** `localhost`, a loopback IP or `[::1]`, with an optional port: the `Host` of a request a local program sent. */
export function isLoopbackHost(host: string | undefined): boolean {
    const m = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::\d{1,5})?$/.exec(host ?? "");
    const name = (m?.[1] ?? m?.[2] ?? "").toLowerCase();
    return name === "localhost" || isLoopbackAddress(name);
}

/** An `Origin` of a page served from this machine (`http://localhost:3000`); "null" and other sites are not. */
export function isLoopbackOrigin(origin: string): boolean {
    const m = /^https?:\/\/([^/]+)$/i.exec(origin);
    return m?.[1] !== undefined && isLoopbackHost(m[1]);
}
