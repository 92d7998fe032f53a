// The loopback HTTP server every benchmark talks to: answers each request 200 with an
// empty body and a request id, after `latencyMs`, keeping connections alive.
import { createServer } from "node:http";

export async function startServer({ latencyMs = 0 } = {}) {
  let count = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      count++;
      const answer = () => res.writeHead(200, { "content-length": "0", "x-request-id": `bench-${count}` }).end();
      if (latencyMs > 0) setTimeout(answer, latencyMs);
      else answer();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests: () => count,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

// `node server.mjs LATENCY_MS`: runs one in its own process and prints its URL, so that the
// server's work does not share a core with what is measured.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  const server = await startServer({ latencyMs: Number(process.argv[2] ?? 0) });
  console.log(server.url);
}
