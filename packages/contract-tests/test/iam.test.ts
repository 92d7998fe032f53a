import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createIamClient } from "@geminidb-kit/client/iam";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { EXAMPLE, EXAMPLE_PATH, KEYS } from "./support/example.js";
import { type Exchange, useRecorder } from "./support/recorder.js";

const iam = useRecorder("iamPrismUrl");
const gaussdb = useRecorder("prismUrl");

// The spec's examples, which the IAM mock answers with.
const TOKEN_EXAMPLE = "MIIDkgYJKoZIhvcNAQcCoIIDgzCCA38CAQExDTALBglghkgBZQMEAgEwgXXXXX";
const PASSWORD = "operator-password-SECRET";

let config: string;
beforeEach(() => {
  config = mkdtempSync(join(tmpdir(), "geminidb-config-"));
});

function noViolations(exchanges: Exchange[]) {
  expect(exchanges.flatMap((e) => e.violations)).toEqual([]);
}

const loginArgs = () => [
  "auth",
  "login",
  "--iam-endpoint",
  iam.url,
  "--region",
  "ap-southeast-1",
  "--user-name",
  "operator",
  "--domain-name",
  "example-account",
];
const openArgs = () => [
  "data-dump",
  "open",
  "--endpoint",
  gaussdb.url,
  "--instance-id",
  EXAMPLE.instanceId,
  "--bucket",
  EXAMPLE.bucketName,
];

describe("geminidb auth login against the IAM mock", () => {
  it("caches the token with mode 0600, and the next command uses it", async () => {
    const login = await runCli(loginArgs(), { XDG_CONFIG_HOME: config, HW_USER_PASSWORD: PASSWORD });
    expect({ code: login.code, stderr: login.stderr }).toEqual({ code: 0, stderr: "" });
    expect(login.stdout).toMatch(
      /^Logged in as operator \(example-account\) for project ap-southeast-1; the token is cached in .*token\.json until 2099-01-02T16:05:09\.000Z\n$/,
    );
    expect(login.stdout + login.stderr).not.toContain(TOKEN_EXAMPLE);
    expect(login.stdout + login.stderr).not.toContain(PASSWORD);

    expect(iam.exchanges).toHaveLength(1);
    noViolations(iam.exchanges);
    expect(iam.exchanges[0]?.status).toBe(201);
    expect(JSON.parse(iam.exchanges[0]?.body ?? "")).toEqual({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: "operator", password: PASSWORD, domain: { name: "example-account" } } },
        },
        scope: { project: { name: "ap-southeast-1" } },
      },
    });

    const file = join(config, "geminidb", "token.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(config, "geminidb")).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({
      token: TOKEN_EXAMPLE,
      expiresAt: "2099-01-02T16:05:09.000Z",
      projectId: EXAMPLE.projectId,
    });

    // No other credentials, no project id: both come from the login.
    const open = await runCli(openArgs(), { XDG_CONFIG_HOME: config });
    expect({ code: open.code, stderr: open.stderr }).toEqual({ code: 0, stderr: "" });
    expect(gaussdb.exchanges).toHaveLength(1);
    noViolations(gaussdb.exchanges);
    expect(gaussdb.exchanges[0]?.headers["x-auth-token"]).toBe(TOKEN_EXAMPLE);
    expect(gaussdb.exchanges[0]?.path).toBe(EXAMPLE_PATH);
  });

  it("asks to log in again when the cached token is about to expire, sending nothing", async () => {
    mkdirSync(join(config, "geminidb"), { recursive: true });
    const soon = new Date(Date.now() + 60_000).toISOString();
    writeFileSync(
      join(config, "geminidb", "token.json"),
      JSON.stringify({ token: "old", expiresAt: soon, projectId: EXAMPLE.projectId }),
    );
    const { code, stderr } = await runCli(openArgs(), { XDG_CONFIG_HOME: config });
    expect(code).toBe(3);
    expect(stderr).toBe(
      `error: the token from 'geminidb auth login' expires at ${soon}: run 'geminidb auth login' again\n`,
    );
    expect(gaussdb.exchanges).toHaveLength(0);
  });

  it("exits 3 when IAM refuses the password", async () => {
    iam.preferStatus = 401;
    const { code, stdout, stderr } = await runCli(loginArgs(), { XDG_CONFIG_HOME: config, HW_USER_PASSWORD: PASSWORD });
    expect({ code, stdout }).toEqual({ code: 3, stdout: "" });
    expect(stderr).toContain("error: could not log in as operator: the API answered HTTP 401");
    expect(stderr).toContain("error_msg:  The username or password is wrong.");
    noViolations(iam.exchanges);
  });

  it("refuses to run without a password and without a terminal", async () => {
    const { code, stderr } = await runCli(loginArgs(), { XDG_CONFIG_HOME: config });
    expect(code).toBe(3);
    expect(stderr).toBe("error: no password: set HW_USER_PASSWORD, or run on a terminal to be asked for it\n");
    expect(iam.exchanges).toHaveLength(0);
  });
});

