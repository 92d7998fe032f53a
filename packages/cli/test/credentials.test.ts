import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { geminidb, loopbackServer } from "./run.js";

const require = createRequire(import.meta.url);
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner");

const PROJECT = "0549b4a43100d4f32f51c01c2fe4acdb";
const OTHER_PROJECT = "11111111111111111111111111111111";
const INSTANCE = "0a9a2be86bdf493981d17626ad2f8668in13";
const SDK = { ak: "SDKAKAAAAAAAAAAAAAAA", sk: "sdk-secret-key-SHOULD-NEVER-PRINT-0001" };
const TF = { ak: "TFAKAAAAAAAAAAAAAAAA", sk: "tf-secret-key-SHOULD-NEVER-PRINT-00002" };
const FILE = { ak: "FILEAKAAAAAAAAAAAAAA", sk: "file-secret-key-SHOULD-NEVER-PRINT-003" };
const OTHER = { ak: "OTHERAKAAAAAAAAAAAAA", sk: "other-secret-key-SHOULD-NEVER-PRINT-04" };
const TOKEN = "iam-token-SHOULD-NEVER-PRINT";
const SECRETS = [SDK.sk, TF.sk, FILE.sk, OTHER.sk, TOKEN];

let server: Awaited<ReturnType<typeof loopbackServer>>;
beforeAll(async () => {
  server = await loopbackServer({ headers: { "x-request-id": "req-cred" } });
});
afterAll(() => server.close());
beforeEach(() => {
  server.received.length = 0;
});

const home = mkdtempSync(join(tmpdir(), "geminidb-creds-"));
const credentialsFile = join(home, "credentials");
writeFileSync(
  credentialsFile,
  [
    "# the official SDKs' credentials file",
    "[default]",
    `ak = ${FILE.ak}`,
    `sk = ${FILE.sk}`,
    `project_id = ${OTHER_PROJECT}`,
    "",
    "[other]",
    `ak = ${OTHER.ak}`,
    `sk = ${OTHER.sk}`,
    "security_token = other-temporary-token",
  ].join("\n"),
);

async function open(env: Record<string, string>, ...extra: string[]) {
  const args = ["data-dump", "open", "--endpoint", server.url, "--instance-id", INSTANCE, "--bucket", "influxdb-obs"];
  const result = await geminidb([...args, ...extra], env);
  for (const secret of SECRETS) {
    expect(result.stdout + result.stderr).not.toContain(secret);
  }
  return result;
}

/** Which credentials the one request used: the AK of its signature, or "token". */
function usedCredentials(): string {
  expect(server.received).toHaveLength(1);
  const headers = server.received[0]?.headers ?? {};
  if (headers["x-auth-token"]) return "token";
  return /Access=([^,]+),/.exec(String(headers.authorization))?.[1] ?? "none";
}

const sdkVars = { HUAWEICLOUD_SDK_AK: SDK.ak, HUAWEICLOUD_SDK_SK: SDK.sk };
const tfVars = { HW_ACCESS_KEY: TF.ak, HW_SECRET_KEY: TF.sk };
const fileVar = { HUAWEICLOUD_SDK_CREDENTIALS_FILE: credentialsFile };

