import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  type Answer,
  BIN,
  EMPTY_HOME,
  geminidb,
  geminidbInPty,
  loopbackServer,
  PROJECT,
  type Received,
  start,
} from "./run.js";

// Many instances in one command: the built CLI against loopback servers that count,
// hold and fail requests on purpose.

const TOKEN = "fleet-test-token-SECRET-777";
const ENV = { HW_AUTH_TOKEN: TOKEN };
const dir = mkdtempSync(join(tmpdir(), "geminidb-fleet-"));

/** The n-th made-up instance id (n from 1). */
const id = (n: number) => `${n.toString(16).padStart(32, "0")}in${String(n % 100).padStart(2, "0")}`;
const ids = (count: number) => Array.from({ length: count }, (_, i) => id(i + 1));

function idsFile(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

/** The instance id in a data-dump URL. */
const instanceOf = (url: string) => /\/instances\/([^/]+)\/data-dump$/.exec(url)?.[1] ?? "";

let servers: { close(): Promise<void> }[] = [];
async function server(answer?: Answer | ((url: string, request: Received) => Answer | Promise<Answer>)) {
  const s = await loopbackServer(answer);
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const fleetArgs = (url: string, action: "open" | "close", ...extra: string[]) => [
  "data-dump",
  action,
  "--endpoint",
  url,
  "--project-id",
  PROJECT,
  "--bucket",
  "influxdb-obs",
  ...extra,
];

const jsonLines = (stdout: string) =>
  stdout
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line));

