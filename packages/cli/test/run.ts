import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

/** The API page's example. */
export const PROJECT = "0549b4a43100d4f32f51c01c2fe4acdb";
export const INSTANCE = "0a9a2be86bdf493981d17626ad2f8668in13";

/** `data-dump open` of the API page's example against `endpoint`, then `extra` flags. */
export function openExampleArgs(endpoint: string, ...extra: string[]): string[] {
  const flags = ["--project-id", PROJECT, "--instance-id", INSTANCE, "--bucket", "influxdb-obs"];
  return ["data-dump", "open", "--endpoint", endpoint, ...flags, ...extra];
}

// An empty home for every run: the user's own ~/.huaweicloud must never leak into a test.
export const EMPTY_HOME = mkdtempSync(join(tmpdir(), "geminidb-home-"));

export const BIN = fileURLToPath(new URL("../dist/geminidb.cjs", import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built bundle as a subprocess with exactly `env` (plus PATH and an empty HOME). */
export function geminidb(
  args: string[],
  env: Record<string, string> = {},
  options: { bin?: string; cwd?: string; input?: string } = {},
): Promise<Run> {
  return start(args, env, options).done;
}

/** Starts the built bundle; `done` resolves when it exits (for tests that signal it meanwhile). */
export function start(
  args: string[],
  env: Record<string, string> = {},
  { bin = BIN, cwd = process.cwd(), input }: { bin?: string; cwd?: string; input?: string } = {},
) {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: EMPTY_HOME, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdin.on("error", () => {});
  child.stdin.end(input);
  const done = new Promise<Run>((resolve) => {
    child.on("close", (code) => {
      expectNoSecretIn(stdout + stderr, env);
      resolve({ code, stdout, stderr });
    });
  });
  return { child, done, stderr: () => stderr };
}

/**
 * Runs the built bundle under a pseudo-terminal (util-linux `script`), so stdin, stdout
 * and stderr are all a terminal. `reply` sees the output so far and may return text to type.
 */
export function geminidbInPty(
  args: string[],
  env: Record<string, string> = {},
  reply: (output: string) => string | undefined = () => undefined,
  { columns }: { columns?: number } = {},
): Promise<{ code: number | null; output: string }> {
  const quoted = [process.execPath, BIN, ...args].map((part) => `'${part.replaceAll("'", `'\\''`)}'`).join(" ");
  const command = columns ? `stty cols ${columns}; ${quoted}` : quoted;
  const child = spawn("script", ["-qec", command, "/dev/null"], {
    env: { PATH: process.env.PATH ?? "", HOME: EMPTY_HOME, TERM: "xterm", COLUMNS: "120", ...env },
  });
  let output = "";
  let replied = false;
  child.stdout.on("data", (chunk) => {
    output += chunk;
    const typed = replied ? undefined : reply(output);
    if (typed !== undefined) {
      replied = true;
      child.stdin.write(typed);
    }
  });
  return new Promise((resolve) => {
    child.on("close", (code) => {
      expectNoSecretIn(output, env);
      resolve({ code, output });
    });
  });
}

export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** When it arrived (Date.now()). */
  at: number;
}

/**
 * A loopback server answering each request from `answer` (default: 200, empty), recording
 * what reached it. `answer` may return a promise, to hold a request until the test lets go.
 */
export async function loopbackServer(
  answer: Answer | ((url: string, request: Received) => Answer | Promise<Answer>) = {},
) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", async () => {
      const request = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body, at: Date.now() };
      received.push(request);
      const {
        status = 200,
        headers = {},
        body: text = "",
      } = typeof answer === "function" ? await answer(req.url ?? "", request) : answer;
      if (!res.destroyed)
        res.writeHead(status, { "content-length": String(Buffer.byteLength(text)), ...headers }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Every run of the CLI in the suite checks this: no secret it was given in its environment
 * (SK, tokens, security tokens, passwords) shows in what it printed.
 */
export function expectNoSecretIn(output: string, env: Record<string, string>): void {
  for (const [name, value] of Object.entries(env)) {
    if (/SK$|SECRET|TOKEN|PASSWORD/.test(name) && value.trim().length >= 6) {
      expect(output, `${name} leaked into the output`).not.toContain(value.trim());
    }
  }
}
