import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { type AddressInfo, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { geminidb, INSTANCE, loopbackServer, openExampleArgs, PROJECT } from "./run.js";

// Transport through real loopback servers: an https endpoint with a certificate made for the
// test (trusted only through NODE_EXTRA_CA_CERTS), and an http proxy that forwards plain
// requests and tunnels CONNECT, recording what it was asked.

const TOKEN = "transport-token-NEVER-PRINTED";

const dir = mkdtempSync(join(tmpdir(), "geminidb-tls-"));
execFileSync(
  "openssl",
  [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=localhost",
    "-addext",
    "subjectAltName=DNS:localhost,IP:127.0.0.1",
    "-keyout",
    join(dir, "key.pem"),
    "-out",
    join(dir, "cert.pem"),
  ],
  { stdio: "ignore" },
);
const CA = join(dir, "cert.pem");

let secure: { url: string; received: string[]; close(): Promise<void> };
let plain: Awaited<ReturnType<typeof loopbackServer>>;
let proxy: { url: string; seen: string[]; close(): Promise<void> };

beforeAll(async () => {
  const received: string[] = [];
  const server = createHttpsServer({ key: readFileSync(join(dir, "key.pem")), cert: readFileSync(CA) }, (req, res) => {
    received.push(`${req.method} ${req.url}`);
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-length": "0", "x-request-id": "tls-1" }).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  secure = {
    url: `https://localhost:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  plain = await loopbackServer({ headers: { "x-request-id": "plain-1" } });

  const seen: string[] = [];
  const proxyServer = createHttpServer((req: IncomingMessage, res) => {
    // Absolute-form request for plain http: forward it.
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? "");
    const forward = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: target.pathname, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  // Tunnels are sockets of their own, which closeAllConnections does not know about.
  const tunnels = new Set<{ destroy(): void }>();
  proxyServer.on("connect", (req: IncomingMessage, socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    tunnels.add(socket);
    const [host, port] = (req.url ?? "").split(":");
    const upstream = connect(Number(port), host === "localhost" ? "127.0.0.1" : (host as string), () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    tunnels.add(upstream);
  });
  await new Promise<void>((resolve) => proxyServer.listen(0, "127.0.0.1", resolve));
  proxy = {
    url: `http://127.0.0.1:${(proxyServer.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        for (const tunnel of tunnels) tunnel.destroy();
        proxyServer.closeAllConnections();
        proxyServer.close(() => resolve());
      }),
  };
});
afterAll(async () => {
  await Promise.all([secure.close(), plain.close(), proxy.close()]);
});
beforeEach(() => {
  secure.received.length = 0;
  proxy.seen.length = 0;
  plain.received.length = 0;
});

const open = (endpoint: string, env: Record<string, string>) =>
  geminidb(openExampleArgs(endpoint, "--max-attempts", "1"), { HW_AUTH_TOKEN: TOKEN, ...env });

describe("certificates", () => {
  it("are verified: an endpoint whose certificate is not trusted is refused, exit 4", async () => {
    const { code, stderr } = await open(secure.url, {});
    expect(code).toBe(4);
    expect(stderr).toMatch(/^error: could not reach https:\/\/localhost:\d+: .*(self-signed|SELF_SIGNED)/i);
    expect(secure.received).toHaveLength(0);
  });

  it("are accepted when trusted (NODE_EXTRA_CA_CERTS)", async () => {
    const { code, stdout } = await open(secure.url, { NODE_EXTRA_CA_CERTS: CA });
    expect(code).toBe(0);
    expect(stdout).toContain("(request id tls-1)");
  });
});

describe("proxies from the environment", () => {
  it("tunnels https through HTTPS_PROXY with CONNECT, the certificate still verified end to end", async () => {
    const { code, stdout } = await open(secure.url, { NODE_EXTRA_CA_CERTS: CA, HTTPS_PROXY: proxy.url });
    expect(code).toBe(0);
    expect(stdout).toContain("(request id tls-1)");
    expect(proxy.seen).toEqual([`CONNECT ${new URL(secure.url).host}`]);
    expect(secure.received).toEqual([`PUT /v3/${PROJECT}/instances/${INSTANCE}/data-dump`]);
  });

  it("refuses an untrusted certificate through the tunnel too", async () => {
    const { code } = await open(secure.url, { HTTPS_PROXY: proxy.url });
    expect(code).toBe(4);
    expect(secure.received).toHaveLength(0);
  });

  it("sends plain http through HTTP_PROXY in absolute form", async () => {
    const { code } = await open(plain.url, { HTTP_PROXY: proxy.url });
    expect(code).toBe(0);
    expect(proxy.seen).toEqual([`PUT ${plain.url}/v3/${PROJECT}/instances/${INSTANCE}/data-dump`]);
    expect(plain.received[0]?.headers["x-auth-token"]).toBe(TOKEN);
  });

  it.each(["127.0.0.1", "*", `127.0.0.1:${"PORT"}`])("bypasses the proxy for NO_PROXY=%s", async (entry) => {
    const noProxy = entry.replace("PORT", new URL(plain.url).port);
    const { code } = await open(plain.url, { HTTP_PROXY: proxy.url, NO_PROXY: noProxy });
    expect(code).toBe(0);
    expect(proxy.seen).toEqual([]);
    expect(plain.received).toHaveLength(1);
  });
});
