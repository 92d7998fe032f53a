import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, geminidb, INSTANCE, loopbackServer, openExampleArgs, PROJECT } from "./run.js";

const TOKEN = "cli-test-token-SECRET-4242";

let server: Awaited<ReturnType<typeof loopbackServer>>;
beforeAll(async () => {
  server = await loopbackServer({ headers: { "x-request-id": "req-cli-1", "set-cookie": "SESSION=cookie-secret" } });
});
afterAll(() => server.close());

function openArgs(...extra: string[]) {
  return openExampleArgs(server.url, ...extra);
}

/** `data-dump open` with valid flags (endpoint: a closed port), some changed or removed. */
function withFlags(changes: Record<string, string | undefined>, ...extra: string[]): string[] {
  const flags: Record<string, string | undefined> = {
    "project-id": PROJECT,
    "instance-id": INSTANCE,
    bucket: "influxdb-obs",
    endpoint: "http://127.0.0.1:1",
    ...changes,
  };
  const args = Object.entries(flags).flatMap(([name, value]) => (value === undefined ? [] : [`--${name}`, value]));
  return ["data-dump", "open", ...args, ...extra];
}

describe("help and version", () => {
  it.each([
    [["--help"], "geminidb: turn GeminiDB Influx data export to OBS on or off"],
    [["help"], "Commands:"],
    [["help", "data-dump"], "geminidb data-dump: enable or disable"],
    [["data-dump", "--help"], "geminidb data-dump: enable or disable"],
    [["data-dump", "open", "--help"], "geminidb data-dump open: enable the export"],
    [["data-dump", "close", "-h"], "geminidb data-dump close: disable the export"],
  ])("geminidb %j prints help on stdout and exits 0", async (args, heading) => {
    const { code, stdout, stderr } = await geminidb(args);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain(heading);
  });

  it("shows examples, credentials and exit codes in the command's help", async () => {
    const { stdout } = await geminidb(["data-dump", "open", "--help"]);
    for (const part of ["Examples:", "HW_AUTH_TOKEN", "Exit codes:", "--instance-id", "--bucket", "--endpoint"]) {
      expect(stdout).toContain(part);
    }
  });

  it("prints the package version", async () => {
    const { version } = (await import("../package.json", { with: { type: "json" } })).default;
    const { code, stdout } = await geminidb(["--version"]);
    expect({ code, stdout }).toEqual({ code: 0, stdout: `geminidb ${version}\n` });
  });

  it.each([[[]], [["data-dump"]]])("geminidb %j prints help on stderr and exits 2", async (args) => {
    const { code, stdout, stderr } = await geminidb(args);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toContain("Usage:");
  });

  it.each([[["--help"]], [["data-dump", "--help"]], [["data-dump", "close", "--help"]]])(
    "geminidb %j shows examples",
    async (args) => {
      const { stdout } = await geminidb(args);
      const examples = stdout.split("Examples:")[1] ?? "";
      expect(examples).toMatch(/^ {2}geminidb data-dump (open|close) --region ap-southeast-1/m);
    },
  );
});

describe("success", () => {
  it("prints one line naming instance, action, bucket and request id", async () => {
    server.received.length = 0;
    const { code, stdout, stderr } = await geminidb(openArgs(), { HW_AUTH_TOKEN: TOKEN });
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toBe(
      `Opened data export of instance ${INSTANCE} to OBS bucket influxdb-obs (request id req-cli-1)\n`,
    );
    expect(server.received).toHaveLength(1);
    expect(server.received[0]?.headers["x-auth-token"]).toBe(TOKEN);
  });

  it("sends to --endpoint when --region is given too", async () => {
    server.received.length = 0;
    const { code } = await geminidb(openArgs("--region", "cn-north-4"), { HW_AUTH_TOKEN: TOKEN });
    expect(code).toBe(0);
    expect(server.received).toHaveLength(1);
  });

  it("logs the request and answer with --debug, the token redacted", async () => {
    const { code, stderr } = await geminidb(openArgs("--debug"), { HW_AUTH_TOKEN: TOKEN });
    expect(code).toBe(0);
    expect(stderr).toContain(`debug: > PUT ${server.url}/v3/${PROJECT}/instances/${INSTANCE}/data-dump`);
    expect(stderr).toContain("debug: > x-auth-token: [redacted]");
    expect(stderr).toContain("debug: < set-cookie: [redacted]");
    expect(stderr).not.toContain("cookie-secret");
    expect(stderr).toContain('debug: > {"bucket_name":"influxdb-obs","action":"open"}');
    expect(stderr).toMatch(/debug: < 200 OK \(\d+ ms\)/);
    expect(stderr).not.toContain(TOKEN);
  });
});

