import {
  ConfigError,
  checkBucketName,
  checkProjectId,
  createClient,
  type DataDumpAction,
  type GeminiDBClient,
  ValidationError,
} from "@geminidb-kit/client";
import { ProjectNotFoundError } from "@geminidb-kit/client/iam";
import { isRegion, REGIONS } from "@geminidb-kit/client/regions";
import { closest, parseArgs } from "../args.js";
import { coloursFor } from "../colour.js";
import { type FoundCredentials, findCredentials, findProjectId } from "../credentials.js";
import { type CapturedRequest, capturingFetch, type DryRunAuth, dryRunJson, dryRunText } from "../dry-run.js";
import { UsageError } from "../errors.js";
import { ExitCode } from "../exit-codes.js";
import { runFleet } from "../fleet.js";
import { actionHelp, DATA_DUMP_HELP } from "../help.js";
import { instanceIds } from "../instances.js";
import type { Io } from "../io.js";
import { printable, quoted } from "../output.js";
import { Progress } from "../progress.js";
import { lookupProjectId } from "../project-lookup.js";
import { failed, failureLine, jsonLine, notSent, succeeded, successLine, summary, table } from "../results.js";
import { Throttle } from "../throttle.js";
import {
  attemptsFlag,
  concurrencyFlag,
  configFailure,
  debugOption,
  listFlag,
  nonEmpty,
  outputFlag,
  reportFailure,
  requiredFlag,
  retryLogger,
  stringFlag,
  timeoutFlag,
} from "./common.js";
import { DATA_DUMP_FLAGS } from "./specs.js";

const ACTIONS = ["open", "close"] as const;

