import {
  COMPLETION_FLAGS,
  CONFIG_FLAGS,
  DATA_DUMP_FLAGS,
  flagsHelp,
  LOGIN_FLAGS,
  LOGOUT_FLAGS,
} from "./commands/specs.js";

declare const __GEMINIDB_VERSION__: string;

/** Set by the bundler from package.json; "dev" when run from source (tests of modules). */
export const VERSION = typeof __GEMINIDB_VERSION__ === "string" ? __GEMINIDB_VERSION__ : "dev";

const CREDENTIALS = `Credentials (first match wins; secrets never come from flags):
  1. --profile NAME     that profile of the credentials file (ak, sk, security_token, project_id)
  2. HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK [+ HUAWEICLOUD_SDK_SECURITY_TOKEN]   official SDKs
  3. HW_ACCESS_KEY + HW_SECRET_KEY [+ HW_SECURITY_TOKEN], then HW_AUTH_TOKEN       Terraform
  4. profile [default] (else [basic]) of ~/.huaweicloud/credentials (or $HUAWEICLOUD_SDK_CREDENTIALS_FILE)
  5. the token cached by 'geminidb auth login', until shortly before it expires
  An access key pair signs each request (SDK-HMAC-SHA256); HW_AUTH_TOKEN is an IAM token.
  Project id: --project-id, HUAWEICLOUD_SDK_PROJECT_ID, HW_PROJECT_ID, the profile's project_id
  (or the login token's); with an access key pair and a region, else looked up in IAM.
  Region: --region or --endpoint, else HW_REGION_NAME.`;

const EXIT_CODES = `Exit codes:
  0  success
  1  the API answered with an error (or closing several instances was not confirmed)
  2  usage or validation error: nothing was sent
  3  credentials missing, or refused by the API (HTTP 401)
  4  network error or timeout: no answer from the endpoint
  5  several instances were given and some failed (see the summary)
  130  interrupted (Ctrl-C)`;

export const ROOT_HELP = `geminidb: turn GeminiDB Influx data export to OBS on or off

Usage:
  geminidb <command> [flags]

Commands:
  data-dump open    enable export of instances' data to an OBS bucket
  data-dump close   disable it
  auth login        obtain an IAM token with a password and cache it
  auth logout       delete the cached token
  config            show the effective region, endpoint, project id and credentials, with their sources
  completion        print a completion script for bash, zsh or fish

Flags:
  -h, --help        show help for a command
  -v, --version     print the version

Examples:
  export HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=...   # or HW_AUTH_TOKEN=<IAM token>
  geminidb data-dump open --region ap-southeast-1 \\
    --project-id 0549b4a43100d4f32f51c01c2fe4acdb \\
    --instance-id 0a9a2be86bdf493981d17626ad2f8668in13 --bucket influxdb-obs
  geminidb data-dump close --region ap-southeast-1 --instances-file ids.txt --bucket influxdb-obs --yes
  geminidb config --profile prod

${CREDENTIALS}

${EXIT_CODES}

Run 'geminidb <command> --help' for the flags of a command.
`;

export const DATA_DUMP_HELP = `geminidb data-dump: enable or disable the export of an instance's data to OBS

GeminiDB Influx (performance-enhanced) instances can export their data as Parquet files
into an OBS bucket. This turns that export on or off (API: SetInstanceDataDump).

Usage:
  geminidb data-dump open  (--instance-id ID... | --instances-file FILE) --bucket NAME [flags]
  geminidb data-dump close (--instance-id ID... | --instances-file FILE) --bucket NAME [flags]

Commands:
  open     enable the export
  close    disable it

Examples:
  geminidb data-dump open --region ap-southeast-1 --project-id 0549b4a43100d4f32f51c01c2fe4acdb \\
    --instance-id 0a9a2be86bdf493981d17626ad2f8668in13 --bucket influxdb-obs
  geminidb data-dump close --region ap-southeast-1 --project-id 0549b4a43100d4f32f51c01c2fe4acdb \\
    --instance-id 0a9a2be86bdf493981d17626ad2f8668in13 --bucket influxdb-obs

${CREDENTIALS}

Run 'geminidb data-dump open --help' for the flags.
`;

