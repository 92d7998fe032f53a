import {
  ConfigError,
  checkBucketName,
  checkInstanceId,
  createClient,
  type DataDumpAction,
  ProjectNotFoundError,
  ValidationError,
} from "@geminidb-kit/client";
import { parseArgs } from "../args.js";
import { findCredentials, findProjectId } from "../credentials.js";
import { UsageError } from "../errors.js";
import { ExitCode } from "../exit-codes.js";
import { actionHelp, DATA_DUMP_HELP } from "../help.js";
import type { Io } from "../io.js";
import { printable, quoted } from "../output.js";
import { lookupProjectId } from "../project-lookup.js";
import {
  attemptsFlag,
  configFailure,
  debugOption,
  nonEmpty,
  reportFailure,
  requiredFlag,
  retryLogger,
  stringFlag,
  timeoutFlag,
} from "./common.js";

const FLAGS = {
  "instance-id": { type: "string" },
  bucket: { type: "string" },
  "project-id": { type: "string" },
  region: { type: "string" },
  endpoint: { type: "string" },
  "iam-endpoint": { type: "string" },
  timeout: { type: "string" },
  "max-attempts": { type: "string" },
  profile: { type: "string" },
  "allow-http": { type: "boolean" },
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
  // --endpoint overrides the region's GeminiDB endpoint; the region still names the
  // project to look up and the IAM endpoint.
  const endpoint = stringFlag(flags, "endpoint");
  const regionFlag = stringFlag(flags, "region");
  const region = regionFlag ?? nonEmpty(io.env.HW_REGION_NAME);
  if (endpoint === undefined && region === undefined) {
    throw new UsageError("no region: give --region or --endpoint, or set HW_REGION_NAME", helpFor);
  }
  const timeout = timeoutFlag(flags, helpFor);
  const maxAttempts = attemptsFlag(flags, helpFor);
  const fetch = debugOption(flags, io);

  const credentials = findCredentials(io.env, stringFlag(flags, "profile"));
  let client: ReturnType<typeof createClient>;
  try {
    client = createClient({
      ...credentials.options,
      endpoint,
      region,
      timeout,
      maxAttempts,
      allowInsecureHttp: flags["allow-http"] === true,
      fetch,
      onRetry: retryLogger(flags, io),
    });
  } catch (error) {
    if (error instanceof ConfigError && error.option === "region" && regionFlag === undefined) {
      throw new UsageError(printable(`HW_REGION_NAME: ${error.message}`), helpFor);
    }
    configFailure(error, credentials.source, helpFor);
  }

  // Everything the user gave is checked before anything is sent, the IAM look-up included.
  try {
    checkInstanceId(instanceId);
    checkBucketName(bucketName);
  } catch (error) {
    if (error instanceof ValidationError) {
      const flag = error.field === "instance_id" ? "--instance-id" : "--bucket";
      throw new UsageError(printable(`${flag}: ${error.message.slice(error.field.length + 2)}`), helpFor);
    }
    throw error;
  }
  let projectId = findProjectId(stringFlag(flags, "project-id"), io.env, credentials);
  if (projectId === undefined) {
    if (credentials.kind !== "aksk" || region === undefined) {
      throw new UsageError(
        "no project id: give --project-id, or set HUAWEICLOUD_SDK_PROJECT_ID or HW_PROJECT_ID, or project_id in the profile used" +
          (credentials.kind === "aksk" ? " (or --region, to look it up)" : ""),
        helpFor,
      );
    }
    const iamEndpoint = stringFlag(flags, "iam-endpoint");
    try {
      const warn = (message: string) => io.stderr(`warning: ${printable(message)}\n`);
      const found = await lookupProjectId({
        credentials,
        region,
        iamEndpoint,
        env: io.env,
        fetch,
        timeout,
        allowInsecureHttp: flags["allow-http"] === true,
        warn,
      });
      projectId = { value: found, source: `the project of ${region} (IAM)` };
    } catch (error) {
      if (error instanceof ProjectNotFoundError) throw new UsageError(`${error.message}: give --project-id`, helpFor);
      return reportFailure(error, `could not look up the project of region ${region}`, io, credentials.source, helpFor);
    }
  }
  // Where each value came from, so that an error names what the user has to change.
  const source: Record<string, string> = {
    instance_id: "--instance-id",
    bucket_name: "--bucket",
    project_id: projectId.source,
  };

  try {
    const result = await client.setInstanceDataDump({ instanceId, bucketName, action, projectId: projectId.value });
    io.stdout(`${successLine(action, instanceId, bucketName)} (request id ${printable(result.requestId ?? "none")})\n`);
    return ExitCode.Success;
  } catch (error) {
    if (error instanceof ValidationError) {
      const what = source[error.field] ?? error.field;
      throw new UsageError(printable(`${what}: ${error.message.slice(error.field.length + 2)}`), helpFor);
    }
    return reportFailure(
      error,
      `could not ${action} data export of instance ${instanceId}`,
      io,
      credentials.source,
      helpFor,
    );
  }
}

// Only called with validated values: nothing here needs escaping.
function successLine(action: DataDumpAction, instanceId: string, bucket: string): string {
  return action === "open"
    ? `Opened data export of instance ${instanceId} to OBS bucket ${bucket}`
    : `Closed data export of instance ${instanceId} to OBS bucket ${bucket}`;
}
