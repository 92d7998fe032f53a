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
  1  the API answered with an error
  2  usage or validation error: nothing was sent
  3  credentials missing, or refused by the API (HTTP 401)
  4  network error or timeout: no answer from the endpoint`;

export const ROOT_HELP = `geminidb: turn GeminiDB Influx data export to OBS on or off

Usage:
  geminidb <command> [flags]

Commands:
  data-dump open    enable export of an instance's data to an OBS bucket
  data-dump close   disable it
  auth login        obtain an IAM token with a password and cache it
  auth logout       delete the cached token

Flags:
  -h, --help        show help for a command
  -v, --version     print the version

Examples:
  export HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=...   # or HW_AUTH_TOKEN=<IAM token>
  geminidb data-dump open --region ap-southeast-1 \\
    --project-id 0549b4a43100d4f32f51c01c2fe4acdb \\
    --instance-id 0a9a2be86bdf493981d17626ad2f8668in13 --bucket influxdb-obs

${CREDENTIALS}

${EXIT_CODES}

Run 'geminidb <command> --help' for the flags of a command.
`;

export const DATA_DUMP_HELP = `geminidb data-dump: enable or disable the export of an instance's data to OBS

GeminiDB Influx (performance-enhanced) instances can export their data as Parquet files
into an OBS bucket. This turns that export on or off (API: SetInstanceDataDump).

Usage:
  geminidb data-dump open  --instance-id ID --bucket NAME [flags]
  geminidb data-dump close --instance-id ID --bucket NAME [flags]

Examples:
  geminidb data-dump open --region ap-southeast-1 --project-id 0549b4a43100d4f32f51c01c2fe4acdb \\
    --instance-id 0a9a2be86bdf493981d17626ad2f8668in13 --bucket influxdb-obs
  geminidb data-dump close --region ap-southeast-1 --project-id 0549b4a43100d4f32f51c01c2fe4acdb \\
    --instance-id 0a9a2be86bdf493981d17626ad2f8668in13 --bucket influxdb-obs

Run 'geminidb data-dump open --help' for the flags.
`;

export function actionHelp(action: "open" | "close"): string {
  const what = action === "open" ? "Enables" : "Disables";
  const verb = action === "open" ? "enable" : "disable";
  return `geminidb data-dump ${action}: ${verb} the export of an instance's data to an OBS bucket

${what} the export of a GeminiDB Influx instance's data, as Parquet files, to an OBS
bucket (PUT /v3/{project_id}/instances/{instance_id}/data-dump, action "${action}").
The service answers 200 with no body; the request id is printed for support.

Usage:
  geminidb data-dump ${action} --instance-id ID --bucket NAME [--project-id P] [--region R | --endpoint URL]

Flags:
      --instance-id ID    GeminiDB Influx instance id (required)
      --bucket NAME       OBS bucket name (required${action === "close" ? ", also for close" : ""})
      --project-id P      project id (default: see Credentials below)
      --region R          region, e.g. ap-southeast-1 (default: $HW_REGION_NAME)
      --endpoint URL      endpoint URL instead of the region's (private cloud, mock)
      --iam-endpoint URL  IAM endpoint URL, for looking up the project id (private cloud, mock)
      --allow-http        allow a plain-http endpoint on another machine (https is required
                          otherwise, so credentials never travel unencrypted)
      --profile NAME      use this profile of the credentials file
      --timeout SECONDS   give up on an attempt with no answer within this time (default: 30, at most 300)
      --max-attempts N    attempts in all, 1 to 10 (default: 3); see Retries below
      --debug             log each request, answer and retry to stderr, secrets redacted
  -h, --help              show this help

Retries: network errors, timeouts and HTTP 429, 500, 502, 503, 504 are tried again, after
0.5 s, then 1 s, 2 s... (with jitter, at most 20 s), or as long as Retry-After asks (at
most 20 s). Other errors are final. The call is idempotent, so a retry is always safe.

Examples:
  geminidb data-dump ${action} --region ap-southeast-1 \\
    --project-id 0549b4a43100d4f32f51c01c2fe4acdb \\
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
  geminidb auth logout      delete the cached token

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
      --region R          region: IAM is https://iam.R.myhuaweicloud.com (default: $HW_REGION_NAME)
      --iam-endpoint URL  IAM endpoint URL instead (private cloud, mock)
      --allow-http        allow a plain-http IAM endpoint on another machine
      --user-name U       IAM user name (default: $HW_USER_NAME)
      --domain-name D     account (domain) name of the user (default: $HW_DOMAIN_NAME)
      --project-id P      the project of the token (default: $HUAWEICLOUD_SDK_PROJECT_ID, $HW_PROJECT_ID,
                          else the region's project)
      --timeout SECONDS   give up when no answer comes within this time (default: 30, at most 300)
      --debug             log each request and answer to stderr, secrets redacted
  -h, --help              show this help

The password is read from HW_USER_PASSWORD, or asked for on the terminal without echo;
never from a flag.

Examples:
  geminidb auth login --region ap-southeast-1 --user-name operator --domain-name my-account
  HW_USER_PASSWORD=... geminidb auth login --iam-endpoint http://127.0.0.1:4011 \\
    --region ap-southeast-1 --user-name operator --domain-name my-account

${EXIT_CODES}
`;
