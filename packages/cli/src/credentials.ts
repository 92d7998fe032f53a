import { readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { CredentialOptions } from "@geminidb-kit/client";
import { CredentialsError } from "./errors.js";
import { parseIni } from "./ini.js";
import { loginToken, TOKEN_FILE } from "./login-token.js";
import { cut } from "./output.js";
import { configDir } from "./state.js";

/** Credentials found, with where they came from (never the secret itself). */
export interface FoundCredentials {
  options: CredentialOptions;
  kind: "aksk" | "token";
  /** e.g. `HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK`, `profile "default" of ~/.huaweicloud/credentials`. */
  source: string;
  /** The project id of the profile they came from, with its source. */
  projectId?: { value: string; source: string };
}

type Env = Record<string, string | undefined>;

/** The path of the official SDKs' credentials file. */
export function credentialsFilePath(env: Env): string {
  return nonEmpty(env.HUAWEICLOUD_SDK_CREDENTIALS_FILE) ?? join(env.HOME ?? homedir(), ".huaweicloud", "credentials");
}

/**
 * The credential chain, first match wins:
 * 1. `--profile NAME`: that profile of the credentials file, nothing else;
 * 2. HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK (+ HUAWEICLOUD_SDK_SECURITY_TOKEN);
 * 3. HW_ACCESS_KEY + HW_SECRET_KEY (+ HW_SECURITY_TOKEN), then HW_AUTH_TOKEN;
 * 4. the default profile of the credentials file ([default], else the SDKs' [basic]);
 * 5. the token cached by `geminidb auth login`, until shortly before it expires.
 * Nothing found is one error naming every source tried.
 */
export function findCredentials(env: Env, profile?: string): FoundCredentials {
  const file = credentialsFilePath(env);
  if (profile !== undefined) {
    const found = fromProfile(file, profile);
    if (found) return found;
    throw new CredentialsError(`profile ${JSON.stringify(cut(profile))} not found in ${file}, or it has no ak and sk`);
  }
  const found =
    fromKeyVariables(env, "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_SECURITY_TOKEN") ??
    fromKeyVariables(env, "HW_ACCESS_KEY", "HW_SECRET_KEY", "HW_SECURITY_TOKEN") ??
    fromTokenVariable(env) ??
    fromProfile(file, undefined) ??
    fromLogin(env);
  if (found) return found;
  throw new CredentialsError(
    [
      "no credentials found. Tried, in order:",
      "  HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (official SDK variables)",
      "  HW_ACCESS_KEY and HW_SECRET_KEY, then HW_AUTH_TOKEN (Terraform variables)",
      `  profile "default" (or "basic") of ${file}`,
      `  the token of 'geminidb auth login' (${join(configDir(env), TOKEN_FILE)})`,
      "Set one of them (see 'geminidb --help', Credentials).",
    ].join("\n"),
  );
}

function fromKeyVariables(env: Env, akName: string, skName: string, tokenName: string): FoundCredentials | undefined {
  const ak = nonEmpty(env[akName]);
  const sk = nonEmpty(env[skName]);
  if (ak === undefined && sk === undefined) return undefined;
  if (ak === undefined || sk === undefined) {
    throw new CredentialsError(
      `${ak === undefined ? akName : skName} is not set, but ${ak === undefined ? skName : akName} is: set both`,
    );
  }
  return {
    options: { accessKey: ak, secretKey: sk, securityToken: nonEmpty(env[tokenName]) },
    kind: "aksk",
    source: `${akName}/${skName}`,
  };
}

function fromTokenVariable(env: Env): FoundCredentials | undefined {
  const token = nonEmpty(env.HW_AUTH_TOKEN);
  return token === undefined ? undefined : { options: { token }, kind: "token", source: "HW_AUTH_TOKEN" };
}

function fromLogin(env: Env): FoundCredentials | undefined {
  const cached = loginToken(env);
  if (!cached) return undefined;
  const source = "the token of 'geminidb auth login'";
  const found: FoundCredentials = { options: { token: cached.token }, kind: "token", source };
  if (cached.projectId) found.projectId = { value: cached.projectId, source };
  return found;
}

// The official SDKs' own file names its profile [basic]; [default] is what other tools
// (and people) write. Either serves as the default profile, [default] first.
const DEFAULT_PROFILES = ["default", "basic"];
const MAX_CREDENTIALS_FILE_BYTES = 1024 * 1024;

/** The sections of the credentials file; undefined when there is no file at all. */
function readCredentialsFile(file: string): Map<string, Map<string, string>> | undefined {
  let text: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new CredentialsError(`${file} is not a regular file`);
    if (stat.size > MAX_CREDENTIALS_FILE_BYTES)
      throw new CredentialsError(`${file} is too large for a credentials file`);
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof CredentialsError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    // A file that is there but cannot be read is a problem to fix, not a reason to move on.
    throw new CredentialsError(`cannot read ${file}: ${code ?? (error as Error).message}`);
  }
  return parseIni(text.replace(/^\uFEFF/, ""));
}

function fromProfile(file: string, profile: string | undefined): FoundCredentials | undefined {
  const sections = readCredentialsFile(file);
  if (!sections) return undefined;
  const name = profile ?? DEFAULT_PROFILES.find((candidate) => sections.has(candidate));
  const section = name === undefined ? undefined : sections.get(name);
  if (!section || name === undefined) return undefined;
  const ak = nonEmpty(section.get("ak"));
  const sk = nonEmpty(section.get("sk"));
  const source = `profile ${JSON.stringify(name)} of ${file}`;
  if (ak === undefined && sk === undefined) return undefined;
  if (ak === undefined || sk === undefined) {
    throw new CredentialsError(`${source} has ${ak === undefined ? "sk but no ak" : "ak but no sk"}: set both`);
  }
  const found: FoundCredentials = {
    options: { accessKey: ak, secretKey: sk, securityToken: nonEmpty(section.get("security_token")) },
    kind: "aksk",
    source,
  };
  const projectId = nonEmpty(section.get("project_id"));
  if (projectId) found.projectId = { value: projectId, source };
  return found;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** The project id and where it came from: flag > HUAWEICLOUD_SDK_PROJECT_ID > HW_PROJECT_ID > profile. */
export function findProjectId(
  flag: string | undefined,
  env: Env,
  found: FoundCredentials,
): { value: string; source: string } | undefined {
  if (flag !== undefined) return { value: flag, source: "--project-id" };
  for (const name of ["HUAWEICLOUD_SDK_PROJECT_ID", "HW_PROJECT_ID"]) {
    const value = env[name];
    if (nonEmpty(value) !== undefined) return { value: value as string, source: name };
  }
  return found.projectId;
}
