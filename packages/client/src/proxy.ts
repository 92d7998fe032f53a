import type { ClientRequest, IncomingMessage } from "node:http";
import type { Socket } from "node:net";

// Node 20's fetch ignores HTTPS_PROXY and friends. This fetch honours them the way curl
// does: HTTPS_PROXY for https URLs (tunnelled with CONNECT, so TLS still ends at the real
// host and its certificate is verified), HTTP_PROXY for http URLs, NO_PROXY to bypass.

/** The environment variables read: HTTPS_PROXY, HTTP_PROXY, NO_PROXY (either case). */
export type ProxyEnv = Record<string, string | undefined>;

/** The proxy to use for `url`, or undefined for a direct connection. */
export function proxyFor(url: URL, env: ProxyEnv): URL | undefined {
  if (bypassed(url, env.NO_PROXY ?? env.no_proxy ?? "")) return undefined;
  const raw = url.protocol === "https:" ? (env.HTTPS_PROXY ?? env.https_proxy) : (env.HTTP_PROXY ?? env.http_proxy);
  if (!raw?.trim()) return undefined;
  const proxy = new URL(raw.includes("://") ? raw.trim() : `http://${raw.trim()}`);
  if (proxy.protocol !== "http:") throw new TypeError(`proxy ${proxy.host}: only http:// proxies are supported`);
  return proxy;
}

function bypassed(url: URL, noProxy: string): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === "*") return true;
      // host, host:port, [ipv6], [ipv6]:port, or a bare ipv6 address
      const text = entry.toLowerCase();
      const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(text) ?? /^([^:]+)(?::(\d+))?$/.exec(text);
      const name = match ? (match[1] as string) : text;
      const entryPort = match?.[2];
      if (entryPort && entryPort !== port) return false;
      const suffix = name.replace(/^\*?\./, "");
      return host === suffix || host.endsWith(`.${suffix}`);
    });
}

/**
 * A fetch that goes through the proxy the environment names, if any, and otherwise straight
 * to the host. It sends with node:http and node:https, loaded on first use: a short-lived
 * process (a CLI) starts its one request far sooner than with Node's own fetch. `inner`, when
 * given, sends the requests that need no proxy instead.
 */
export function fetchWithProxyFromEnv(env: ProxyEnv = process.env, inner?: typeof fetch): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const proxy = proxyFor(url, env);
    if (!proxy && inner) return inner(input, init);
    return send(await outgoingOf(input, init), url, proxy);
  };
}

interface Outgoing {
  method: string;
  headers: Record<string, string>;
  body: Buffer;
  signal: AbortSignal | undefined;
}

/** What to send, taken from `init` as it is when it can be (a Request costs ~25 µs to build). */
async function outgoingOf(input: Parameters<typeof fetch>[0], init: RequestInit | undefined): Promise<Outgoing> {
  const body = init?.body;
  if (!(input instanceof Request) && (body == null || body instanceof Uint8Array || typeof body === "string")) {
    return {
      method: (init?.method ?? "GET").toUpperCase(),
      headers: Object.fromEntries(new Headers(init?.headers)),
      body: body == null ? Buffer.alloc(0) : Buffer.from(body),
      signal: init?.signal ?? undefined,
    };
  }
  const request = input instanceof Request && init === undefined ? input : new Request(input, init);
  return {
    method: request.method,
    headers: Object.fromEntries(request.headers),
    body: Buffer.from(await request.arrayBuffer()),
    signal: request.signal,
  };
}

async function send(request: Outgoing, url: URL, proxy: URL | undefined): Promise<Response> {
  // Loaded on first use: a --help or a dry run never pays for them.
  const http = process.getBuiltinModule("node:http");
  const https = process.getBuiltinModule("node:https");
  const tls = process.getBuiltinModule("node:tls");
  const { Readable } = process.getBuiltinModule("node:stream");
  const { body, headers } = request;
  headers.host = url.host;
  if (body.length > 0) headers["content-length"] = String(body.length);
  const proxyAuthorization = proxy?.username
    ? `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString("base64")}`
    : undefined;
  const signal = request.signal;

  let outgoing: ClientRequest;
  if (!proxy) {
    // Straight to the host; https verifies the certificate (NODE_EXTRA_CA_CERTS adds CAs).
    const options = { method: request.method, headers, signal };
    outgoing = url.protocol === "http:" ? http.request(url, options) : https.request(url, options);
  } else if (url.protocol === "http:") {
    // Plain http: the proxy gets the absolute URL and forwards it.
    outgoing = http.request({
      host: proxy.hostname,
      port: proxy.port || 80,
      method: request.method,
      path: url.href,
      headers: proxyAuthorization ? { ...headers, "proxy-authorization": proxyAuthorization } : headers,
      signal,
    });
  } else {
    const socket = await tunnel(http.request, proxy, url, proxyAuthorization, signal);
    outgoing = https.request({
      host: url.hostname,
      port: url.port || 443,
      method: request.method,
      path: url.pathname + url.search,
      headers,
      signal,
      // TLS runs inside the tunnel, to the real host, with its certificate verified.
      createConnection: () => tls.connect({ socket, servername: url.hostname }),
    });
  }
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    outgoing.on("response", resolve);
    outgoing.on("error", reject);
    outgoing.end(body);
  });
  const status = response.statusCode ?? 0;
  const responseHeaders = new Headers();
  for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) {
    responseHeaders.append(response.rawHeaders[i] as string, response.rawHeaders[i + 1] as string);
  }
  // No body to stream (the documented empty 200 among them): no web stream is built.
  const nullBody =
    status === 204 ||
    status === 205 ||
    status === 304 ||
    request.method === "HEAD" ||
    response.headers["content-length"] === "0";
  if (nullBody) response.resume();
  // The Response constructor only takes 200-599; what the server sent is kept as it was.
  const inRange = status >= 200 && status <= 599;
  const answer = new Response(nullBody ? null : (Readable.toWeb(response) as ReadableStream<Uint8Array>), {
    status: inRange ? status : 599,
    // A reason phrase the constructor would refuse (control characters) is dropped.
    statusText: /^[\t\x20-\x7e\x80-\xff]*$/.test(response.statusMessage ?? "") ? (response.statusMessage ?? "") : "",
    headers: responseHeaders,
  });
  if (!inRange) Object.defineProperty(answer, "status", { value: status });
  return answer;
}

function tunnel(
  request: typeof import("node:http").request,
  proxy: URL,
  url: URL,
  proxyAuthorization: string | undefined,
  signal: AbortSignal | undefined,
): Promise<Socket> {
  const target = `${url.hostname}:${url.port || 443}`;
  return new Promise((resolve, reject) => {
    const connect = request({
      host: proxy.hostname,
      port: proxy.port || 80,
      method: "CONNECT",
      path: target,
      headers: { host: target, ...(proxyAuthorization ? { "proxy-authorization": proxyAuthorization } : {}) },
      signal,
    });
    connect.on("connect", (response, socket) => {
      if (response.statusCode === 200) return resolve(socket);
      socket.destroy();
      reject(new Error(`proxy ${proxy.host} refused to connect to ${target}: HTTP ${response.statusCode}`));
    });
    connect.on("error", reject);
    connect.end();
  });
}
