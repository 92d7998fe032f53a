import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module script (gate/), run by scripts/contract-gate
import { startUpstream } from "../gate/upstreams.mjs";
import { TOKEN } from "./support/example.js";

// The proxy gate (scripts/contract-gate) against local upstreams: it passes against the one
// that behaves as documented and fails, naming the violation, against each broken one and
// for each wrong request. This is the gate's self-test; it is part of scripts/test.

const GATE = fileURLToPath(new URL("../gate/contract-gate.mjs", import.meta.url));

interface Upstream {
  url: string;
  requests(): number;
  close(): Promise<void>;
}

function gate(
  args: string[],
  env: Record<string, string> = { HW_AUTH_TOKEN: TOKEN },
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [GATE, ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent", ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => resolve({ code, output }));
  });
}

const upstreams = new Map<string, Upstream>();
beforeAll(async () => {
  for (const kind of [
    "good",
    "json-200",
    "204",
    "undeclared-status",
    "error-without-code",
    "gateway-401",
    "empty-json-200",
    "hang",
    "501",
    "redirect",
  ]) {
    upstreams.set(kind, (await startUpstream(kind)) as Upstream);
  }
});
afterAll(async () => {
  await Promise.all([...upstreams.values()].map((upstream) => upstream.close()));
});
const url = (kind: string) => (upstreams.get(kind) as Upstream).url;

// Each run starts Prism and the CLI: generous time on a loaded machine.
describe.concurrent("scripts/contract-gate against local upstreams", { timeout: 150_000 }, () => {
  it("passes against the well-behaved upstream: client and CLI, open and close, no violation", async () => {
    const { code, output } = await gate(["--upstream", url("good")]);
    expect(output).toMatch(/client: PUT \/v3\/\w+\/instances\/\w+\/data-dump -> 200 {2}ok/);
    expect(output).toMatch(/cli: PUT \/v3\/\w+\/instances\/\w+\/data-dump -> 200 {2}ok/);
    expect(output.match(/-> 200 {2}ok/g)).toHaveLength(4);
    expect(output).toContain("operations exercised: 1 of 1: SetInstanceDataDump (200)");
    expect(output).toContain("violations: none");
    expect(code).toBe(0);
  });

  it.each([
    ["json-200", "HTTP 200 came with a 18-byte body; the spec declares none for SetInstanceDataDump"],
    ["204", "status 204 is not declared for SetInstanceDataDump (declared: 200, 400, 401, 403, 404, 500)"],
    ["undeclared-status", "status 409 is not declared for SetInstanceDataDump"],
    ["error-without-code", "HTTP 404 body lacks the required field error_code"],
  ])("fails against the %s upstream, naming the violation", async (kind, violation) => {
    const { code, output } = await gate(["--upstream", url(kind)]);
    expect(output).toContain(`violation: ${violation}`);
    expect(output).toMatch(/violations: [1-9]/);
    expect(code).toBe(1);
  });

  it("passes against an empty 200 labelled JSON (Prism would trip on the label: it is dropped, and said)", async () => {
    const { code, output } = await gate(["--upstream", url("empty-json-200")]);
    expect(output).toContain("note: client: dropped Content-Type application/json of an empty 200");
    expect(output).toContain("violations: none");
    expect(code).toBe(0);
  });

  it("fails when the service refuses the credentials: a conforming 401 opens nothing", async () => {
    const { code, output } = await gate(["--upstream", url("gateway-401")]);
    expect(output).toContain("violation: HTTP 401: the gate needs open and close to succeed");
    expect(code).toBe(1);
  });

  it("fails, and does not hang, when the upstream never answers", async () => {
    const { code, output } = await gate(["--upstream", url("hang"), "--timeout", "1"]);
    // How many requests get through before each times out depends on timing; that none
    // succeeded, and why, does not.
    expect(output).toContain("the upstream could not be reached: no answer in time");
    expect(output).not.toContain("-> 200");
    expect(code).toBe(1);
  });

  it.each([
    ["501", "the upstream answered 501, which the spec does not declare"],
    ["redirect", "the upstream answered 307 (a redirect to /elsewhere)"],
  ])("fails on what Prism's proxy hides: %s", async (kind, violation) => {
    const { code, output } = await gate(["--upstream", url(kind), "--timeout", "5"]);
    expect(output).toContain(violation);
    expect(code).toBe(1);
  });

  it("fails when the upstream is down, saying so", async () => {
    const { code, output } = await gate(["--upstream", "http://127.0.0.1:9", "--timeout", "2"]);
    expect(output).toContain("the upstream could not be reached: connect ECONNREFUSED 127.0.0.1:9");
    expect(code).toBe(1);
  });

  it("refuses AK/SK: a signature covers the Host header, which the proxies change", async () => {
    const { code, output } = await gate(["--upstream", url("good")], {
      HUAWEICLOUD_SDK_AK: "AKGATEAKGATEAKGATE",
      HUAWEICLOUD_SDK_SK: "gate-secret-key-0123456789",
    });
    expect(output).toContain("the gate needs an IAM token (HW_AUTH_TOKEN, or 'geminidb auth login')");
    expect(output).not.toContain("gate-secret-key-0123456789");
    expect(code).toBe(2);
  });

  it.each([
    ["enable", "action must be equal to one of the allowed values: open, close"],
    ["no-token", "Invalid security scheme used"],
    ["id-in-body", "must NOT have additional properties; found 'instance_id'"],
    ["bucketName", "must have required property 'bucket_name'"],
  ])("fails on a wrong request (%s), naming the violation", async (variant, violation) => {
    const { code, output } = await gate(["--upstream", url("good"), "--send-raw", variant]);
    expect(output).toContain(violation);
    expect(code).toBe(1);
  });

  it.each([
    [[], "--upstream URL is required"],
    [
      ["--upstream", "https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com"],
      "give --project-id, --instance-id and --bucket",
    ],
    [["--upstream", "http://127.0.0.1:1", "--send-raw", "nope"], "--send-raw must be one of"],
  ])("refuses %j with exit 2", async (args, message) => {
    const { code, output } = await gate(args);
    expect(output).toContain(message);
    expect(code).toBe(2);
  });
});
