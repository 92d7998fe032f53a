import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// Loopback servers that misbehave on purpose, for the fault-injection tests of the client
// and of the CLI. Only ever bound to 127.0.0.1.

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A loopback server playing `script`: the n-th request gets the n-th handler (the last one repeats). */
export async function scriptedServer(script: Handler[]) {
  let count = 0;
  const server = createServer((req, res) => {
    const handler = script[Math.min(count++, script.length - 1)] as Handler;
    req.resume();
    req.on("end", () => handler(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with `status`, `body` and `headers`. */
export const answer =
  (status: number, body = "", headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { "content-length": String(Buffer.byteLength(body)), ...headers }).end(body);
  };

/** Drops the connection without a word. */
export const reset: Handler = (req) => req.socket.destroy();

/** Never answers. */
export const stall: Handler = () => {};

/** Sends the status, then `chunks` one every `every` ms, then ends. */
export const trickle =
  (status: number, chunks: string[], every = 50): Handler =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/json" });
    let sent = 0;
    const timer = setInterval(() => {
      if (res.destroyed || sent >= chunks.length) {
        clearInterval(timer);
        res.end();
        return;
      }
      res.write(chunks[sent++] as string);
    }, every);
  };
export { IAM_SPEC, type RunningPrism, SPEC, startPrismMock } from "./prism.js";