export function actionHelp(action: "open" | "close"): string {
  const what = action === "open" ? "Enables" : "Disables";
  const verb = action === "open" ? "enable" : "disable";
  return `geminidb data-dump ${action}: ${verb} the export of instances' data to an OBS bucket

${what} the export of GeminiDB Influx instances' data, as Parquet files, to an OBS
bucket (PUT /v3/{project_id}/instances/{instance_id}/data-dump, action "${action}").
The service answers 200 with no body; the request id is printed for support.

Usage:
  geminidb data-dump ${action} (--instance-id ID... | --instances-file FILE) --bucket NAME [flags]

Flags:
${flagsHelp(DATA_DUMP_FLAGS)}

Output: results on stdout, progress and diagnostics on stderr.
  text   one line per instance done (the default, also when piped: the same command
         prints the same way everywhere; ask for json in scripts)
  json   one JSON object per instance and line: instanceId, action, bucket, status
         (succeeded, failed, skipped, interrupted), requestId, attempts, and error
         (status, errorCode, errorMsg, kind) when it failed
  table  one aligned table at the end
  Colour only on a terminal; --no-color or NO_COLOR turn it off.

Several instances: repeat --instance-id, or list them in --instances-file (one per line,
'#' comments and blank lines ignored, - reads stdin); an id given twice is done once.
Up to --concurrency requests are in flight. A progress bar shows on a terminal (plain
progress lines otherwise) and a summary at the end groups failures by error code; exit
code 5 when some failed. When the API throttles (HTTP 429), all requests pause together
and fewer run at once. Ctrl-C starts nothing new and waits for requests in flight (a
second Ctrl-C abandons them); the summary lists what was done and what was not.${
    action === "close"
      ? `
Closing several instances asks for confirmation on a terminal; --yes skips it, and
without a terminal --yes is required.`
      : ""
  }

Dry run: --dry-run prints each request (headers with secrets redacted) and a curl line
that reads the token from $HW_AUTH_TOKEN; with an access key pair there is no curl line,
since its signature would be stale by the time it is used. Nothing is sent.

Retries: network errors, timeouts and HTTP 429, 500, 502, 503, 504 are tried again, after
0.5 s, then 1 s, 2 s... (with jitter, at most 20 s), or as long as Retry-After asks (at
most 20 s). Other errors are final. The call is idempotent, so a retry is always safe.

Examples:
  geminidb data-dump ${action} --region ap-southeast-1 \\
    --project-id 0549b4a43100d4f32f51c01c2fe4acdb \\
    --instance-id 0a9a2be86bdf493981d17626ad2f8668in13 --bucket influxdb-obs

  # many instances, results as JSON lines
  geminidb data-dump ${action} --region ap-southeast-1 --instances-file ids.txt \\
    --bucket influxdb-obs --concurrency 16 --output json${action === "close" ? " --yes" : ""} > results.jsonl

  # show the request and a curl equivalent, send nothing
  geminidb data-dump ${action} --region ap-southeast-1 --dry-run \\
    --instance-id 0a9a2be86bdf493981d17626ad2f8668in13 --bucket influxdb-obs

  # against a local mock
  geminidb data-dump ${action} --endpoint http://127.0.0.1:4010 --project-id 0549b4a43100d4f32f51c01c2fe4acdb \\
    --instance-id 0a9a2be86bdf493981d17626ad2f8668in13 --bucket influxdb-obs

${CREDENTIALS}

${EXIT_CODES}
`;
}

export const AUTH_HELP = `geminidb auth: log in to IAM with a password, and cache the token

Usage:
  geminidb auth login  [--region R | --iam-endpoint URL] --user-name U --domain-name D [flags]
  geminidb auth logout

Commands:
  login    obtain an IAM token with a password and cache it
  logout   delete the cached token

Examples:
  geminidb auth login --region ap-southeast-1 --user-name operator --domain-name my-account
  geminidb auth logout

${CREDENTIALS}

Run 'geminidb auth login --help' for the flags.
`;

export const LOGIN_HELP = `geminidb auth login: obtain an IAM token with a password, and cache it

Asks IAM for a token scoped to a project (POST /v3/auth/tokens, password method) and
caches it, readable only by you (mode 0600), in $XDG_CONFIG_HOME/geminidb/token.json
(~/.config/geminidb/token.json by default). Later commands use it when no other
credentials are set, until 5 minutes before it expires (tokens last 24 hours); then they
ask you to log in again. The token is never printed.

Usage:
  geminidb auth login [--region R | --iam-endpoint URL] --user-name U --domain-name D [--project-id P]

Flags:
${flagsHelp(LOGIN_FLAGS)}

The password is read from HW_USER_PASSWORD, or asked for on the terminal without echo;
never from a flag.

Examples:
  geminidb auth login --region ap-southeast-1 --user-name operator --domain-name my-account
  HW_USER_PASSWORD=... geminidb auth login --iam-endpoint http://127.0.0.1:4011 \\
    --region ap-southeast-1 --user-name operator --domain-name my-account

${CREDENTIALS}

${EXIT_CODES}
`;

export const LOGOUT_HELP = `geminidb auth logout: delete the token cached by 'geminidb auth login'

Deletes $XDG_CONFIG_HOME/geminidb/token.json (~/.config/geminidb/token.json by default).
Nothing is sent: the token stays valid at IAM until it expires. Other credentials (AK/SK
variables, the credentials file, HW_AUTH_TOKEN) are not touched.

Usage:
  geminidb auth logout

Flags:
${flagsHelp(LOGOUT_FLAGS)}

Examples:
  geminidb auth logout

${CREDENTIALS}
`;

export const CONFIG_HELP = `geminidb config: show the settings a command would use, and where each comes from

Prints the effective region, endpoint, IAM endpoint, project id and credentials (kind,
source, access key id with most of it hidden; never a secret), with the source of each:
a flag, which environment variable, which file. Give the same flags as to data-dump to
see what it would use. Nothing is sent; a project id that would be looked up in IAM is
shown from the cache if it is there.

Usage:
  geminidb config [--profile NAME] [--region R] [--endpoint URL] [--project-id P] [--output text|json]

Flags:
${flagsHelp(CONFIG_FLAGS)}

Examples:
  geminidb config
  geminidb config --profile prod --region eu-west-101
  geminidb config --output json

${CREDENTIALS}

Exit codes:
  0  settings shown
  2  usage error
  3  no usable credentials (the rest is still shown)
`;

export const COMPLETION_HELP = `geminidb completion: print a shell completion script

Completes commands, flags, regions, output formats and file names. Load it in the
current shell, or install it for every new one:

Usage:
  geminidb completion bash|zsh|fish

Flags:
${flagsHelp(COMPLETION_FLAGS)}

Examples:
  source <(geminidb completion bash)                                   # bash, this shell
  geminidb completion bash > ~/.local/share/bash-completion/completions/geminidb
  geminidb completion zsh > "\${fpath[1]}/_geminidb"                     # zsh
  geminidb completion fish > ~/.config/fish/completions/geminidb.fish  # fish

Credentials: none are read; the script only knows names, it never runs a request.
`;
