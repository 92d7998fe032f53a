import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { geminidb, PROJECT } from "./run.js";

// `geminidb config`: the effective settings and where each came from, never a secret.

const SK = "config-sk-SECRET-abcdef0123";
const PROFILE_SK = "profile-sk-SECRET-9876543210";
const SECURITY_TOKEN = "config-security-token-SECRET";
const dir = mkdtempSync(join(tmpdir(), "geminidb-config-"));
const credentialsFile = join(dir, "credentials");
writeFileSync(
  credentialsFile,
  `[default]\nak = AKDEFAULTDEFAULT01\nsk = ${SK}\n\n[prod]\nak = AKPRODPRODPROD0042\nsk = ${PROFILE_SK}\nsecurity_token = ${SECURITY_TOKEN}\nproject_id = ${"b".repeat(32)}\n`,
);

/** The rows of the text output as {setting: [value, source]}. */
function rows(stdout: string): Record<string, [string, string]> {
  return Object.fromEntries(
    stdout
      .trimEnd()
      .split("\n")
      .map((line) => {
        const [name, value, source] = line.split(/ {2,}/);
        return [name, [value, source]];
      }),
  );
}

describe("geminidb config", () => {
  it("names the source of each value: flag, variable, file", async () => {
    const { code, stdout } = await geminidb(["config", "--region", "eu-west-101"], {
      HUAWEICLOUD_SDK_CREDENTIALS_FILE: credentialsFile,
      HW_PROJECT_ID: PROJECT,
    });
    expect(code).toBe(0);
    const shown = rows(stdout);
    expect(shown.region).toEqual(["eu-west-101", "--region"]);
    expect(shown.endpoint).toEqual(["https://gaussdb-nosql.eu-west-101.myhuaweicloud.eu", "from the region"]);
    expect(shown["iam endpoint"]).toEqual(["https://iam.eu-west-101.myhuaweicloud.eu", "from the region"]);
    expect(shown["project id"]).toEqual([PROJECT, "HW_PROJECT_ID"]);
    expect(shown.credentials).toEqual(["access key pair (AK/SK)", `profile "default" of ${credentialsFile}`]);
    expect(shown["access key"]?.[0]).toBe("AKDE****LT01");
    expect(shown["credentials file"]).toEqual([credentialsFile, "HUAWEICLOUD_SDK_CREDENTIALS_FILE"]);
    expect(stdout).not.toContain(SK);
  });

  it("--profile selects a profile: its keys and project id; the security token is never shown", async () => {
    const { code, stdout } = await geminidb(["config", "--profile", "prod", "--endpoint", "http://127.0.0.1:4010"], {
      HUAWEICLOUD_SDK_CREDENTIALS_FILE: credentialsFile,
      HW_REGION_NAME: "ap-southeast-1",
    });
    expect(code).toBe(0);
    const shown = rows(stdout);
    const source = `profile "prod" of ${credentialsFile}`;
    expect(shown.region).toEqual(["ap-southeast-1", "HW_REGION_NAME"]);
    expect(shown.endpoint).toEqual(["http://127.0.0.1:4010", "--endpoint"]);
    expect(shown["project id"]).toEqual(["b".repeat(32), source]);
    expect(shown.credentials).toEqual(["access key pair (AK/SK)", source]);
    expect(shown["security token"]).toEqual(["set (not shown)", source]);
    for (const secret of [PROFILE_SK, SECURITY_TOKEN, SK]) expect(stdout).not.toContain(secret);
  });

  it("variables win over the file, as in data-dump; a token is named, never shown", async () => {
    const token = "config-token-SECRET-5555";
    const { code, stdout } = await geminidb(["config", "--output", "json", "--project-id", PROJECT], {
      HUAWEICLOUD_SDK_CREDENTIALS_FILE: credentialsFile,
      HW_AUTH_TOKEN: token,
    });
    expect(code).toBe(0);
    const shown = JSON.parse(stdout);
    expect(shown.credentials).toEqual({ value: "IAM token", source: "HW_AUTH_TOKEN" });
    expect(shown.projectId).toEqual({ value: PROJECT, source: "--project-id" });
    expect(shown.region).toEqual({ value: null, source: "not set (--region, HW_REGION_NAME)" });
    expect(stdout).not.toContain(token);
  });

  it("with AK/SK and no project id: says it will be looked up in IAM", async () => {
    const { stdout } = await geminidb(["config", "--region", "ap-southeast-1"], {
      HUAWEICLOUD_SDK_AK: "AKLOOKUPLOOKUP0001",
      HUAWEICLOUD_SDK_SK: SK,
    });
    expect(rows(stdout)["project id"]).toEqual(["-", "looked up in IAM (the project of ap-southeast-1) on first use"]);
  });

  it("no credentials: the rest is shown, the error lists what was tried, exit 3", async () => {
    const { code, stdout, stderr } = await geminidb(["config", "--region", "ap-southeast-1"]);
    expect(code).toBe(3);
    expect(rows(stdout).credentials).toEqual(["-", "none usable (see below)"]);
    expect(rows(stdout).region).toEqual(["ap-southeast-1", "--region"]);
    expect(stderr).toContain("error: no credentials found. Tried, in order:");
  });

  it("an unknown profile is an error naming it", async () => {
    const { code, stderr } = await geminidb(["config", "--profile", "staging"], {
      HUAWEICLOUD_SDK_CREDENTIALS_FILE: credentialsFile,
    });
    expect(code).toBe(3);
    expect(stderr).toContain('profile "staging" not found');
  });
});
