import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, EMPTY_HOME, geminidb, loopbackServer, openExampleArgs, PROJECT } from "./run.js";

const SK = "secret-key-MUST-NOT-PRINT-0123456789abc";
const SECURITY_TOKEN = "security-token-MUST-NOT-PRINT";
const SUBJECT_TOKEN = "subject-token-MUST-NOT-PRINT";
const PASSWORD = "password-MUST-NOT-PRINT";

let server: Awaited<ReturnType<typeof loopbackServer>>;
beforeAll(async () => {
  // Answers a data-dump PUT with 200, an IAM login with a token (in a header a debug log must hide).
  server = await loopbackServer((url) =>
    url === "/v3/auth/tokens"
      ? {
          status: 201,
          headers: { "x-subject-token": SUBJECT_TOKEN, "content-type": "application/json" },
          body: JSON.stringify({
            token: { expires_at: "2099-01-01T00:00:00Z", project: { id: PROJECT, name: "ap-southeast-1" } },
          }),
        }
      : {},
  );
});
afterAll(() => server.close());

const loginArgs = () => [
  "auth",
  "login",
  "--iam-endpoint",
  server.url,
  "--region",
  "ap-southeast-1",
  "--user-name",
  "u",
  "--domain-name",
  "d",
];

describe("secrets never reach stdout or stderr", () => {
  it("--debug with temporary AK/SK credentials: no SK, security token or signature", async () => {
    server.received.length = 0;
    const { code, stdout, stderr } = await geminidb(openExampleArgs(server.url, "--debug"), {
      HUAWEICLOUD_SDK_AK: "AKAKAKAKAKAKAKAKAKAK",
      HUAWEICLOUD_SDK_SK: SK,
      HUAWEICLOUD_SDK_SECURITY_TOKEN: SECURITY_TOKEN,
    });
    expect(code).toBe(0);
    const signature = /Signature=([0-9a-f]{64})/.exec(String(server.received[0]?.headers.authorization))?.[1];
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    const output = stdout + stderr;
    for (const secret of [SK, SECURITY_TOKEN, signature as string]) expect(output).not.toContain(secret);
    expect(stderr).toContain("debug: > authorization: [redacted]");
    expect(stderr).toContain("debug: > x-security-token: [redacted]");
  });

  it("auth login --debug: no password and no token", async () => {
    const config = mkdtempSync(join(tmpdir(), "geminidb-secrets-"));
    const { code, stdout, stderr } = await geminidb([...loginArgs(), "--debug"], {
      HW_USER_PASSWORD: PASSWORD,
      XDG_CONFIG_HOME: config,
    });
    expect(code).toBe(0);
    for (const secret of [PASSWORD, SUBJECT_TOKEN]) expect(stdout + stderr).not.toContain(secret);
    expect(stderr).toContain('"password":"[redacted]"');
    expect(stderr).toContain("debug: < x-subject-token: [redacted]");
  });
});

describe("the password prompt", () => {
  it("reads the password on a terminal without echoing it", async () => {
    server.received.length = 0;
    const config = mkdtempSync(join(tmpdir(), "geminidb-prompt-"));
    const command = [process.execPath, BIN, ...loginArgs()].map((part) => `'${part}'`).join(" ");
    // util-linux `script` runs the CLI under a pseudo-terminal fed from our pipe.
    const child = spawn("script", ["-qec", command, "/dev/null"], {
      env: { PATH: process.env.PATH ?? "", HOME: EMPTY_HOME, XDG_CONFIG_HOME: config, TERM: "dumb" },
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.includes("Password for u: ") && !child.stdin.writableEnded) child.stdin.end(`${PASSWORD}\r`);
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));

    expect(code).toBe(0);
    expect(output).toContain("Logged in as u (d)");
    expect(output).not.toContain(PASSWORD);
    expect(JSON.parse(server.received[0]?.body ?? "{}").auth.identity.password.user.password).toBe(PASSWORD);
    expect(JSON.parse(readFileSync(join(config, "geminidb", "token.json"), "utf8")).token).toBe(SUBJECT_TOKEN);
  });
});