describe("the project id looked up in IAM", () => {
  const keys = { HUAWEICLOUD_SDK_AK: KEYS.accessKey, HUAWEICLOUD_SDK_SK: KEYS.secretKey };
  const args = () => [...openArgs(), "--region", "ap-southeast-1", "--iam-endpoint", iam.url];

  it("is found by the region's name with a signed request, then cached", async () => {
    const first = await runCli(args(), { ...keys, XDG_CONFIG_HOME: config });
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: "" });
    expect(iam.exchanges.map((e) => [e.method, e.path])).toEqual([["GET", "/v3/projects?name=ap-southeast-1"]]);
    expect(iam.exchanges[0]?.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=/);
    noViolations(iam.exchanges);
    expect(gaussdb.exchanges.map((e) => e.path)).toEqual([EXAMPLE_PATH]);
    noViolations(gaussdb.exchanges);

    const second = await runCli(args(), { ...keys, XDG_CONFIG_HOME: config });
    expect(second.code).toBe(0);
    expect(iam.exchanges).toHaveLength(1);
    expect(gaussdb.exchanges).toHaveLength(2);
  });
});

describe("a config dir that cannot be written", () => {
  it("only costs the cache: the lookup result is used, with a warning", async () => {
    const notADir = join(config, "file");
    writeFileSync(notADir, "");
    const { code, stderr } = await runCli([...openArgs(), "--region", "ap-southeast-1", "--iam-endpoint", iam.url], {
      HUAWEICLOUD_SDK_AK: KEYS.accessKey,
      HUAWEICLOUD_SDK_SK: KEYS.secretKey,
      XDG_CONFIG_HOME: notADir,
    });
    expect(code).toBe(0);
    expect(stderr).toMatch(/^warning: the project id is not cached: cannot write .*: (ENOTDIR|EEXIST)\n$/);
    expect(gaussdb.exchanges.map((e) => e.path)).toEqual([EXAMPLE_PATH]);
  });

  it("fails a login with one line, exit 1", async () => {
    const notADir = join(config, "file");
    writeFileSync(notADir, "");
    const { code, stdout, stderr } = await runCli(loginArgs(), {
      XDG_CONFIG_HOME: notADir,
      HW_USER_PASSWORD: PASSWORD,
    });
    expect({ code, stdout }).toEqual({ code: 1, stdout: "" });
    expect(stderr).toMatch(/^error: cannot write .*token\.json: (ENOTDIR|EEXIST)\n$/);
  });
});

describe("the IAM client against the IAM mock", () => {
  it("obtains a token by password and finds a project, with no violation", async () => {
    const client = createIamClient({ endpoint: iam.url });
    const token = await client.createTokenByPassword({
      userName: "operator",
      password: PASSWORD,
      domainName: "example-account",
      projectId: EXAMPLE.projectId,
    });
    expect(token.token).toBe(TOKEN_EXAMPLE);
    const signed = createIamClient({ endpoint: iam.url, ...KEYS });
    expect(await signed.findProjectId("ap-southeast-1")).toBe(EXAMPLE.projectId);
    expect(iam.exchanges).toHaveLength(2);
    noViolations(iam.exchanges);
  });
});

// Every error status the IAM spec documents, for both calls: the client turns each into an
// ApiError with the status and IAM's code, and sent nothing Prism objects to.
const IAM_ERROR_STATUSES = {
  token: [400, 401, 403, 404, 500],
  projects: [400, 401, 403, 404, 500],
};

describe("the IAM client meets each documented IAM error", () => {
  it.each(IAM_ERROR_STATUSES.token)("password login answered %i", async (status) => {
    iam.preferStatus = status;
    const client = createIamClient({ endpoint: iam.url });
    const failure = client.createTokenByPassword({
      userName: "operator",
      password: PASSWORD,
      domainName: "example-account",
      projectId: EXAMPLE.projectId,
    });
    await expect(failure).rejects.toMatchObject({ status, errorCode: String(status) });
    noViolations(iam.exchanges);
  });

  it.each(IAM_ERROR_STATUSES.projects)("project look-up answered %i", async (status) => {
    iam.preferStatus = status;
    const signed = createIamClient({ endpoint: iam.url, ...KEYS });
    await expect(signed.findProjectId("ap-southeast-1", { maxAttempts: 1 })).rejects.toMatchObject({
      status,
      errorCode: String(status),
    });
    noViolations(iam.exchanges);
  });
});
