declare const __GEMINIDB_VERSION__: string;

/** Set by the bundler from package.json; "dev" when run from source (tests of modules). */
export const VERSION = typeof __GEMINIDB_VERSION__ === "string" ? __GEMINIDB_VERSION__ : "dev";

const CREDENTIALS = `Credentials (first match wins; secrets never come from flags):
  1. --profile NAME     that profile of the credentials file (ak, sk, security_token, project_id)
  2. HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK [+ HUAWEICLOUD_SDK_SECURITY_TOKEN]   official SDKs
  3. HW_ACCESS_KEY + HW_SECRET_KEY [+ HW_SECURITY_TOKEN], then HW_AUTH_TOKEN       Terraform
  4. profile "default" of ~/.huaweicloud/credentials (or $HUAWEICLOUD_SDK_CREDENTIALS_FILE)
  An access key pair signs each request (SDK-HMAC-SHA256); HW_AUTH_TOKEN is an IAM token.
  Project id: --project-id, HUAWEICLOUD_SDK_PROJECT_ID, HW_PROJECT_ID, the profile's project_id.
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
      --endpoint URL      endpoint URL instead of a region's (private cloud, mock)
      --profile NAME      use this profile of the credentials file
      --timeout SECONDS   give up when no answer comes within this time (default: 30, at most 300)
      --debug             log each request and answer to stderr, secrets redacted
  -h, --help              show this help

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
