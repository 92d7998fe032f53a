import {
  AbortedError,
  ApiError,
  AuthenticationError,
  ConnectionError,
  type DataDumpAction,
  type DataDumpResult,
  ResponseError,
  TimeoutError,
} from "@geminidb-kit/client";
import type { Colours } from "./colour.js";
import { printable } from "./output.js";

/** What happened to one instance: what `--output json` prints, one object per line. */
export interface InstanceResult {
  instanceId: string;
  action: DataDumpAction;
  bucket: string;
  /**
   * succeeded; failed; skipped (never sent: --fail-fast or Ctrl-C); interrupted (aborted
   * by a second Ctrl-C while in flight: it may or may not have taken effect).
   */
  status: "succeeded" | "failed" | "skipped" | "interrupted";
  requestId: string | null;
  attempts: number;
  error?: {
    /** The HTTP status, or null when no answer came. */
    status: number | null;
    errorCode: string | null;
    errorMsg: string;
    kind: "api" | "credentials" | "network" | "timeout" | "response" | "interrupted" | "internal";
  };
}

export function succeeded(action: DataDumpAction, bucket: string, result: DataDumpResult): InstanceResult {
  return {
    instanceId: result.instanceId,
    action,
    bucket,
    status: "succeeded",
    requestId: result.requestId ?? null,
    attempts: result.attempts,
  };
}

export function notSent(instanceId: string, action: DataDumpAction, bucket: string): InstanceResult {
  return { instanceId, action, bucket, status: "skipped", requestId: null, attempts: 0 };
}

/** The result of a call that threw `error`. */
export function failed(instanceId: string, action: DataDumpAction, bucket: string, error: unknown): InstanceResult {
  const base = { instanceId, action, bucket };
  if (error instanceof ApiError) {
    return {
      ...base,
      status: "failed",
      requestId: error.requestId ?? null,
      attempts: error.attempts,
      error: {
        status: error.status,
        errorCode: error.errorCode ?? null,
        errorMsg: error.errorMsg ?? error.message,
        kind: error instanceof AuthenticationError ? "credentials" : "api",
      },
    };
  }
  if (error instanceof AbortedError) {
    const error_ = {
      status: null,
      errorCode: null,
      errorMsg: "interrupted while in flight",
      kind: "interrupted",
    } as const;
    return { ...base, status: "interrupted", requestId: null, attempts: 1, error: error_ };
  }
  const kind =
    error instanceof TimeoutError
      ? "timeout"
      : error instanceof ConnectionError
        ? "network"
        : error instanceof ResponseError
          ? "response"
          : "internal";
  const attempts = error instanceof ConnectionError ? error.attempts : 1;
  const errorMsg = error instanceof Error ? error.message : String(error);
  return {
    ...base,
    status: "failed",
    requestId: null,
    attempts,
    error: { status: null, errorCode: null, errorMsg, kind },
  };
}

/** What failures are grouped by in the summary: the error code, else the status, else the kind. */
export function reasonOf(result: InstanceResult): string {
  const error = result.error;
  if (!error) return result.status;
  return error.errorCode ?? (error.status !== null ? `HTTP ${error.status}` : error.kind);
}

// Only called with validated ids and bucket: nothing of theirs needs escaping.
export function successLine(result: InstanceResult): string {
  const verb = result.action === "open" ? "Opened" : "Closed";
  return `${verb} data export of instance ${result.instanceId} to OBS bucket ${result.bucket} (request id ${printable(result.requestId ?? "none")})`;
}

/** One line for a failed instance of a fleet. */
export function failureLine(result: InstanceResult): string {
  const error = result.error;
  const detail = error ? `${reasonOf(result)}: ${error.errorMsg}` : result.status;
  const id = result.requestId ? ` (request id ${result.requestId})` : "";
  return printable(`could not ${result.action} data export of instance ${result.instanceId}: ${detail}${id}`);
}

/** The JSON line of a result: field order fixed, strings as JSON escapes them. */
export function jsonLine(result: InstanceResult): string {
  // JSON allows U+2028/U+2029 raw, but line-splitting tools take them for line ends.
  return JSON.stringify(result).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** All results as an aligned table, in the order given. */
export function table(results: readonly InstanceResult[], colours: Colours): string {
  const header = ["INSTANCE", "ACTION", "BUCKET", "STATUS", "ATTEMPTS", "REQUEST ID", "ERROR"];
  const rows = results.map((r) => [
    r.instanceId,
    r.action,
    r.bucket,
    r.status,
    String(r.attempts),
    r.requestId ?? "-",
    r.error ? printable(`${reasonOf(r)}: ${r.error.errorMsg}`) : "",
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)));
  const paintStatus = (status: string, cell: string) =>
    status === "succeeded" ? colours.green(cell) : status === "failed" ? colours.red(cell) : colours.yellow(cell);
  const format = (row: string[], isHeader: boolean) =>
    row
      .map((cell, i) => {
        const padded = i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0);
        if (isHeader) return colours.bold(padded);
        return i === 3 ? paintStatus(cell, padded) : padded;
      })
      .join("  ")
      .trimEnd();
  return `${[format(header, true), ...rows.map((row) => format(row, false))].join("\n")}\n`;
}

/**
 * The end of a fleet run, for stderr: how many succeeded, the failures grouped by reason,
 * and, when it was stopped early, which instances were not done.
 */
export function summary(results: readonly InstanceResult[], colours: Colours, stoppedBy?: string): string {
  const count = (status: InstanceResult["status"]) => results.filter((r) => r.status === status);
  const ok = count("succeeded");
  const failures = count("failed");
  const interrupted = count("interrupted");
  const skipped = count("skipped");
  const action = results[0]?.action ?? "open";
  const verb = action === "open" ? "opened" : "closed";
  const lines = [
    `${stoppedBy ? `${stoppedBy}: ` : ""}${verb} ${ok.length} of ${results.length} instance${results.length === 1 ? "" : "s"}` +
      (failures.length ? `, ${colours.red(`${failures.length} failed`)}` : "") +
      (interrupted.length ? `, ${interrupted.length} interrupted in flight` : "") +
      (skipped.length ? `, ${skipped.length} not done` : ""),
  ];
  if (stoppedBy && ok.length) {
    lines.push(`  done (${ok.length}):`);
    for (const r of ok) lines.push(`    ${r.instanceId}`);
  }
  const groups = new Map<string, InstanceResult[]>();
  for (const r of failures) groups.set(reasonOf(r), [...(groups.get(reasonOf(r)) ?? []), r]);
  for (const [reason, group] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    lines.push(`  failed, ${printable(reason)} (${group.length}): ${printable(group[0]?.error?.errorMsg ?? "")}`);
    for (const r of group) lines.push(`    ${r.instanceId}`);
  }
  if (interrupted.length) {
    lines.push(`  interrupted in flight, may or may not have taken effect (${interrupted.length}):`);
    for (const r of interrupted) lines.push(`    ${r.instanceId}`);
  }
  if (skipped.length) {
    lines.push(`  not done (${skipped.length}):`);
    for (const r of skipped) lines.push(`    ${r.instanceId}`);
  }
  return `${lines.join("\n")}\n`;
}