describe("a fleet of 200 instances from a file", () => {
  it("sends each id once, prints 200 JSON results and a summary", async () => {
    const s = await server((url) => ({ headers: { "x-request-id": `req-${instanceOf(url)}` } }));
    // Duplicates, comments and blank lines on top of 200 distinct ids.
    const lines = ["# instances of the Paris team", "", ...ids(200), ...ids(10), `${id(7)}   # again`, "   "];
    const file = idsFile("ids.txt", lines);
    const { code, stdout, stderr } = await geminidb(
      fleetArgs(s.url, "open", "--instances-file", file, "--output", "json"),
      ENV,
    );

    expect(code).toBe(0);
    expect(s.received).toHaveLength(200);
    expect(new Set(s.received.map((r) => instanceOf(r.url)))).toEqual(new Set(ids(200)));
    const results = jsonLines(stdout);
    expect(results).toHaveLength(200);
    expect(new Set(results.map((r) => r.instanceId))).toEqual(new Set(ids(200)));
    for (const result of results) {
      expect(result).toEqual({
        instanceId: result.instanceId,
        action: "open",
        bucket: "influxdb-obs",
        status: "succeeded",
        requestId: `req-${result.instanceId}`,
        attempts: 1,
      });
    }
    expect(stderr).toContain("note: 11 repeated instance id(s) will be done once");
    expect(stderr).toContain("opened 200 of 200 instances");
    // Not a terminal: plain progress lines, no bar.
    expect(stderr).toContain("progress: 200/200 done, 0 failed");
    expect(stderr).not.toContain("\r");
  });

  it("shows a progress bar under a pseudo-terminal, results still one JSON object per line", async () => {
    const s = await server();
    const file = idsFile("ids-pty.txt", ids(200));
    const { code, output } = await geminidbInPty(
      fleetArgs(s.url, "open", "--instances-file", file, "--output", "json"),
      ENV,
    );

    expect(code).toBe(0);
    expect(s.received).toHaveLength(200);
    expect(output).toMatch(/open \[[#.]{10,40}\] \d+\/200 done, 0 failed, [\d.]+\/s/);
    expect(output).toMatch(/open \[#+\] 200\/200 done/);
    const objects = output.split(/\r?\n/).flatMap((line) => {
      const json = /\{"instanceId".*\}/.exec(line)?.[0];
      return json ? [JSON.parse(json)] : [];
    });
    expect(objects).toHaveLength(200);
  });

  it("reads ids from stdin with --instances-file -", async () => {
    const s = await server();
    const { code, stdout } = await geminidb(fleetArgs(s.url, "open", "--instances-file", "-"), ENV, {
      input: `${ids(3).join("\n")}\n`,
    });
    expect(code).toBe(0);
    expect(s.received.map((r) => instanceOf(r.url)).sort()).toEqual(ids(3));
    expect(stdout.trimEnd().split("\n")).toHaveLength(3);
  });

  it("takes repeated --instance-id, together with a file", async () => {
    const s = await server();
    const file = idsFile("two.txt", [id(2), id(3)]);
    const { code } = await geminidb(
      fleetArgs(s.url, "open", "--instance-id", id(1), "--instance-id", id(2), "--instances-file", file),
      ENV,
    );
    expect(code).toBe(0);
    expect(s.received.map((r) => instanceOf(r.url)).sort()).toEqual(ids(3));
  });
});

describe("a fleet with failures", () => {
  // 3 and 5 do not exist; 8 fails with a server error.
  const failing = (url: string): Answer => {
    const instance = instanceOf(url);
    if (instance === id(3) || instance === id(5)) {
      const body = JSON.stringify({ error_code: "DBS.200001", error_msg: "The instance does not exist." });
      return { status: 404, headers: { "content-type": "application/json", "x-request-id": "req-404" }, body };
    }
    if (instance === id(8)) return { status: 500, body: "<html>oops</html>" };
    return {};
  };

  it("exits 5, and the summary names the failed instances grouped by error code", async () => {
    const s = await server(failing);
    const { code, stdout, stderr } = await geminidb(
      fleetArgs(s.url, "open", "--instances-file", idsFile("ten.txt", ids(10)), "--max-attempts", "1"),
      ENV,
    );
    expect(code).toBe(5);
    expect(stdout.trimEnd().split("\n")).toHaveLength(7);
    const summary = stderr.slice(stderr.indexOf("opened 7 of 10 instances, 3 failed"));
    expect(summary).toContain(`failed, DBS.200001 (2): The instance does not exist.\n    ${id(3)}\n    ${id(5)}\n`);
    expect(summary).toContain(`failed, HTTP 500 (1)`);
    expect(summary).toContain(`    ${id(8)}\n`);
    expect(stderr).toContain(
      `error: could not open data export of instance ${id(3)}: DBS.200001: The instance does not exist.`,
    );
  });

  it("--output json carries each error's status, code and message", async () => {
    const s = await server(failing);
    const { code, stdout } = await geminidb(
      fleetArgs(
        s.url,
        "open",
        "--instances-file",
        idsFile("ten-json.txt", ids(10)),
        "--max-attempts",
        "1",
        "--output",
        "json",
      ),
      ENV,
    );
    expect(code).toBe(5);
    const byId = new Map(jsonLines(stdout).map((r) => [r.instanceId, r]));
    expect(byId.get(id(3))).toEqual({
      instanceId: id(3),
      action: "open",
      bucket: "influxdb-obs",
      status: "failed",
      requestId: "req-404",
      attempts: 1,
      error: { status: 404, errorCode: "DBS.200001", errorMsg: "The instance does not exist.", kind: "api" },
    });
    expect(byId.get(id(8))?.error).toMatchObject({ status: 500, errorCode: null, kind: "api" });
    expect(byId.get(id(1))?.status).toBe("succeeded");
  });

  it("--output table prints one row per instance, in the order given", async () => {
    const s = await server(failing);
    const { code, stdout } = await geminidb(
      fleetArgs(
        s.url,
        "open",
        "--instances-file",
        idsFile("ten-table.txt", ids(10)),
        "--max-attempts",
        "1",
        "--output",
        "table",
      ),
      ENV,
    );
    expect(code).toBe(5);
    const rows = stdout.trimEnd().split("\n");
    expect(rows[0]).toMatch(/^INSTANCE +ACTION +BUCKET +STATUS +ATTEMPTS +REQUEST ID +ERROR$/);
    expect(rows.slice(1).map((row) => row.split(/ +/)[0])).toEqual(ids(10));
    expect(rows[3]).toMatch(/ failed +1 +req-404 +DBS\.200001: The instance does not exist\.$/);
    expect(stdout).not.toContain("\u001b[");
  });

  it("--fail-fast starts nothing after the first failure; the rest are listed as not done", async () => {
    const s = await server(failing);
    const { code, stdout, stderr } = await geminidb(
      fleetArgs(
        s.url,
        "open",
        "--instances-file",
        idsFile("ff.txt", ids(10)),
        "--concurrency",
        "1",
        "--fail-fast",
        "--output",
        "json",
      ),
      ENV,
    );
    expect(code).toBe(5);
    expect(s.received.map((r) => instanceOf(r.url))).toEqual(ids(3));
    const statuses = jsonLines(stdout).map((r) => [r.instanceId, r.status]);
    expect(statuses).toEqual([
      [id(1), "succeeded"],
      [id(2), "succeeded"],
      [id(3), "failed"],
      ...ids(10)
        .slice(3)
        .map((i) => [i, "skipped"]),
    ]);
    expect(stderr).toContain(
      "stopped at the first failure (--fail-fast): opened 2 of 10 instances, 1 failed, 7 not done",
    );
    expect(stderr).toContain(`  not done (7):\n    ${id(4)}\n`);
  });

  it("stops at a 401: the same credentials would be refused for every instance", async () => {
    const s = await server(() => ({
      status: 401,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information" }),
    }));
    const { code, stderr } = await geminidb(
      fleetArgs(s.url, "open", "--instances-file", idsFile("auth.txt", ids(20)), "--concurrency", "2"),
      ENV,
    );
    expect(code).toBe(3);
    expect(s.received.length).toBeLessThanOrEqual(2);
    expect(stderr).toContain("stopped: the API refused the credentials (HTTP 401)");
  });
});

describe("throttling", () => {
  it("a 429 pauses every worker for its Retry-After, not only the one that got it", async () => {
    let release: () => void = () => {};
    const firstFour = new Promise<void>((resolve) => (release = resolve));
    let throttledAt = 0;
    const s = await server(async (_url, request) => {
      const n = s.received.indexOf(request);
      if (n < 4) {
        // Hold the first four until all are in, so they are all in flight when the 429 lands.
        if (s.received.length === 4) release();
        await firstFour;
        if (n === 0) {
          throttledAt = Date.now();
          return { status: 429, headers: { "retry-after": "1" } };
        }
      }
      return {};
    });
    const { code, stderr } = await geminidb(
      fleetArgs(s.url, "open", "--instances-file", idsFile("throttle.txt", ids(8)), "--concurrency", "4"),
      ENV,
    );

    expect(code).toBe(0);
    expect(s.received).toHaveLength(9);
    expect(stderr).toContain("throttled (HTTP 429): all requests pause 1.0 s, then at most 2 at once");
    // Without the shared pause, the three other workers would send their next instance at once.
    const later = s.received.slice(4).map((r) => r.at - throttledAt);
    expect(Math.min(...later)).toBeGreaterThanOrEqual(900);
  });
});

describe("throttling and stopping together", () => {
  it("Ctrl-C while workers wait out a 429: exit 130, every instance accounted for", async () => {
    const s = await server(async (_url, request) => {
      if (s.received.indexOf(request) < 3) return { status: 429, headers: { "retry-after": "2" } };
      await new Promise((resolve) => setTimeout(resolve, 3000));
      return {};
    });
    const run = start(
      fleetArgs(
        s.url,
        "open",
        "--instances-file",
        idsFile("t-int.txt", ids(30)),
        "--concurrency",
        "8",
        "--output",
        "json",
      ),
      ENV,
    );
    await until(() => run.stderr().includes("throttled (HTTP 429)"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    run.child.kill("SIGINT");
    const { code, stdout, stderr } = await run.done;

    expect(code).toBe(130);
    const results = jsonLines(stdout);
    expect(results.map((r) => r.instanceId).sort()).toEqual(ids(30));
    expect(stderr).toMatch(/interrupted: opened \d+ of 30 instances/);
    expect(stderr).toContain("  not done (");
    expect(stderr.match(/throttled \(HTTP 429\)/g)).toHaveLength(1);
  });

  it("--fail-fast: a worker woken by the failing one's slot starts nothing", async () => {
    // id 1: a 429 that halves the slots to 2, then a slow retry that keeps its slot; id 3:
    // done at once, so its worker waits for a slot; id 2: fails while it waits.
    const s = await server(async (url, request) => {
      const instance = instanceOf(url);
      if (instance === id(1)) {
        if (s.received.filter((r) => instanceOf(r.url) === id(1))[0] === request) {
          return { status: 429, headers: { "retry-after": "0" } };
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return {};
      }
      if (instance === id(2)) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return { status: 404, body: JSON.stringify({ error_code: "DBS.200001", error_msg: "no such instance" }) };
      }
      return {};
    });
    const { code } = await geminidb(
      fleetArgs(
        s.url,
        "open",
        "--instances-file",
        idsFile("ff-throttle.txt", ids(6)),
        "--concurrency",
        "3",
        "--fail-fast",
      ),
      ENV,
    );
    expect(code).toBe(5);
    const sent = new Set(s.received.map((r) => instanceOf(r.url)));
    expect([...sent].sort()).toEqual(ids(3));
  });
});

describe("Ctrl-C", () => {
  it("once: nothing new starts, requests in flight finish, the summary says what was and was not done", async () => {
    let letGo: () => void = () => {};
    const held = new Promise<void>((resolve) => (letGo = resolve));
    const s = await server(async () => {
      await held;
      return {};
    });
    const run = start(
      fleetArgs(s.url, "open", "--instances-file", idsFile("int.txt", ids(6)), "--concurrency", "2"),
      ENV,
    );
    await until(() => s.received.length === 2);
    run.child.kill("SIGINT");
    await until(() => run.stderr().includes("stopping: waiting for 2 request(s) in flight"));
    letGo();
    const { code, stdout, stderr } = await run.done;

    expect(code).toBe(130);
    expect(s.received).toHaveLength(2);
    expect(stdout.trimEnd().split("\n")).toHaveLength(2);
    expect(stderr).toContain("interrupted: opened 2 of 6 instances, 4 not done");
    const done = s.received.map((r) => instanceOf(r.url));
    for (const instance of done) expect(stderr.split("  not done")[0]).toContain(`    ${instance}\n`);
    const notDone = stderr.split("  not done (4):\n")[1] ?? "";
    for (const instance of ids(6).filter((i) => !done.includes(i))) expect(notDone).toContain(`    ${instance}\n`);
  });

  it("twice: requests in flight are abandoned and reported as interrupted", async () => {
    const s = await server(() => new Promise<Answer>(() => {}));
    const run = start(
      fleetArgs(
        s.url,
        "open",
        "--instances-file",
        idsFile("int2.txt", ids(4)),
        "--concurrency",
        "2",
        "--output",
        "json",
      ),
      ENV,
    );
    await until(() => s.received.length === 2);
    run.child.kill("SIGINT");
    await until(() => run.stderr().includes("stopping"));
    run.child.kill("SIGINT");
    const { code, stdout, stderr } = await run.done;

    expect(code).toBe(130);
    const statuses = jsonLines(stdout)
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual(["interrupted", "interrupted", "skipped", "skipped"]);
    expect(stderr).toContain("2 interrupted in flight, 2 not done");
  });
});

describe("closing several instances", () => {
  it("without a terminal and without --yes: refused, nothing sent", async () => {
    const s = await server();
    const { code, stdout, stderr } = await geminidb(
      fleetArgs(s.url, "close", "--instance-id", id(1), "--instance-id", id(2)),
      ENV,
    );
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toContain(
      "refusing to close data export of 2 instances to OBS bucket influxdb-obs without confirmation",
    );
    expect(stderr).toContain("add --yes");
    expect(s.received).toHaveLength(0);
  });

  it("with --yes: done without asking", async () => {
    const s = await server();
    const { code } = await geminidb(
      fleetArgs(s.url, "close", "--instance-id", id(1), "--instance-id", id(2), "--yes"),
      ENV,
    );
    expect(code).toBe(0);
    expect(s.received.map((r) => JSON.parse(r.body).action)).toEqual(["close", "close"]);
  });

  it("one instance: no question", async () => {
    const s = await server();
    const { code } = await geminidb(fleetArgs(s.url, "close", "--instance-id", id(1)), ENV);
    expect(code).toBe(0);
    expect(s.received).toHaveLength(1);
  });

  it.each([
    ["y", 0, 3],
    ["n", 1, 0],
    ["", 1, 0],
  ])("on a terminal, answering %j: exit %i, %i sent", async (typed, exitCode, sent) => {
    const s = await server();
    const { code, output } = await geminidbInPty(
      fleetArgs(s.url, "close", "--instances-file", idsFile(`confirm-${typed}.txt`, ids(3))),
      ENV,
      (soFar) => (soFar.includes("Continue? [y/N] ") ? `${typed}\r` : undefined),
    );
    expect(output).toContain("About to close data export of 3 instances to OBS bucket influxdb-obs. Continue? [y/N]");
    expect(code).toBe(exitCode);
    expect(s.received).toHaveLength(sent);
    if (sent === 0) expect(output).toContain("Not confirmed: nothing was sent");
  });
});

describe("more input", () => {
  it("close with ids from stdin cannot ask: refused without --yes, nothing sent", async () => {
    const s = await server();
    const { code, stderr } = await geminidb(fleetArgs(s.url, "close", "--instances-file", "-"), ENV, {
      input: `${ids(2).join("\n")}\n`,
    });
    expect(code).toBe(2);
    expect(stderr).toContain("stdin held the instance ids; add --yes");
    expect(s.received).toHaveLength(0);
  });

  it("Ctrl-D at the confirmation is a no", async () => {
    const s = await server();
    const { code, output } = await geminidbInPty(
      fleetArgs(s.url, "close", "--instance-id", id(1), "--instance-id", id(2)),
      ENV,
      (soFar) => (soFar.includes("Continue? [y/N] ") ? "\u0004" : undefined),
    );
    expect(code).toBe(1);
    expect(output).toContain("Not confirmed: nothing was sent");
    expect(s.received).toHaveLength(0);
  });

  it("reads ids from a pipe: --instances-file <(command)", async () => {
    const s = await server();
    const args = fleetArgs(s.url, "open")
      .map((a) => `'${a}'`)
      .join(" ");
    const command = `'${process.execPath}' '${BIN}' ${args} --instances-file <(printf '%s\\n' ${ids(2).join(" ")})`;
    const code = await new Promise<number | null>((resolve) =>
      spawn("bash", ["-c", command], { env: { PATH: process.env.PATH ?? "", HOME: EMPTY_HOME, ...ENV } }).on(
        "close",
        resolve,
      ),
    );
    expect(code).toBe(0);
    expect(s.received).toHaveLength(2);
  });

  it("never quotes a line of a wrong file back (it may be a .env full of secrets)", async () => {
    const s = await server();
    const file = idsFile(".env", ["HUAWEICLOUD_SDK_SK=VerySecretValue123"]);
    const { code, stderr } = await geminidb(fleetArgs(s.url, "open", "--instances-file", file), ENV);
    expect(code).toBe(2);
    expect(stderr).toContain(".env line 1: must be 32 lowercase hexadecimal digits");
    expect(stderr).not.toContain("VerySecretValue123");
  });

  it("escapes U+2028 in JSON lines, so that every tool splits them right", async () => {
    const s = await server(() => ({
      status: 404,
      body: JSON.stringify({ error_code: "DBS.200001", error_msg: "line\u2028separator" }),
    }));
    const { stdout } = await geminidb(fleetArgs(s.url, "open", "--instance-id", id(1), "--output", "json"), ENV);
    expect(stdout).not.toContain("\u2028");
    expect(stdout).toContain("line\\u2028separator");
    expect(JSON.parse(stdout).error.errorMsg).toBe("line\u2028separator");
  });

  it("keeps the progress bar within a narrow terminal", async () => {
    const s = await server();
    const { code, output } = await geminidbInPty(
      fleetArgs(s.url, "open", "--instances-file", idsFile("narrow.txt", ids(20)), "--output", "json"),
      ENV,
      () => undefined,
      { columns: 40 },
    );
    expect(code).toBe(0);
    const drawn = output
      // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escapes are what it strips
      .replace(/\u001b\[[0-9;]*[A-Za-z]/g, "")
      .split(/[\r\n]+/)
      .filter((line) => line.includes(" done, "));
    expect(drawn.length).toBeGreaterThan(0);
    for (const line of drawn) expect(line.length).toBeLessThanOrEqual(39);
  });
});

describe("bad fleet input is refused before anything is sent (exit 2)", () => {
  it.each([
    [
      "a bad id on line 3",
      () => ["--instances-file", idsFile("bad.txt", [id(1), "# ok", "not-an-id"])],
      "bad.txt line 3: must be 32 lowercase hexadecimal digits",
    ],
    ["a missing file", () => ["--instances-file", join(dir, "nope.txt")], "nope.txt: no such file"],
    ["a directory", () => ["--instances-file", dir], "is not a regular file"],
    [
      "a file of comments only",
      () => ["--instances-file", idsFile("empty.txt", ["# nothing", ""])],
      "error: no instance ids in",
    ],
    [
      "concurrency 0",
      () => ["--instance-id", id(1), "--concurrency", "0"],
      "error: --concurrency must be a whole number from 1 to 64",
    ],
    [
      "concurrency 65",
      () => ["--instance-id", id(1), "--concurrency", "65"],
      "error: --concurrency must be a whole number from 1 to 64",
    ],
    [
      "an unknown output",
      () => ["--instance-id", id(1), "--output", "jsn"],
      'error: --output must be one of text, json, table (got "jsn"); did you mean json?',
    ],
  ])("%s", async (_name, extra, message) => {
    const s = await server();
    const { code, stdout, stderr } = await geminidb(fleetArgs(s.url, "open", ...extra()), ENV);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toContain(message);
    expect(s.received).toHaveLength(0);
  });
});

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
