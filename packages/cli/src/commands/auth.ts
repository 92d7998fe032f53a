import { checkProjectId, ResponseError, ValidationError } from "@geminidb-kit/client";
import { createIamClient } from "@geminidb-kit/client/iam";
import { closest, parseArgs } from "../args.js";
import { CredentialsError, UsageError } from "../errors.js";
import { ExitCode } from "../exit-codes.js";
import { AUTH_HELP, LOGIN_HELP, LOGOUT_HELP } from "../help.js";
import type { Io } from "../io.js";
import { EXPIRY_MARGIN_MS, forgetLoginToken, saveLoginToken } from "../login-token.js";
import { printable, quoted } from "../output.js";
import { promptSecret } from "../prompt.js";
import { debugOption, nonEmpty, reportFailure, stringFlag, timeoutFlag } from "./common.js";
import { LOGIN_FLAGS, LOGOUT_FLAGS } from "./specs.js";

/** `geminidb auth login|logout` */
export async function auth(argv: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined) {
    io.stderr(AUTH_HELP);
    return ExitCode.Usage;
  }
  if (sub === "-h" || sub === "--help" || sub === "help") {
    io.stdout(AUTH_HELP);
    return ExitCode.Success;
  }
  if (sub === "login") return login(rest, io);
  if (sub === "logout") {
    const { flags, positionals } = parseArgs(rest, LOGOUT_FLAGS, "auth logout");
    if (flags.help) {
      io.stdout(LOGOUT_HELP);
      return ExitCode.Success;
    }
    if (positionals[0] !== undefined) throw new UsageError(`unexpected argument ${quoted(positionals[0])}`, "auth");
    io.stdout(
      forgetLoginToken(io.env) ? "Logged out: the cached token is deleted\n" : "No cached token: nothing to do\n",
    );
    return ExitCode.Success;
  }
  const guess = closest(sub, ["login", "logout"]);
  throw new UsageError(
    `unknown auth command ${quoted(sub)}${guess ? ` (did you mean "${guess}"?)` : ": use login or logout"}`,
    "auth",
  );
}

async function login(argv: readonly string[], io: Io): Promise<number> {
  const helpFor = "auth login";
  const { flags, positionals } = parseArgs(argv, LOGIN_FLAGS, helpFor);
  if (flags.help) {
    io.stdout(LOGIN_HELP);
    return ExitCode.Success;
  }
  if (positionals[0] !== undefined) throw new UsageError(`unexpected argument ${quoted(positionals[0])}`, helpFor);

  const region = stringFlag(flags, "region") ?? nonEmpty(io.env.HW_REGION_NAME);
  const iamEndpoint = stringFlag(flags, "iam-endpoint");
  if (region === undefined && iamEndpoint === undefined) {
    throw new UsageError("no region: give --region or --iam-endpoint, or set HW_REGION_NAME", helpFor);
  }
  const userName = stringFlag(flags, "user-name") ?? nonEmpty(io.env.HW_USER_NAME);
  if (userName === undefined) throw new UsageError("no user name: give --user-name or set HW_USER_NAME", helpFor);
  const domainName = stringFlag(flags, "domain-name") ?? nonEmpty(io.env.HW_DOMAIN_NAME);
  if (domainName === undefined) {
    throw new UsageError("no account (domain) name: give --domain-name or set HW_DOMAIN_NAME", helpFor);
  }
  // The token is for one project: the one given, else the region's own (named after it).
  const projectId =
    stringFlag(flags, "project-id") ?? nonEmpty(io.env.HUAWEICLOUD_SDK_PROJECT_ID) ?? nonEmpty(io.env.HW_PROJECT_ID);
  if (projectId !== undefined) {
    try {
      checkProjectId(projectId);
    } catch (error) {
      if (error instanceof ValidationError)
        throw new UsageError(printable(`--project-id: ${error.message.slice(12)}`), helpFor);
      throw error;
    }
  }
  if (projectId === undefined && region === undefined) {
    throw new UsageError("no project: give --project-id, or --region to use the region's project", helpFor);
  }
  const timeout = timeoutFlag(flags, helpFor);

  const password = nonEmpty(io.env.HW_USER_PASSWORD) ?? (await promptSecret(`Password for ${userName}: `));
  if (password === undefined || password === "") {
    throw new CredentialsError("no password: set HW_USER_PASSWORD, or run on a terminal to be asked for it");
  }

  const source = "the login options";
  let iam: ReturnType<typeof createIamClient>;
  try {
    iam = createIamClient({
      region,
      endpoint: iamEndpoint,
      timeout,
      allowInsecureHttp: flags["allow-http"] === true,
      fetch: debugOption(flags, io),
    });
  } catch (error) {
    return reportFailure(error, "could not log in", io, source, helpFor);
  }
  try {
    const token = await iam.createTokenByPassword({
      userName,
      password,
      domainName,
      projectId,
      projectName: projectId === undefined ? region : undefined,
    });
    // A token that cannot be used must not replace one that can.
    if (!(token.expiresAt.getTime() - Date.now() > EXPIRY_MARGIN_MS)) {
      throw new ResponseError(
        `IAM issued a token that expires at ${token.expiresAt.toISOString()}, too soon to use: check this machine's clock`,
      );
    }
    const path = saveLoginToken(io.env, {
      token: token.token,
      expiresAt: token.expiresAt.toISOString(),
      projectId: token.projectId ?? projectId,
      projectName: token.projectName,
      userName,
      domainName,
      iamEndpoint: iam.endpoint,
    });
    const project = token.projectName ?? token.projectId ?? projectId ?? "";
    const line = `Logged in as ${userName} (${domainName}) for project ${project}; the token is cached in ${path} until ${token.expiresAt.toISOString()}`;
    io.stdout(`${printable(line)}\n`);
    return ExitCode.Success;
  } catch (error) {
    if (error instanceof ValidationError) throw new UsageError(printable(error.message), helpFor);
    return reportFailure(error, `could not log in as ${userName}`, io, source, helpFor);
  }
}