describe("refused before sending (exit 2, one line, nothing sent)", () => {
  const cases: [string, string[], string][] = [
    [
      "a missing --bucket",
      ["data-dump", "open", "--instance-id", INSTANCE, "--project-id", PROJECT, "--endpoint", "http://127.0.0.1:1"],
      "error: missing required flag --bucket (see 'geminidb data-dump open --help')",
    ],
    [
      "a missing --instance-id",
      ["data-dump", "close", "--bucket", "bbb"],
      "error: missing required flag --instance-id",
    ],
    ["an unknown flag", ["data-dump", "open", "--bucet", "x"], "error: unknown flag --bucet (did you mean --bucket?)"],
    ["a flag without its value", ["data-dump", "open", "--bucket"], "error: flag --bucket needs a value"],
    ["a repeated flag", ["data-dump", "open", "--bucket", "a", "--bucket", "b"], "error: flag --bucket was given more"],
    ["an unknown action", ["data-dump", "enable"], 'error: unknown data-dump command "enable": use open or close'],
    ["a misspelt action", ["data-dump", "opne"], 'error: unknown data-dump command "opne" (did you mean "open"?)'],
    ["an unknown command", ["data-dumb"], 'error: unknown command "data-dumb" (did you mean "data-dump"?)'],
    ["a stray argument", withFlags({}, "extra"), 'error: unexpected argument "extra"'],
    [
      "an unknown region",
      withFlags({ endpoint: undefined, region: "mars-east-1" }),
      'error: unknown region "mars-east-1"; known regions: af-south-1',
    ],
    ["a bad endpoint", withFlags({ endpoint: "not a url" }), "error: endpoint is not a valid URL (e.g. https://"],
    [
      "an endpoint ending in ?",
      withFlags({ endpoint: "http://127.0.0.1:1?" }),
      "error: endpoint must not have a query",
    ],
    [
      "a timeout of zero",
      withFlags({ timeout: "0" }),
      'error: --timeout must be a number of seconds from 0.001 to 300 (got "0")',
    ],
    ["a timeout that is not a number", withFlags({ timeout: "1e3" }), "error: --timeout must be a number of seconds"],
    [
      "plain http to another machine",
      withFlags({ endpoint: "http://gaussdb.example.com" }),
      "error: endpoint gaussdb.example.com uses plain http",
    ],
    ["a bad bucket", withFlags({ bucket: "Bad_Bucket" }), "error: --bucket: must be lowercase letters"],
    [
      "a bucket with a newline",
      withFlags({ bucket: "a\nb" }),
      'error: --bucket: must be lowercase letters, digits, hyphens and periods (got "a\\nb")',
    ],
    ["a command named like an Object property", ["constructor"], 'error: unknown command "constructor"'],
    ["a flag named like an Object property", withFlags({}, "--toString"), "error: unknown flag --toString"],
    ["a command with an escape sequence", ["data\u001b[31m-dump"], 'error: unknown command "data\\u001b[31m-dump"'],
    ["--debug before the command", ["--debug", "data-dump"], "error: flag --debug must follow the command"],
    ["--token before the command", [`--token=${TOKEN}`, "data-dump"], "error: flag --token is not accepted"],
    ["a short flag with a glued value", withFlags({}, `-t${TOKEN}`), "error: unknown flag -t ("],
    ["help for an unknown command", ["help", "nosuch"], 'error: unknown command "nosuch"'],
    ["version with an argument", ["version", "extra"], 'error: unexpected argument "extra"'],
    ["a timeout above 300 s", withFlags({ timeout: "301" }), "error: --timeout must be a number of seconds"],
    [
      "an instance id with a slash",
      withFlags({ "instance-id": "abc/../x" }),
      "error: --instance-id: must be 32 lowercase hexadecimal digits",
    ],
    ["a token on the command line", withFlags({}, `--token=${TOKEN}`), "error: flag --token is not accepted"],
  ];

  it.each(cases)("%s", async (_name, args, message) => {
    server.received.length = 0;
    const { code, stdout, stderr } = await geminidb(args, { HW_AUTH_TOKEN: TOKEN });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.startsWith(message)).toBe(true);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(stderr).not.toContain(TOKEN);
    expect(server.received).toHaveLength(0);
  });

  it("names HW_PROJECT_ID when the project id from there is malformed", async () => {
    const args = openArgs().filter((a) => a !== "--project-id" && a !== PROJECT);
    const { code, stderr } = await geminidb(args, { HW_AUTH_TOKEN: TOKEN, HW_PROJECT_ID: " 0549" });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: HW_PROJECT_ID: must be 32 lowercase hexadecimal digits \(got " 0549"\)/);
  });

  it("asks for a project id when neither --project-id nor HW_PROJECT_ID is there", async () => {
    const args = openArgs().filter((a) => a !== "--project-id" && a !== PROJECT);
    const { code, stderr } = await geminidb(args, { HW_AUTH_TOKEN: TOKEN });
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^error: no project id: give --project-id, or set HUAWEICLOUD_SDK_PROJECT_ID or HW_PROJECT_ID/,
    );
  });
});

