import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { geminidb, INSTANCE, loopbackServer, openExampleArgs, PROJECT } from "./run.js";

// --dry-run shows the exact request and a curl equivalent, and sends nothing.

const TOKEN = "dry-run-token-SECRET-31337";
const SK = "dry-run-sk-SECRET-0123456789";
/** How the curl line reads the token: from the shell's environment, failing when unset. */
const FROM_ENV = ["$", "{HW_AUTH_TOKEN:?set HW_AUTH_TOKEN}"].join("");

let server: Awaited<ReturnType<typeof loopbackServer>>;
beforeAll(async () => {
  server = await loopbackServer();
});
afterAll(() => server.close());

describe("--dry-run", () => {
  it("with a token: the request, a curl line reading $HW_AUTH_TOKEN, nothing sent, exit 0", async () => {
    server.received.length = 0;
    const { code, stdout, stderr } = await geminidb(openExampleArgs(server.url, "--dry-run"), { HW_AUTH_TOKEN: TOKEN });
    expect(code).toBe(0);
    expect(server.received).toHaveLength(0);
    const url = `${server.url}/v3/${PROJECT}/instances/${INSTANCE}/data-dump`;
    expect(stdout).toContain(`PUT ${url}\ncontent-type: application/json\nx-auth-token: [redacted]\n\n`);
    expect(stdout).toContain('{"bucket_name":"influxdb-obs","action":"open"}');
    expect(stdout).toContain(`curl --fail-with-body -sS -X PUT '${url}' \\\n`);
    expect(stdout).toContain(`-H "X-Auth-Token: ${FROM_ENV}"`);
    expect(stdout).toContain(`--data-raw '{"bucket_name":"influxdb-obs","action":"open"}'`);
    expect(stdout).not.toContain(TOKEN);
    expect(stderr).toBe("dry run: nothing was sent (1 request(s) shown)\n");
  });

  it("the curl line, run by a shell with the token in the environment, sends the same request", async () => {
    server.received.length = 0;
    const { stdout } = await geminidb(openExampleArgs(server.url, "--dry-run"), { HW_AUTH_TOKEN: TOKEN });
    const curl = stdout.slice(stdout.indexOf("curl "));
    // Asynchronously: the server answering curl lives in this process.
    const ran = await new Promise<number | null>((resolve) =>
      spawn("bash", ["-c", curl], { env: { PATH: process.env.PATH ?? "", HW_AUTH_TOKEN: TOKEN } }).on("close", resolve),
    );
    expect(ran).toBe(0);
    expect(server.received).toHaveLength(1);
    const sent = server.received[0];
    expect(sent?.method).toBe("PUT");
    expect(sent?.url).toBe(`/v3/${PROJECT}/instances/${INSTANCE}/data-dump`);
    expect(sent?.headers["x-auth-token"]).toBe(TOKEN);
    expect(JSON.parse(sent?.body ?? "")).toEqual({ bucket_name: "influxdb-obs", action: "open" });
  });

  it("with AK/SK: says why there is no curl line instead of printing a stale signature", async () => {
    server.received.length = 0;
    const { code, stdout } = await geminidb(openExampleArgs(server.url, "--dry-run"), {
      HUAWEICLOUD_SDK_AK: "AKDRYRUNAKDRYRUN",
      HUAWEICLOUD_SDK_SK: SK,
    });
    expect(code).toBe(0);
    expect(server.received).toHaveLength(0);
    expect(stdout).toContain("authorization: [redacted]");
    expect(stdout).toMatch(/x-sdk-date: \d{8}T\d{6}Z/);
    expect(stdout).toContain("# No curl line: this request is signed with your access key");
    expect(stdout).not.toContain("curl --");
    expect(stdout).not.toMatch(/Signature=/);
  });

  it("--output json: one object per request, secrets redacted", async () => {
    const { code, stdout } = await geminidb(openExampleArgs(server.url, "--dry-run", "--output", "json"), {
      HW_AUTH_TOKEN: TOKEN,
    });
    expect(code).toBe(0);
    const shown = JSON.parse(stdout);
    expect(shown).toMatchObject({
      instanceId: INSTANCE,
      action: "open",
      bucket: "influxdb-obs",
      dryRun: true,
      method: "PUT",
      headers: { "x-auth-token": "[redacted]", "content-type": "application/json" },
      body: '{"bucket_name":"influxdb-obs","action":"open"}',
    });
    expect(shown.curl).toContain(FROM_ENV);
  });

  it("for several instances: one request each, no confirmation asked for close, nothing sent", async () => {
    server.received.length = 0;
    const other = `${"1".repeat(32)}in01`;
    const args = openExampleArgs(server.url, "--dry-run", "--instance-id", other);
    args[1] = "close";
    const { code, stdout } = await geminidb(args, { HW_AUTH_TOKEN: TOKEN });
    expect(code).toBe(0);
    expect(server.received).toHaveLength(0);
    expect(stdout.match(/^PUT /gm)).toHaveLength(2);
    expect(stdout).toContain(`/instances/${other}/data-dump`);
  });

  it("with a project id that would have to be looked up in IAM: refused, nothing sent", async () => {
    server.received.length = 0;
    const { code, stderr } = await geminidb(
      [
        "data-dump",
        "open",
        "--region",
        "ap-southeast-1",
        "--endpoint",
        server.url,
        "--iam-endpoint",
        server.url,
        "--instance-id",
        INSTANCE,
        "--bucket",
        "influxdb-obs",
        "--dry-run",
      ],
      { HUAWEICLOUD_SDK_AK: "AKDRYRUNAKDRYRUN", HUAWEICLOUD_SDK_SK: SK },
    );
    expect(code).toBe(2);
    expect(stderr).toContain("--dry-run sends nothing, so it cannot look up the project of ap-southeast-1 in IAM");
    expect(server.received).toHaveLength(0);
  });
});

describe("--debug logs each attempt", () => {
  it("method, URL, status, duration, attempt number, request id and the retry decision", async () => {
    let n = 0;
    const flaky = await loopbackServer(() =>
      ++n === 1
        ? { status: 503, headers: { "x-request-id": "req-first" } }
        : { headers: { "x-request-id": "req-second" } },
    );
    try {
      const { code, stderr } = await geminidb(openExampleArgs(flaky.url, "--debug"), { HW_AUTH_TOKEN: TOKEN });
      expect(code).toBe(0);
      const url = `${flaky.url}/v3/${PROJECT}/instances/${INSTANCE}/data-dump`;
      expect(stderr).toContain(`debug: > PUT ${url} (attempt 1)`);
      expect(stderr).toMatch(
        new RegExp(`debug: < 503 Service Unavailable \\(\\d+ ms\\) PUT ${url}, attempt 1, request id req-first`),
      );
      expect(stderr).toMatch(/debug: retrying in \d+ ms \(attempt 2 of 3\) after: .*503/);
      expect(stderr).toContain(`debug: > PUT ${url} (attempt 2)`);
      expect(stderr).toMatch(new RegExp(`debug: < 200 OK \\(\\d+ ms\\) PUT ${url}, attempt 2, request id req-second`));
      expect(stderr).toContain("debug: > x-auth-token: [redacted]");
    } finally {
      await flaky.close();
    }
  });
});
