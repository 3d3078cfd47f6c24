import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as tls from "node:tls";

/**
 * A forward proxy as corporate networks run one: HTTP CONNECT only, Basic proxy authentication required
 * (https://www.rfc-editor.org/rfc/rfc9110#name-connect, #name-proxy-authorization). Whatever host a CONNECT
 * names, the tunnel goes to 127.0.0.1 on the named port, so a test can use a name no resolver knows
 * (`uploadcare.test`, RFC 6761) and still reach a local server. `log` holds one line per CONNECT, in order:
 * `CONNECT host:port` when admitted, `407 host:port` when the credentials were missing or wrong.
 */
export interface ConnectProxy {
    /** `http://user:password@127.0.0.1:<port>`, as HTTPS_PROXY takes it. */
    readonly url: string;
    readonly log: string[];
    close(): Promise<void>;
}

export const PROXY_USER = "proxy-user";
export const PROXY_PASSWORD = "proxy-pass:word";

export async function startConnectProxy(): Promise<ConnectProxy> {
    const log: string[] = [];
    const expected = `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString("base64")}`;
    const sockets = new Set<net.Socket>();
    const server = http.createServer((_req, res) => {
        // Only tunnels: a plain-http request through this proxy is a test mistake.
        res.writeHead(405, { connection: "close" });
        res.end("CONNECT only\n");
    });
    server.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
        sockets.add(client);
        client.on("close", () => sockets.delete(client));
        client.on("error", () => client.destroy());
        const target = req.url ?? "";
        const port = Number(target.slice(target.lastIndexOf(":") + 1));
        if (req.headers["proxy-authorization"] !== expected) {
            log.push(`407 ${target}`);
            client.end(
                'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n',
            );
            return;
        }
        log.push(`CONNECT ${target}`);
        const upstream = net.connect(port, "127.0.0.1", () => {
            client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
            if (head.length > 0) upstream.write(head);
            upstream.pipe(client);
            client.pipe(upstream);
        });
        sockets.add(upstream);
        upstream.on("close", () => sockets.delete(upstream));
        upstream.on("error", () => client.destroy());
        client.on("close", () => upstream.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    const auth = `${encodeURIComponent(PROXY_USER)}:${encodeURIComponent(PROXY_PASSWORD)}`;
    return {
        url: `http://${auth}@127.0.0.1:${port}`,
        log,
        close: () => closeServer(server, sockets),
    };
}

/** A CA and a server certificate for `hostnames` (and 127.0.0.1), made with openssl for one test run. */
export interface TestCertificates {
    dir: string;
    /** PEM file of the CA, for NODE_EXTRA_CA_CERTS. */
    caFile: string;
    key: string;
    cert: string;
}

export function makeTestCertificates(hostnames: readonly string[]): TestCertificates {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-uploadcare-ca-"));
    const file = (name: string) => path.join(dir, name);
    // Every argument is free of spaces, so each command is written as one line of text.
    const openssl = (command: string) => execFileSync("openssl", command.split(" "), { cwd: dir, stdio: "pipe" });
    const key = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2";
    const caExt = "-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign";
    openssl(`req -x509 ${key} -subj /CN=pulumi-uploadcare-test-CA ${caExt} -keyout ca.key -out ca.crt`);
    openssl(`req -new ${key} -subj /CN=${hostnames[0]} -keyout server.key -out server.csr`);
    const san = [...hostnames.map((h) => `DNS:${h}`), "IP:127.0.0.1"].join(",");
    fs.writeFileSync(
        file("server.ext"),
        `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n`,
    );
    openssl(
        "x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext -out server.crt",
    );
    return {
        dir,
        caFile: file("ca.crt"),
        key: fs.readFileSync(file("server.key"), "utf8"),
        cert: fs.readFileSync(file("server.crt"), "utf8"),
    };
}

/**
 * A TLS front for a plain-http server on 127.0.0.1 (the emulator): it ends TLS with the test certificate and
 * passes the bytes on unchanged, so the emulator sees the `Host` the client sent.
 */
export async function startTlsForwarder(
    certs: TestCertificates,
    targetPort: number,
): Promise<{ port: number; close(): Promise<void> }> {
    const sockets = new Set<net.Socket>();
    const server = tls.createServer({ key: certs.key, cert: certs.cert }, (secure) => {
        const plain = net.connect(targetPort, "127.0.0.1");
        for (const socket of [secure, plain]) {
            sockets.add(socket);
            socket.on("close", () => sockets.delete(socket));
            socket.on("error", () => {
                secure.destroy();
                plain.destroy();
            });
        }
        secure.pipe(plain);
        plain.pipe(secure);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { port: (server.address() as net.AddressInfo).port, close: () => closeServer(server, sockets) };
}

function closeServer(server: net.Server, sockets: Set<net.Socket>): Promise<void> {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => server.close(() => resolve()));
}