/** `geminidb data-dump open|close ...`: one instance, or a fleet of them. */
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
    const guess = closest(action, ACTIONS);
    throw new UsageError(
      `unknown data-dump command ${quoted(action)}${guess ? ` (did you mean "${guess}"?)` : ": use open or close"}`,
      "data-dump",
    );
  }
  const verb: DataDumpAction = action;
  const helpFor = `data-dump ${action}`;
  const { flags, positionals } = parseArgs(rest, DATA_DUMP_FLAGS, helpFor);
  if (flags.help) {
    io.stdout(actionHelp(action));
    return ExitCode.Success;
  }
  if (positionals[0] !== undefined) {
    throw new UsageError(`unexpected argument ${quoted(positionals[0])}`, helpFor);
  }

  // Everything the user gave is checked before anything is sent, the IAM look-up included.
  const output = outputFlag(flags, helpFor);
  const concurrency = concurrencyFlag(flags, helpFor);
  const { ids, duplicates } = await instanceIds(
    listFlag(flags, "instance-id"),
    stringFlag(flags, "instances-file"),
    io,
    helpFor,
  );
  const bucketName = requiredFlag(flags, "bucket", helpFor);
  try {
    checkBucketName(bucketName);
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new UsageError(printable(`--bucket: ${error.message.slice(error.field.length + 2)}`), helpFor);
    }
    throw error;
  }
  // --endpoint overrides the region's GeminiDB endpoint; the region still names the
  // project to look up and the IAM endpoint.
  const endpoint = stringFlag(flags, "endpoint");
  const regionFlag = stringFlag(flags, "region");
  const region = regionFlag ?? nonEmpty(io.env.HW_REGION_NAME);
  if (endpoint === undefined && region === undefined) {
    throw new UsageError("no region: give --region or --endpoint, or set HW_REGION_NAME", helpFor);
  }
  // The client takes any well-formed region name; the CLI knows the list, and says so.
  if (endpoint === undefined && region !== undefined && !isRegion(region)) {
    const guess = closest(region, REGIONS, 2);
    throw new UsageError(
      printable(
        `${regionFlag === undefined ? "HW_REGION_NAME: " : ""}unknown region ${quoted(region)}${guess ? ` (did you mean "${guess}"?)` : ""}; known regions: ${[...REGIONS].sort().join(", ")} (or give --endpoint URL instead)`,
      ),
      helpFor,
    );
  }
  const timeout = timeoutFlag(flags, helpFor);
  const maxAttempts = attemptsFlag(flags, helpFor);
  const dryRun = flags["dry-run"] === true;
  const fleet = ids.length > 1;
  const stderrColours = coloursFor("stderr", io, flags["no-color"] === true);
  const progress = fleet ? new Progress(io, ids.length, action, stderrColours) : undefined;
  // From here on, stderr lines go above the progress bar.
  const log = progress?.log ?? ((text: string) => io.stderr(text));
  const print = progress?.out ?? ((text: string) => io.stdout(text));
  const logIo: Io = { ...io, stderr: log };
  const throttle = new Throttle(concurrency, (pause, limit) =>
    log(
      `throttled (HTTP 429): all requests pause ${(pause / 1000).toFixed(1)} s${fleet ? `, then at most ${limit} at once` : ""}\n`,
    ),
  );
  const captured: CapturedRequest[] = [];
  const transport = dryRun ? capturingFetch(captured) : throttle.watch(debugOption(flags, logIo));

  const credentials = findCredentials(io.env, stringFlag(flags, "profile"));
  let client: GeminiDBClient;
  try {
    client = createClient({
      ...credentials.options,
      endpoint,
      region,
      timeout,
      maxAttempts,
      allowInsecureHttp: flags["allow-http"] === true,
      fetch: transport,
      onRetry: retryLogger(flags, logIo),
    });
  } catch (error) {
    if (error instanceof ConfigError && error.option === "region" && regionFlag === undefined) {
      throw new UsageError(printable(`HW_REGION_NAME: ${error.message}`), helpFor);
    }
    configFailure(error, credentials.source, helpFor);
  }

  let projectId = findProjectId(stringFlag(flags, "project-id"), io.env, credentials);
  if (projectId !== undefined) {
    try {
      checkProjectId(projectId.value);
    } catch (error) {
      if (error instanceof ValidationError) {
        throw new UsageError(printable(`${projectId.source}: ${error.message.slice(error.field.length + 2)}`), helpFor);
      }
      throw error;
    }
  } else if (credentials.kind !== "aksk" || region === undefined) {
    throw new UsageError(
      "no project id: give --project-id, or set HUAWEICLOUD_SDK_PROJECT_ID or HW_PROJECT_ID, or project_id in the profile used" +
        (credentials.kind === "aksk" ? " (or --region, to look it up)" : ""),
      helpFor,
    );
  }

  // Asked before anything is sent (the project look-up included): a "no" sends nothing.
  if (action === "close" && fleet && flags.yes !== true && !dryRun) {
    const refused = await confirmClose(
      ids.length,
      bucketName,
      io,
      helpFor,
      stringFlag(flags, "instances-file") === "-",
    );
    if (refused !== undefined) return refused;
  }

  if (projectId === undefined && region !== undefined) {
    try {
      const found = await lookupProjectId({
        credentials,
        region,
        iamEndpoint: stringFlag(flags, "iam-endpoint"),
        env: io.env,
        fetch: dryRun ? undefined : debugOption(flags, logIo),
        timeout,
        allowInsecureHttp: flags["allow-http"] === true,
        warn: (message) => log(`warning: ${printable(message)}\n`),
        cachedOnly: dryRun,
      });
      if (found === undefined) {
        throw new UsageError(
          `no project id: --dry-run sends nothing, so it cannot look up the project of ${region} in IAM: give --project-id`,
          helpFor,
        );
      }
      projectId = { value: found, source: `the project of ${region} (IAM)` };
    } catch (error) {
      if (error instanceof ProjectNotFoundError) throw new UsageError(`${error.message}: give --project-id`, helpFor);
      return reportFailure(error, `could not look up the project of region ${region}`, io, credentials.source, helpFor);
    }
  }
  if (duplicates > 0) log(`note: ${duplicates} repeated instance id(s) will be done once\n`);

  if (projectId === undefined) throw new UsageError("no project id: give --project-id", helpFor);
  const project = projectId.value;
  const call = (instanceId: string, signal?: AbortSignal) =>
    client.setInstanceDataDump({ instanceId, bucketName, action, projectId: project }, { signal });

  if (dryRun) {
    for (const id of ids) await call(id);
    io.stderr(`dry run: nothing was sent (${ids.length} request(s) shown)\n`);
    const auth = dryRunAuth(credentials);
    captured.forEach((request, index) => {
      const shown = { instanceId: ids[index] as string, action: verb, bucket: bucketName };
      io.stdout(
        output === "json"
          ? `${dryRunJson(shown, request, auth)}\n`
          : `${index > 0 ? "\n" : ""}${dryRunText(request, auth)}\n`,
      );
    });
    return ExitCode.Success;
  }

  const stdoutColours = coloursFor("stdout", io, flags["no-color"] === true);
  progress?.start();
  // The error of a single instance, reported in full as a single request's.
  let singleError: unknown;
  const outcome = await runFleet(
    ids,
    async (id, abort) => {
      try {
        return succeeded(action, bucketName, await call(id, abort));
      } catch (error) {
        singleError = error;
        return failed(id, action, bucketName, error);
      }
    },
    (id) => notSent(id, action, bucketName),
    io,
    {
      concurrency,
      gate: throttle,
      failFast: flags["fail-fast"] === true,
      log,
      // Refused credentials would be refused for every other instance too.
      stopAfter: (result) =>
        fleet && result.error?.kind === "credentials"
          ? "stopped: the API refused the credentials (HTTP 401)"
          : undefined,
      onResult: (result) => {
        if (output === "json") print(`${jsonLine(result)}\n`);
        else if (output === "text" && result.status === "succeeded") print(`${successLine(result)}\n`);
        else if (output === "text" && fleet && result.status === "failed") log(`error: ${failureLine(result)}\n`);
        progress?.finished(result.status);
      },
    },
  );
  progress?.stop();
  if (output === "table") io.stdout(table(outcome.results, stdoutColours));
  if (output === "json") {
    for (const result of outcome.results) if (result.status === "skipped") io.stdout(`${jsonLine(result)}\n`);
  }
  if (fleet || outcome.stoppedBy) io.stderr(summary(outcome.results, stderrColours, outcome.stoppedBy));
  if (outcome.interrupted) return ExitCode.Interrupted;
  if (!fleet && outcome.results[0]?.status === "failed") {
    return reportFailure(
      singleError,
      `could not ${action} data export of instance ${ids[0]}`,
      io,
      credentials.source,
      helpFor,
    );
  }
  if (outcome.results.some((r) => r.error?.kind === "credentials")) return ExitCode.Credentials;
  return outcome.results.every((r) => r.status === "succeeded") ? ExitCode.Success : ExitCode.SomeFailed;
}