describe("credentials", () => {
  it("exits 3 with a clear message when HW_AUTH_TOKEN is missing, sending nothing", async () => {
    server.received.length = 0;
    const { code, stdout, stderr } = await geminidb(openArgs());
    expect({ code, stdout }).toEqual({ code: 3, stdout: "" });
    expect(stderr).toMatch(/^error: no credentials found. Tried, in order:\n/);
    expect(server.received).toHaveLength(0);
  });

  it.each([
    ["a newline", "SECRET\nTOKEN"],
    ["non-ASCII", "SECRET€TOKEN"],
  ])("exits 3 for a token with %s, without printing it", async (_name, token) => {
    server.received.length = 0;
    const { code, stdout, stderr } = await geminidb(openArgs(), { HW_AUTH_TOKEN: token });
    expect({ code, stdout }).toEqual({ code: 3, stdout: "" });
    expect(stderr).toBe(
      "error: the credentials from HW_AUTH_TOKEN cannot be used: option `token` contains characters it cannot have (whitespace, control or non-ASCII characters)\n",
    );
    expect(server.received).toHaveLength(0);
  });

  it("treats an empty HW_AUTH_TOKEN as missing", async () => {
    const { code } = await geminidb(openArgs(), { HW_AUTH_TOKEN: "  " });
    expect(code).toBe(3);
  });
});

