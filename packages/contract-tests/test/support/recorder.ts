import { appendFileSync, mkdirSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";

/** One request our code sent, and Prism's answer to it. */
export interface Exchange {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
  responseHeaders: IncomingHttpHeaders;
  responseBody: string;
  /** Prism's `sl-violations` header, parsed: every way the exchange broke the spec. */
  violations: { message: string; code?: string; severity?: string; location?: string[] }[];
}

export interface Recorder {
  /** Point the code under test here: it forwards to Prism and records each exchange. */
  url: string;
  exchanges: Exchange[];
  /** Adds `Prefer: code=N` to forwarded requests, making the mock answer that status. */
  preferStatus: number | undefined;
  /** With preferStatus: which of that status's examples the mock answers with. */
  preferExample?: string | undefined;
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of the Prism mock. It lets a test see exactly what the
 * client or the CLI subprocess put on the wire and what Prism said about it, without
 * touching the code under test.
 */
export async function startRecorder(upstream: string, recorder = blankRecorder()): Promise<Recorder> {
  const target = new URL(upstream);

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const headers: IncomingHttpHeaders = { ...req.headers, host: target.host };
      if (recorder.preferStatus !== undefined) {
        headers.prefer = `code=${recorder.preferStatus}${recorder.preferExample ? `, example=${recorder.preferExample}` : ""}`;
      }
      const forward = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
        (upstreamRes) => {
          const answer: Buffer[] = [];
          upstreamRes.on("data", (chunk: Buffer) => answer.push(chunk));
          upstreamRes.on("end", () => {
            const responseBody = Buffer.concat(answer);
            noteCoverage(req.method ?? "", req.url ?? "", upstreamRes.statusCode ?? 0, responseBody.toString("utf8"));
            recorder.exchanges.push({
              method: req.method ?? "",
              path: req.url ?? "",
              headers: req.headers,
              body: body.toString("utf8"),
              status: upstreamRes.statusCode ?? 0,
              responseHeaders: upstreamRes.headers,
              responseBody: responseBody.toString("utf8"),
              violations: parseViolations(upstreamRes.headers["sl-violations"]),
            });
            res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
            res.end(responseBody);
          });
        },
      );
      forward.on("error", (error) => {
        res.writeHead(502, { "content-type": "text/plain" });
        res.end(`recorder could not reach prism: ${error.message}`);
      });
      forward.end(body);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  recorder.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  recorder.close = () => new Promise((resolve) => server.close(() => resolve()));
  return recorder;
}

function blankRecorder(): Recorder {
  return { url: "", exchanges: [], preferStatus: undefined, close: async () => {} };
}

/**
 * A recorder in front of one of the run's Prism mocks for the tests of one file: started before
 * them, emptied and reset before each, closed after them.
 */
export function useRecorder(mock: "prismUrl" | "iamPrismUrl" = "prismUrl"): Recorder {
  const recorder = blankRecorder();
  beforeAll(() => startRecorder(inject(mock), recorder));
  afterAll(() => recorder.close());
  beforeEach(() => {
    recorder.exchanges.length = 0;
    recorder.preferStatus = undefined;
    recorder.preferExample = undefined;
  });
  return recorder;
}

/** Where each exchange of the run is noted, for the coverage line printed at the end. */
export const COVERAGE_FILE = new URL("../../reports/contract-coverage.jsonl", import.meta.url);

function noteCoverage(method: string, url: string, status: number, body: string): void {
  let errorCode: string | undefined;
  try {
    const parsed = JSON.parse(body) as { error_code?: unknown; error?: { code?: unknown } };
    const code = parsed.error_code ?? parsed.error?.code;
    if (typeof code === "string") errorCode = code;
  } catch {
    // no JSON body: no error code
  }
  mkdirSync(new URL(".", COVERAGE_FILE), { recursive: true });
  appendFileSync(COVERAGE_FILE, `${JSON.stringify({ method, path: url.split("?")[0], status, errorCode })}\n`);
}

function parseViolations(header: string | string[] | undefined): Exchange["violations"] {
  if (header === undefined) return [];
  const text = Array.isArray(header) ? header.join(",") : header;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : [{ message: text }];
  } catch {
    return [{ message: text }];
  }
}
