/**
 * A webhook receiver, as your backend would run one: it checks `X-Uc-Signature: v1=<hex HMAC-SHA256 of the raw
 * body>` (https://uploadcare.com/docs/security/secure-webhooks/) before trusting a delivery, answers 401 when it
 * does not match, and prints one line per delivery. Run it with `SIGNING_SECRET=… node receiver.ts [port]`.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Delivery {
    event: string;
    uuid: string;
    verified: boolean;
}

/** Whether the header is the signature of exactly these bytes (compared in constant time). */
export function verifySignature(body: Buffer, header: string | undefined, secret: string): boolean {
    const expected = Buffer.from(`v1=${createHmac("sha256", secret).update(body).digest("hex")}`);
    const got = Buffer.from(header ?? "");
    return got.length === expected.length && timingSafeEqual(got, expected);
}

export interface Receiver {
    url: string;
    deliveries: Delivery[];
    close(): Promise<void>;
}

export async function startReceiver(
    secret: string,
    port = 8787,
    print: (line: string) => void = (line) => console.log(line),
): Promise<Receiver> {
    const deliveries: Delivery[] = [];
    const server: Server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
            const body = Buffer.concat(chunks);
            const verified = verifySignature(body, req.headers["x-uc-signature"] as string | undefined, secret);
            const payload = verified ? JSON.parse(body.toString("utf8")) : {};
            const delivery = { event: payload.hook?.event ?? "?", uuid: payload.data?.uuid ?? "?", verified };
            deliveries.push(delivery);
            print(
                verified
                    ? `receiver: ${delivery.event} ${delivery.uuid} (signature verified)`
                    : "receiver: REJECTED a delivery: X-Uc-Signature does not match the signing secret",
            );
            res.statusCode = verified ? 200 : 401;
            res.end();
        });
    });
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/uploadcare`;
    return { url, deliveries, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

if (process.argv[1]?.endsWith("receiver.ts")) {
    const secret = process.env.SIGNING_SECRET;
    if (!secret) throw new Error("Set SIGNING_SECRET to the Webhook's signingSecret");
    startReceiver(secret, Number(process.argv[2] ?? 8787)).then((r) => console.log(`receiver: listening on ${r.url}`));
}