/** A loopback server that writes `reply` verbatim on each connection: any status line at all. */
async function rawServer(reply: string) {
  const { createServer } = await import("node:net");
  const server = createServer((socket) => {
    socket.once("data", () => socket.end(reply));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("status lines as servers really send them", () => {
  const json = '{"error_code":"DBS.200002","error_msg":"The instance does not exist."}';
  it.each([
    [
      "200 with a non-ASCII reason phrase",
      "HTTP/1.1 200 \u2713 \u6210\u529f\r\nContent-Length: 0\r\n\r\n",
      0,
      /^Opened/,
    ],
    ["200 with a control character in the reason", "HTTP/1.1 200 OK\u0001\r\nContent-Length: 0\r\n\r\n", 0, /^Opened/],
    [
      "404 with a non-ASCII reason phrase",
      `HTTP/1.1 404 \u627e\u4e0d\u5230\r\nContent-Type: application/json\r\nContent-Length: ${json.length}\r\n\r\n${json}`,
      1,
      /error_code: DBS\.200002/,
    ],
    ["status 600", "HTTP/1.1 600 X\r\nContent-Length: 0\r\n\r\n", 1, /the API answered HTTP 600/],
  ])("%s", async (_name, reply, expected, output) => {
    const raw = await rawServer(reply);
    try {
      const args = openArgs().map((a) => (a === server.url ? raw.url : a));
      const { code, stdout, stderr } = await geminidb(args, { HW_AUTH_TOKEN: TOKEN });
      expect(code).toBe(expected);
      expect(expected === 0 ? stdout : stderr).toMatch(output);
    } finally {
      await raw.close();
    }
  });
});

describe("answers the CLI does not take at face value", () => {
  it("does not follow a redirect: nothing reaches its target, exit 1", async () => {
    const target = await loopbackServer();
    const redirecting = await loopbackServer({ status: 307, headers: { location: `${target.url}/elsewhere` } });
    try {
      const args = openArgs().map((a) => (a === server.url ? redirecting.url : a));
      const { code, stdout, stderr } = await geminidb(args, { HW_AUTH_TOKEN: TOKEN });
      expect({ code, stdout }).toEqual({ code: 1, stdout: "" });
      expect(stderr.split("\n")[0]).toBe(
        `error: could not open data export of instance ${INSTANCE}: HTTP 307 Temporary Redirect: redirected to ${target.url}/elsewhere; redirects are not followed, since the token would go along`,
      );
      expect(redirecting.received).toHaveLength(1);
      expect(target.received).toHaveLength(0);
    } finally {
      await Promise.all([target.close(), redirecting.close()]);
    }
  });

  it("escapes control characters of an error body", async () => {
    const hostile = await loopbackServer({
      status: 400,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ error_code: "DBS.200001", error_msg: "bad\nfake line\u001b]0;title\u0007" }),
    });
    try {
      const args = openArgs().map((a) => (a === server.url ? hostile.url : a));
      const { code, stderr } = await geminidb(args, { HW_AUTH_TOKEN: TOKEN });
      expect(code).toBe(1);
      expect(stderr).toContain("  error_msg:  bad\\u000afake line\\u001b]0;title\\u0007\n");
      expect(stderr.trimEnd().split("\n")).toHaveLength(6);
      expect(stderr).toContain("  hint:       a parameter was refused: check --instance-id and --bucket\n");
    } finally {
      await hostile.close();
    }
  });
});

describe("network", () => {
  it("exits 4 when no answer comes within --timeout", async () => {
    const { createServer } = await import("node:net");
    // Accepts the connection, never answers.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      const args = openArgs("--timeout", "0.2", "--max-attempts", "1").map((a) => (a === server.url ? url : a));
      const { code, stdout, stderr } = await geminidb(args, { HW_AUTH_TOKEN: TOKEN });
      expect({ code, stdout }).toEqual({ code: 4, stdout: "" });
      expect(stderr).toBe(`error: no answer from ${url} within 200 ms (raise it with --timeout SECONDS)\n`);
    } finally {
      silent.close();
    }
  });

  it("exits 4 with one line when nothing listens at the endpoint", async () => {
    const closed = await loopbackServer();
    await closed.close();
    const args = openArgs().map((a) => (a === server.url ? closed.url : a));
    const { code, stdout, stderr } = await geminidb(args, { HW_AUTH_TOKEN: TOKEN });
    expect({ code, stdout }).toEqual({ code: 4, stdout: "" });
    expect(stderr).toBe(
      `error: could not reach ${closed.url}: connect ECONNREFUSED 127.0.0.1:${new URL(closed.url).port} (3 attempts)\n`,
    );
  });
});

describe("the bundle", () => {
  it("runs on its own, copied into an empty folder without node_modules", async () => {
    const dir = await mkdtemp(join(tmpdir(), "geminidb-bundle-"));
    try {
      const copy = join(dir, "geminidb.cjs");
      await copyFile(BIN, copy);
      const { code, stdout } = await geminidb(openArgs(), { HW_AUTH_TOKEN: TOKEN }, { bin: copy, cwd: dir });
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Opened data export of instance/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
