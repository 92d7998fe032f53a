import { ValidationError } from "./errors.js";
import type { DataDumpAction } from "./types.js";

export const DATA_DUMP_ACTIONS: readonly DataDumpAction[] = ["open", "close"];

// The formats spec/openapi.yaml declares. Checking them here means a typo is reported
// before anything is sent, and no value can reach the URL that would change its meaning
// ("/", "?", "#", ".." cannot match).
const PROJECT_ID = /^[0-9a-f]{32}$/;
const INSTANCE_ID = /^[0-9a-f]{32}in[0-9]{2}$/;

export function checkProjectId(value: unknown): string {
  return checkFormat("project_id", value, PROJECT_ID, "32 lowercase hexadecimal digits");
}

export function checkInstanceId(value: unknown): string {
  return checkFormat("instance_id", value, INSTANCE_ID, "32 lowercase hexadecimal digits, then 'in' and two digits");
}

/** OBS bucket naming rules. */
export function checkBucketName(value: unknown): string {
  const name = checkFormat("bucket_name", value, /^[a-z0-9.-]*$/, "lowercase letters, digits, hyphens and periods");
  const problem =
    name.length < 3 || name.length > 63
      ? "must be 3 to 63 characters long"
      : !/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)
        ? "must start and end with a lowercase letter or a digit"
        : /\.\.|\.-|-\./.test(name)
          ? 'must not contain "..", ".-" or "-."'
          : /^\d+\.\d+\.\d+\.\d+$/.test(name)
            ? "must not be an IP address"
            : undefined;
  if (problem) throw new ValidationError("bucket_name", `${problem} (got ${quote(name)})`);
  return name;
}

export function checkAction(value: unknown): DataDumpAction {
  if (!DATA_DUMP_ACTIONS.includes(value as DataDumpAction)) {
    throw new ValidationError("action", `must be "open" or "close" (got ${quote(value)})`);
  }
  return value as DataDumpAction;
}

function checkFormat(field: string, value: unknown, format: RegExp, expected: string): string {
  if (value === undefined || value === null || value === "") throw new ValidationError(field, "is required");
  if (typeof value !== "string") throw new ValidationError(field, `must be a string (got ${typeof value})`);
  if (!format.test(value)) throw new ValidationError(field, `must be ${expected} (got ${quote(value)})`);
  return value;
}

/** A value quoted for an error message: control characters escaped, long values cut. */
export function quote(value: unknown): string {
  const text = typeof value === "string" ? value : typeof value === "symbol" ? value.toString() : String(value);
  const cut = text.length > 80 ? `${text.slice(0, 80)}...` : text;
  return JSON.stringify(cut);
}