/** Asks before closing several instances; returns an exit code when it must not go on. */
async function confirmClose(
  count: number,
  bucket: string,
  io: Io,
  helpFor: string,
  idsFromStdin: boolean,
): Promise<number | undefined> {
  const what = `close data export of ${count} instances to OBS bucket ${bucket}`;
  if (idsFromStdin) {
    throw new UsageError(`refusing to ${what} without confirmation: stdin held the instance ids; add --yes`, helpFor);
  }
  if (!io.tty.stdin || !io.tty.stderr) {
    throw new UsageError(`refusing to ${what} without confirmation: no terminal to ask on; add --yes`, helpFor);
  }
  const answer = await io.ask(`About to ${what}. Continue? [y/N] `);
  if (/^y(es)?$/i.test(answer.trim())) return undefined;
  io.stderr("Not confirmed: nothing was sent\n");
  return ExitCode.ApiError;
}

function dryRunAuth(credentials: FoundCredentials): DryRunAuth {
  if (credentials.kind === "aksk") return { kind: "aksk" };
  if (credentials.source === "HW_AUTH_TOKEN") return { kind: "token", variable: "HW_AUTH_TOKEN" };
  return {
    kind: "token",
    variable: "HW_AUTH_TOKEN",
    note: `the token comes from ${credentials.source}; export it as HW_AUTH_TOKEN for curl`,
  };
}
