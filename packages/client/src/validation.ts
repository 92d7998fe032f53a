import { ValidationError } from "./errors.js";
import type { DataDumpAction } from "./types.js";

export const DATA_DUMP_ACTIONS: readonly DataDumpAction[] = ["open", "close"];

// Characters that would change the meaning of the URL if they reached a path segment
// (a new segment, a query, a fragment), plus whitespace and control characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const UNSAFE_IN_PATH = /[/?#\\\s\u0000-\u001f\u007f]/;

/** A value that becomes one path segment: non-empty, and unable to escape its segment. */
export function checkPathValue(field: string, value: unknown): string {
  if (typeof value !== "string" || value === "") {
    throw new ValidationError(field, "is required");
  }
  if (value === "." || value === ".." || value.includes("..")) {
    throw new ValidationError(field, `must not contain ".." (got ${JSON.stringify(value)})`);
  }
  if (UNSAFE_IN_PATH.test(value)) {
    throw new ValidationError(
      field,
      `must not contain "/", "?", "#", "\\", whitespace or control characters (got ${JSON.stringify(value)})`,
    );
  }
  return value;
}

export function checkBucketName(value: unknown): string {
  if (typeof value !== "string" || value === "") {
    throw new ValidationError("bucket_name", "is required");
  }
  return value;
}

export function checkAction(value: unknown): DataDumpAction {
  if (!DATA_DUMP_ACTIONS.includes(value as DataDumpAction)) {
    throw new ValidationError("action", `must be "open" or "close" (got ${JSON.stringify(value)})`);
  }
  return value as DataDumpAction;
}
