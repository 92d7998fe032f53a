import {
  ApiError,
  ConfigError,
  ConnectionError,
  createClient,
  type DataDumpAction,
  MAX_TIMEOUT_MS,
  TimeoutError,
  ValidationError,
} from "@geminidb-kit/client";
import { parseArgs } from "../args.js";
import { findCredentials, findProjectId } from "../credentials.js";
import { debugFetch } from "../debug.js";
import { CredentialsError, UsageError } from "../errors.js";
import { ExitCode } from "../exit-codes.js";
import { actionHelp, DATA_DUMP_HELP } from "../help.js";
import type { Io } from "../io.js";
import { printable, quoted } from "../output.js";

const FLAGS = {
  "instance-id": { type: "string" },
  bucket: { type: "string" },
  "project-id": { type: "string" },
  region: { type: "string" },
  endpoint: { type: "string" },
  timeout: { type: "string" },
  profile: { type: "string" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** `geminidb data-dump open|close ...` */
export async function dataDump(argv: readonly string[], io: Io): Promise<number> {
  const [action, ...rest] = argv;
  if (action === undefined) {
    io.stderr(DATA_DUMP_HELP);
    return ExitCode.Usage;
  }
  if (action === "-h" || action === "--help" || action === "help") {
    io.stdout(DATA_DUMP_HELP);
    return ExitCode.Success;
  }
  if (action !== "open" && action !== "close") {
    throw new UsageError(`unknown action ${quoted(action)}: use open or close`, "data-dump");
  }
  const helpFor = `data-dump ${action}`;
  const { flags, positionals } = parseArgs(rest, FLAGS, helpFor);
  if (flags.help) {
    io.stdout(actionHelp(action));
    return ExitCode.Success;
  }
  if (positionals[0] !== undefined) {
    throw new UsageError(`unexpected argument ${quoted(positionals[0])}`, helpFor);
  }

  const instanceId = requiredFlag(flags, "instance-id", helpFor);
  const bucketName = requiredFlag(flags, "bucket", helpFor);
  const endpoint = stringFlag(flags, "endpoint");
  const regionFlag = stringFlag(flags, "region");
  if (endpoint !== undefined && regionFlag !== undefined) {
    throw new UsageError("give either --region or --endpoint, not both", helpFor);
  }
  const region = endpoint === undefined ? (regionFlag ?? nonEmpty(io.env.HW_REGION_NAME)) : undefined;
  if (endpoint === undefined && region === undefined) {
    throw new UsageError("no region: give --region or --endpoint, or set HW_REGION_NAME", helpFor);
  }
  const timeout = timeoutFlag(flags, helpFor);

  const credentials = findCredentials(io.env, stringFlag(flags, "profile"));
  const projectId = findProjectId(stringFlag(flags, "project-id"), io.env, credentials);
  if (projectId === undefined) {
    throw new UsageError(
      "no project id: give --project-id, or set HUAWEICLOUD_SDK_PROJECT_ID or HW_PROJECT_ID, or project_id in the profile",
      helpFor,
    );
  }
  // Where each value came from, so that an error names what the user has to change.
  const source: Record<string, string> = {
    instance_id: "--instance-id",
    bucket_name: "--bucket",
    project_id: projectId.source,
  };

  let client: ReturnType<typeof createClient>;
  try {
    client = createClient({
      ...credentials.options,
      endpoint,
      region,
      projectId: projectId.value,
      timeout,
      fetch: flags.debug ? debugFetch((line) => io.stderr(`debug: ${printable(line)}\n`)) : undefined,
    });
  } catch (error) {
    if (error instanceof ConfigError && error.option === "token") {
      throw new CredentialsError(`the credentials from ${credentials.source} cannot be used: ${error.message}`);
    }
    if (error instanceof ConfigError) {
      const origin = error.option === "region" && regionFlag === undefined ? "HW_REGION_NAME: " : "";
      throw new UsageError(printable(origin + error.message), helpFor);
    }
    throw error;
  }

  try {
    const result = await client.setInstanceDataDump({ instanceId, bucketName, action });
    io.stdout(`${successLine(action, instanceId, bucketName)} (request id ${printable(result.requestId ?? "none")})\n`);
    return ExitCode.Success;
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(printable(error.message), helpFor);
    if (error instanceof ValidationError) {
      const what = source[error.field] ?? error.field;
      throw new UsageError(printable(`${what}: ${error.message.slice(error.field.length + 2)}`), helpFor);
    }
    return reportFailure(error, action, instanceId, io);
  }
}

// Only called with validated values: nothing here needs escaping.
function successLine(action: DataDumpAction, instanceId: string, bucket: string): string {
  return action === "open"
    ? `Opened data export of instance ${instanceId} to OBS bucket ${bucket}`
    : `Closed data export of instance ${instanceId} to OBS bucket ${bucket}`;
}

function reportFailure(error: unknown, action: DataDumpAction, instanceId: string, io: Io): number {
  if (error instanceof ApiError) {
    const redirected = error.status >= 300 && error.status < 400;
    const why = redirected ? error.message : `the API answered HTTP ${error.status}`;
    const lines = [
      `error: could not ${action} data export of instance ${instanceId}: ${why}`,
      `  status:     ${error.status}`,
      `  error_code: ${error.errorCode ?? "(none)"}`,
      `  error_msg:  ${error.errorMsg ?? (error.body ? "(the body is not a Huawei Cloud error)" : "(empty body)")}`,
      `  request_id: ${error.requestId ?? "(none)"}`,
    ];
    io.stderr(`${lines.map(printable).join("\n")}\n`);
    return error.status === 401 ? ExitCode.Credentials : ExitCode.ApiError;
  }
  if (error instanceof TimeoutError) {
    io.stderr(`error: ${printable(error.message)} (raise it with --timeout SECONDS)\n`);
    return ExitCode.Network;
  }
  if (error instanceof ConnectionError) {
    io.stderr(`error: ${printable(error.message)}\n`);
    return ExitCode.Network;
  }
  throw error;
}

function stringFlag(flags: Record<string, string | true>, name: string): string | undefined {
  const value = flags[name];
  return typeof value === "string" ? value : undefined;
}

/** `--timeout SECONDS` in milliseconds, or undefined for the client's default. */
function timeoutFlag(flags: Record<string, string | true>, helpFor: string): number | undefined {
  const value = stringFlag(flags, "timeout");
  if (value === undefined) return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds >= 0.001 && seconds <= MAX_TIMEOUT_MS / 1000)) {
    throw new UsageError(
      `--timeout must be a number of seconds from 0.001 to ${MAX_TIMEOUT_MS / 1000} (got ${quoted(value)})`,
      helpFor,
    );
  }
  return Math.round(seconds * 1000);
}

function requiredFlag(flags: Record<string, string | true>, name: string, helpFor: string): string {
  const value = stringFlag(flags, name);
  if (value === undefined) throw new UsageError(`missing required flag --${name}`, helpFor);
  if (value === "") throw new UsageError(`flag --${name} is empty`, helpFor);
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