describe("with only HUAWEICLOUD_SDK_AK, _SK and _PROJECT_ID", () => {
  it("signs the request exactly as the official SDK does", async () => {
    const { code, stdout } = await open({ ...sdkVars, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Opened data export/);

    const [request] = server.received as [(typeof server.received)[number]];
    const url = new URL(request.url, server.url);
    expect(url.pathname).toBe(`/v3/${PROJECT}/instances/${INSTANCE}/data-dump`);
    expect(request.headers["x-project-id"]).toBe(PROJECT);
    expect(request.headers["x-sdk-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    // What the official signer computes for the same method, URL, signed headers, body and date.
    const signed = /SignedHeaders=([^,]+),/.exec(String(request.headers.authorization))?.[1]?.split(";") ?? [];
    expect(signed).toEqual(["content-type", "host", "x-project-id", "x-sdk-date"]);
    const official = AKSKSigner.sign(
      {
        method: request.method,
        endpoint: `${server.url}${url.pathname}`,
        headers: {
          "content-type": request.headers["content-type"],
          "x-project-id": request.headers["x-project-id"],
          "X-Sdk-Date": request.headers["x-sdk-date"],
        },
        queryParams: {},
        data: JSON.parse(request.body),
      },
      { getAk: () => SDK.ak, getSk: () => SDK.sk },
    );
    expect(request.headers.authorization).toBe(official.Authorization);
  });
});

describe("the credential chain, first match wins", () => {
  const cases: [string, Record<string, string>, string[], string][] = [
    ["SDK variables over Terraform variables", { ...sdkVars, ...tfVars, ...fileVar }, [], SDK.ak],
    ["Terraform AK/SK over HW_AUTH_TOKEN", { ...tfVars, HW_AUTH_TOKEN: TOKEN, ...fileVar }, [], TF.ak],
    ["HW_AUTH_TOKEN over the profile file", { HW_AUTH_TOKEN: TOKEN, ...fileVar }, [], "token"],
    ["the default profile when nothing else is set", { ...fileVar }, [], FILE.ak],
    [
      "--profile over every variable",
      { ...sdkVars, ...tfVars, HW_AUTH_TOKEN: TOKEN, ...fileVar },
      ["--profile", "other"],
      OTHER.ak,
    ],
  ];
  it.each(cases)("%s", async (_name, env, extra, expected) => {
    const { code, stderr } = await open({ HW_PROJECT_ID: PROJECT, ...env }, ...extra);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(usedCredentials()).toBe(expected);
  });

  it("finds ~/.huaweicloud/credentials without HUAWEICLOUD_SDK_CREDENTIALS_FILE", async () => {
    const userHome = mkdtempSync(join(tmpdir(), "geminidb-home-"));
    const { mkdirSync, copyFileSync } = await import("node:fs");
    mkdirSync(join(userHome, ".huaweicloud"));
    copyFileSync(credentialsFile, join(userHome, ".huaweicloud", "credentials"));
    const { code } = await open({ HOME: userHome });
    expect(code).toBe(0);
    expect(usedCredentials()).toBe(FILE.ak);
  });

  it("sends the security token of temporary credentials, signed", async () => {
    const { code } = await open({ ...fileVar, HW_PROJECT_ID: PROJECT }, "--profile", "other");
    expect(code).toBe(0);
    const headers = server.received[0]?.headers ?? {};
    expect(headers["x-security-token"]).toBe("other-temporary-token");
    expect(String(headers.authorization)).toContain(";x-security-token,");
  });

  it("takes HW_SECURITY_TOKEN with the Terraform variables", async () => {
    const { code } = await open({ ...tfVars, HW_SECURITY_TOKEN: "tf-temp", HW_PROJECT_ID: PROJECT });
    expect(code).toBe(0);
    expect(server.received[0]?.headers["x-security-token"]).toBe("tf-temp");
  });

  it("uses the login token only after the default profile", async () => {
    const config = mkdtempSync(join(tmpdir(), "geminidb-login-"));
    mkdirSync(join(config, "geminidb"));
    writeFileSync(
      join(config, "geminidb", "token.json"),
      JSON.stringify({ token: "login-token", expiresAt: "2099-01-01T00:00:00Z", projectId: PROJECT }),
    );
    const withProfile = await open({ ...fileVar, HW_PROJECT_ID: PROJECT, XDG_CONFIG_HOME: config });
    expect(withProfile.code).toBe(0);
    expect(usedCredentials()).toBe(FILE.ak);
    server.received.length = 0;
    const alone = await open({ XDG_CONFIG_HOME: config });
    expect(alone.code).toBe(0);
    expect(server.received[0]?.headers["x-auth-token"]).toBe("login-token");
  });

  it("takes HUAWEICLOUD_SDK_SECURITY_TOKEN with the SDK variables", async () => {
    const { code } = await open({ ...sdkVars, HUAWEICLOUD_SDK_SECURITY_TOKEN: "sdk-temp", HW_PROJECT_ID: PROJECT });
    expect(code).toBe(0);
    expect(server.received[0]?.headers["x-security-token"]).toBe("sdk-temp");
  });
});

describe("the project id, first match wins", () => {
  const cases: [string, Record<string, string>, string[], string][] = [
    [
      "--project-id over every variable",
      { HUAWEICLOUD_SDK_PROJECT_ID: OTHER_PROJECT, HW_PROJECT_ID: OTHER_PROJECT },
      ["--project-id", PROJECT],
      PROJECT,
    ],
    [
      "HUAWEICLOUD_SDK_PROJECT_ID over HW_PROJECT_ID",
      { HUAWEICLOUD_SDK_PROJECT_ID: PROJECT, HW_PROJECT_ID: OTHER_PROJECT },
      [],
      PROJECT,
    ],
    ["HW_PROJECT_ID over the profile's project_id", { HW_PROJECT_ID: PROJECT }, [], PROJECT],
    ["the profile's project_id last", {}, [], OTHER_PROJECT],
  ];
  it.each(cases)("%s", async (_name, env, extra, expected) => {
    const { code } = await open({ ...fileVar, ...env }, ...extra);
    expect(code).toBe(0);
    expect(new URL(server.received[0]?.url ?? "", server.url).pathname).toBe(
      `/v3/${expected}/instances/${INSTANCE}/data-dump`,
    );
  });
});

describe("the credentials file as people write it", () => {
  function fileWith(...lines: string[]) {
    const path = join(mkdtempSync(join(tmpdir(), "geminidb-ini-")), "credentials");
    writeFileSync(path, lines.join("\n"));
    return { HUAWEICLOUD_SDK_CREDENTIALS_FILE: path, HW_PROJECT_ID: PROJECT };
  }

  it("reads the official SDKs' [basic] profile when there is no [default]", async () => {
    const { code } = await open(fileWith("[basic]", `ak = ${FILE.ak}`, `sk = ${FILE.sk}`));
    expect(code).toBe(0);
    expect(usedCredentials()).toBe(FILE.ak);
  });

  it("takes values out of quotes and drops comments after them", async () => {
    const { code } = await open(
      fileWith("\uFEFF[default]\r", `ak = "${FILE.ak}"\r`, `sk = ${FILE.sk}   # the secret\r`),
    );
    expect(code).toBe(0);
    expect(usedCredentials()).toBe(FILE.ak);
    expect(String(server.received[0]?.headers.authorization)).toContain(`Access=${FILE.ak},`);
  });

  it("refuses half a key pair in the profile instead of moving on", async () => {
    const { code, stderr } = await open({ ...fileWith("[default]", `ak = ${FILE.ak}`), HW_AUTH_TOKEN: TOKEN });
    expect(code).toBe(0); // HW_AUTH_TOKEN comes first in the chain: the file is not reached
    const alone = await open(fileWith("[default]", `ak = ${FILE.ak}`));
    expect(alone.code).toBe(3);
    expect(alone.stderr).toMatch(/^error: profile "default" of .* has ak but no sk: set both\n$/);
    expect(stderr).toBe("");
  });

  it("says why a credentials file that is there cannot be read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "geminidb-dir-"));
    const { code, stderr } = await open({ HUAWEICLOUD_SDK_CREDENTIALS_FILE: dir, HW_PROJECT_ID: PROJECT });
    expect(code).toBe(3);
    expect(stderr).toBe(`error: ${dir} is not a regular file\n`);
    expect(server.received).toHaveLength(0);
  });
});

describe("bad input with a project id to look up", () => {
  it("is refused before the IAM look-up: nothing at all is sent", async () => {
    const args = [
      "data-dump",
      "open",
      "--endpoint",
      server.url,
      "--iam-endpoint",
      server.url,
      "--region",
      "ap-southeast-1",
    ];
    const { code, stderr } = await geminidb([...args, "--instance-id", "BAD", "--bucket", "influxdb-obs"], {
      ...sdkVars,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: --instance-id: must be 32 lowercase hexadecimal digits/);
    expect(server.received).toHaveLength(0);
  });
});

describe("auth login with a malformed --project-id", () => {
  it("is refused before the password is sent anywhere", async () => {
    const args = ["auth", "login", "--iam-endpoint", server.url, "--region", "ap-southeast-1", "--user-name", "u"];
    const { code, stderr } = await geminidb([...args, "--domain-name", "d", "--project-id", "BAD"], {
      HW_USER_PASSWORD: "password-NEVER-SENT",
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: --project-id: must be 32 lowercase hexadecimal digits/);
    expect(server.received).toHaveLength(0);
  });
});

describe("no usable credentials (exit 3, nothing sent)", () => {
  it("names every source tried", async () => {
    const { code, stdout, stderr } = await open({ HW_PROJECT_ID: PROJECT });
    expect({ code, stdout }).toEqual({ code: 3, stdout: "" });
    expect(stderr).toContain("HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK");
    expect(stderr).toContain("HW_ACCESS_KEY and HW_SECRET_KEY, then HW_AUTH_TOKEN");
    expect(stderr).toContain(".huaweicloud/credentials");
    expect(stderr).toContain("the token of 'geminidb auth login' (");
    expect(server.received).toHaveLength(0);
  });

  it.each([
    [{ HUAWEICLOUD_SDK_AK: SDK.ak }, "HUAWEICLOUD_SDK_SK is not set, but HUAWEICLOUD_SDK_AK is: set both"],
    [{ HW_SECRET_KEY: TF.sk }, "HW_ACCESS_KEY is not set, but HW_SECRET_KEY is: set both"],
  ])("refuses half a key pair %j", async (env, message) => {
    const { code, stderr } = await open({ HW_PROJECT_ID: PROJECT, ...env });
    expect(code).toBe(3);
    expect(stderr).toBe(`error: ${message}\n`);
    expect(server.received).toHaveLength(0);
  });

  it("says when --profile names no usable profile", async () => {
    const { code, stderr } = await open({ ...fileVar, HW_PROJECT_ID: PROJECT }, "--profile", "missing");
    expect(code).toBe(3);
    expect(stderr).toBe(`error: profile "missing" not found in ${credentialsFile}, or it has no ak and sk\n`);
  });
});
