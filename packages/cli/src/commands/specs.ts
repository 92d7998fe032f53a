import type { FlagSpec, FlagSpecs } from "../args.js";

// Every command and flag of geminidb, in one place: the parser, --help and the shell
// completion scripts all read them from here, so none of them can forget a flag.

export const OUTPUT_FORMATS = ["text", "json", "table"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const SHELLS = ["bash", "zsh", "fish"] as const;

export const DEFAULT_CONCURRENCY = 8;
export const MAX_CONCURRENCY = 64;

const help: FlagSpec = { type: "boolean", short: "h", help: "show this help" };

const connection = {
  region: {
    type: "string",
    value: "R",
    complete: "regions",
    help: "region, e.g. ap-southeast-1 (default: $HW_REGION_NAME)",
  },
  endpoint: { type: "string", value: "URL", help: "endpoint URL instead of the region's (private cloud, mock)" },
  "iam-endpoint": {
    type: "string",
    value: "URL",
    help: "IAM endpoint URL, for looking up the project id (private cloud, mock)",
  },
  "project-id": { type: "string", value: "P", help: "project id (default: see Credentials below)" },
  profile: { type: "string", value: "NAME", help: "use this profile of the credentials file" },
} satisfies FlagSpecs;

export const DATA_DUMP_FLAGS = {
  "instance-id": {
    type: "string",
    multiple: true,
    value: "ID",
    help: "GeminiDB Influx instance id; repeat it for several instances",
  },
  "instances-file": {
    type: "string",
    value: "FILE",
    complete: "files",
    help: "read instance ids from FILE, one per line ('#' comments and blank lines ignored; - is stdin)",
  },
  bucket: { type: "string", value: "NAME", help: "OBS bucket name (required, for close too)" },
  ...connection,
  output: {
    type: "string",
    value: "FORMAT",
    complete: "outputs",
    help: "text (default), json (one object per instance per line) or table",
  },
  "no-color": { type: "boolean", help: "no colour (also: NO_COLOR set, or output not a terminal)" },
  concurrency: {
    type: "string",
    value: "N",
    help: `requests in flight at once for several instances, 1 to ${MAX_CONCURRENCY} (default: ${DEFAULT_CONCURRENCY})`,
  },
  "fail-fast": { type: "boolean", help: "start no more instances after the first failure" },
  yes: { type: "boolean", short: "y", help: "close several instances without asking for confirmation" },
  "dry-run": {
    type: "boolean",
    help: "print the request(s) and a curl equivalent, send nothing",
  },
  timeout: {
    type: "string",
    value: "SECONDS",
    help: "give up on an attempt with no answer within this time (default: 30, at most 300)",
  },
  "max-attempts": { type: "string", value: "N", help: "attempts in all, 1 to 10 (default: 3); see Retries below" },
  "allow-http": {
    type: "boolean",
    help: "allow a plain-http endpoint on another machine (https is required otherwise)",
  },
  debug: { type: "boolean", help: "log each attempt and retry decision to stderr, secrets redacted" },
  help,
} satisfies FlagSpecs;

export const LOGIN_FLAGS = {
  region: {
    type: "string",
    value: "R",
    complete: "regions",
    help: "region: IAM is https://iam.R.myhuaweicloud.com (default: $HW_REGION_NAME)",
  },
  "iam-endpoint": { type: "string", value: "URL", help: "IAM endpoint URL instead (private cloud, mock)" },
  "allow-http": { type: "boolean", help: "allow a plain-http IAM endpoint on another machine" },
  "user-name": { type: "string", value: "U", help: "IAM user name (default: $HW_USER_NAME)" },
  "domain-name": { type: "string", value: "D", help: "account (domain) name of the user (default: $HW_DOMAIN_NAME)" },
  "project-id": {
    type: "string",
    value: "P",
    help: "the project of the token (default: $HUAWEICLOUD_SDK_PROJECT_ID, $HW_PROJECT_ID, else the region's)",
  },
  timeout: {
    type: "string",
    value: "SECONDS",
    help: "give up when no answer comes within this time (default: 30, at most 300)",
  },
  debug: { type: "boolean", help: "log each request and answer to stderr, secrets redacted" },
  help,
} satisfies FlagSpecs;

export const LOGOUT_FLAGS = { help } satisfies FlagSpecs;

export const CONFIG_FLAGS = {
  ...connection,
  output: { type: "string", value: "FORMAT", complete: "outputs", help: "text (default), json or table" },
  help,
} satisfies FlagSpecs;

export const COMPLETION_FLAGS = { help } satisfies FlagSpecs;

export interface CommandSpec {
  name: string;
  summary: string;
  flags?: FlagSpecs;
  /** What completion offers for the first argument. */
  argument?: readonly string[];
  subcommands?: CommandSpec[];
}

export const COMMANDS: CommandSpec[] = [
  {
    name: "data-dump",
    summary: "enable or disable the export of instances' data to OBS",
    subcommands: [
      { name: "open", summary: "enable export of instances' data to an OBS bucket", flags: DATA_DUMP_FLAGS },
      { name: "close", summary: "disable it", flags: DATA_DUMP_FLAGS },
    ],
  },
  {
    name: "auth",
    summary: "log in to IAM with a password, or log out",
    subcommands: [
      { name: "login", summary: "obtain an IAM token with a password and cache it", flags: LOGIN_FLAGS },
      { name: "logout", summary: "delete the cached token", flags: LOGOUT_FLAGS },
    ],
  },
  {
    name: "config",
    summary: "show the effective region, endpoint, project id and credentials, and their sources",
    flags: CONFIG_FLAGS,
  },
  { name: "completion", summary: "print a shell completion script", flags: COMPLETION_FLAGS, argument: SHELLS },
];

/** The `Flags:` lines of a command's --help, aligned. */
export function flagsHelp(flags: FlagSpecs): string {
  const rows = Object.entries(flags).map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : "    ";
    return [`  ${short}--${name}${spec.value ? ` ${spec.value}` : ""}`, spec.help ?? ""] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, text]) => `${left.padEnd(width)}${text}`).join("\n");
}
