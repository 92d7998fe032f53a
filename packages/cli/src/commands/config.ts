import { ConfigError, endpointForRegion, iamEndpointForRegion } from "@geminidb-kit/client";
import { isRegion } from "@geminidb-kit/client/regions";
import { parseArgs } from "../args.js";
import { credentialsFilePath, type FoundCredentials, findCredentials, findProjectId } from "../credentials.js";
import { CredentialsError, UsageError } from "../errors.js";
import { ExitCode } from "../exit-codes.js";
import { CONFIG_HELP } from "../help.js";
import type { Io } from "../io.js";
import { cut, printable, quoted } from "../output.js";
import { lookupProjectId } from "../project-lookup.js";
import { configDir } from "../state.js";
import { nonEmpty, outputFlag, stringFlag } from "./common.js";
import { CONFIG_FLAGS } from "./specs.js";

/** A setting and where it came from; value null when there is none. */
interface Setting {
  value: string | null;
  source: string;
}

/**
 * `geminidb config`: the settings data-dump would use with the same flags, each with its
 * source, resolved by the same functions. Sends nothing; never shows a secret.
 */
export async function config(argv: readonly string[], io: Io): Promise<number> {
  const helpFor = "config";
  const { flags, positionals } = parseArgs(argv, CONFIG_FLAGS, helpFor);
  if (flags.help) {
    io.stdout(CONFIG_HELP);
    return ExitCode.Success;
  }
  if (positionals[0] !== undefined) throw new UsageError(`unexpected argument ${quoted(positionals[0])}`, helpFor);
  const output = outputFlag(flags, helpFor);

  const regionFlag = stringFlag(flags, "region");
  const regionValue = regionFlag ?? nonEmpty(io.env.HW_REGION_NAME);
  const region: Setting = regionValue
    ? { value: regionValue, source: regionFlag !== undefined ? "--region" : "HW_REGION_NAME" }
    : { value: null, source: "not set (--region, HW_REGION_NAME)" };
  const endpointFlag = stringFlag(flags, "endpoint");
  const endpoint: Setting = endpointFlag
    ? { value: endpointFlag, source: "--endpoint" }
    : fromRegion(regionValue, endpointForRegion);
  const iamFlag = stringFlag(flags, "iam-endpoint");
  const iamEndpoint: Setting = iamFlag
    ? { value: iamFlag, source: "--iam-endpoint" }
    : fromRegion(regionValue, iamEndpointForRegion);

  let credentials: FoundCredentials | undefined;
  let credentialsProblem: string | undefined;
  try {
    credentials = findCredentials(io.env, stringFlag(flags, "profile"));
  } catch (error) {
    if (!(error instanceof CredentialsError)) throw error;
    credentialsProblem = error.message;
  }

  let projectId: Setting = {
    value: null,
    source: "not set (--project-id, HUAWEICLOUD_SDK_PROJECT_ID, HW_PROJECT_ID, profile)",
  };
  if (credentials) {
    const found = findProjectId(stringFlag(flags, "project-id"), io.env, credentials);
    if (found) projectId = found;
    else if (credentials.kind === "aksk" && regionValue) {
      const cached = await lookupProjectId({
        credentials,
        region: regionValue,
        iamEndpoint: iamFlag,
        env: io.env,
        warn: () => {},
        cachedOnly: true,
      }).catch(() => undefined);
      projectId = cached
        ? { value: cached, source: `the project of ${regionValue} (IAM look-up, cached)` }
        : { value: null, source: `looked up in IAM (the project of ${regionValue}) on first use` };
    }
  } else if (stringFlag(flags, "project-id") !== undefined) {
    projectId = { value: stringFlag(flags, "project-id") ?? null, source: "--project-id" };
  }

  const credentialsSetting: Setting = credentials
    ? { value: credentials.kind === "aksk" ? "access key pair (AK/SK)" : "IAM token", source: credentials.source }
    : { value: null, source: "none usable (see below)" };
  const settings: [string, Setting][] = [
    ["region", region],
    ["endpoint", endpoint],
    ["iam endpoint", iamEndpoint],
    ["project id", projectId],
    ["credentials", credentialsSetting],
  ];
  if (credentials?.kind === "aksk") {
    settings.push(["access key", { value: masked(credentials.options.accessKey ?? ""), source: credentials.source }]);
    settings.push([
      "security token",
      { value: credentials.options.securityToken ? "set (not shown)" : "none", source: credentials.source },
    ]);
  }
  settings.push(["credentials file", { value: credentialsFilePath(io.env), source: fileSource(io.env) }]);
  settings.push(["config dir", { value: configDir(io.env), source: "XDG_CONFIG_HOME, else ~/.config" }]);

  if (output === "json") {
    const json = Object.fromEntries(settings.map(([name, setting]) => [camel(name), setting]));
    io.stdout(`${JSON.stringify(json)}\n`);
  } else {
    const rows = settings.map(([name, { value, source }]) => [
      name,
      printable(cut(value ?? "-", 100)),
      printable(source),
    ]);
    const w0 = Math.max(...rows.map((r) => (r[0] ?? "").length));
    const w1 = Math.max(...rows.map((r) => (r[1] ?? "").length));
    for (const [name, value, source] of rows) {
      io.stdout(`${(name ?? "").padEnd(w0)}  ${(value ?? "").padEnd(w1)}  ${source}\n`);
    }
  }
  if (!credentials) {
    const message = (credentialsProblem ?? "no credentials").split("\n").map(printable).join("\n");
    io.stderr(`error: ${message}\n`);
    return ExitCode.Credentials;
  }
  return ExitCode.Success;
}

function fromRegion(region: string | undefined, endpointOf: (region: string) => string): Setting {
  if (region === undefined) return { value: null, source: "no region" };
  try {
    const known = isRegion(region) ? "" : " (a region this version does not know: data-dump refuses it)";
    return { value: endpointOf(region), source: `from the region${known}` };
  } catch (error) {
    if (error instanceof ConfigError) return { value: null, source: `unknown region ${quoted(region)}` };
    throw error;
  }
}

function fileSource(env: Record<string, string | undefined>): string {
  return nonEmpty(env.HUAWEICLOUD_SDK_CREDENTIALS_FILE) ? "HUAWEICLOUD_SDK_CREDENTIALS_FILE" : "the default path";
}

/** An access key id with most of it hidden: enough to tell two keys apart. */
function masked(accessKey: string): string {
  return accessKey.length <= 8 ? "****" : `${accessKey.slice(0, 4)}****${accessKey.slice(-4)}`;
}

function camel(name: string): string {
  return name.replace(/ (\w)/g, (_, c: string) => c.toUpperCase());
}
