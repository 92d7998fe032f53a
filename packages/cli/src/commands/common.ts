import {
  ApiError,
  AuthenticationError,
  ConfigError,
  ConnectionError,
  MAX_TIMEOUT_MS,
  ResponseError,
  type RetryEvent,
  TimeoutError,
} from "@geminidb-kit/client";
import { fetchWithProxyFromEnv } from "@geminidb-kit/client/proxy";
import { closest } from "../args.js";
import { debugFetch } from "../debug.js";
import { CredentialsError, UsageError } from "../errors.js";
import { ExitCode } from "../exit-codes.js";
import { hintFor } from "../hints.js";
import type { Io } from "../io.js";
import { printable, quoted } from "../output.js";
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, OUTPUT_FORMATS, type OutputFormat } from "./specs.js";

// What the commands share: reading flags, and telling the user why a request failed.

export type Flags = Record<string, string | string[] | true>;

export function stringFlag(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === "string" ? value : undefined;
}

/** The values of a repeatable flag, in order; empty when not given. */
export function listFlag(flags: Flags, name: string): string[] {
  const value = flags[name];
  return Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
}

/** `--output text|json|table`; text when not given, wherever the output goes (see --help). */
export function outputFlag(flags: Flags, helpFor: string): OutputFormat {
  const value = stringFlag(flags, "output") ?? "text";
  if ((OUTPUT_FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  const guess = closest(value, OUTPUT_FORMATS);
  throw new UsageError(
    `--output must be one of ${OUTPUT_FORMATS.join(", ")} (got ${quoted(value)})${guess ? `; did you mean ${guess}?` : ""}`,
    helpFor,
  );
}

/** `--concurrency N`, bounded so that a typo cannot open thousands of connections. */
export function concurrencyFlag(flags: Flags, helpFor: string): number {
  const value = stringFlag(flags, "concurrency");
  if (value === undefined) return DEFAULT_CONCURRENCY;
  const n = /^\d{1,3}$/.test(value) ? Number(value) : 0;
  if (n < 1 || n > MAX_CONCURRENCY) {
    throw new UsageError(
      `--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY} (got ${quoted(value)})`,
      helpFor,
    );
  }
  return n;
}

export function requiredFlag(flags: Flags, name: string, helpFor: string): string {
  const value = stringFlag(flags, name);
  if (value === undefined) throw new UsageError(`missing required flag --${name}`, helpFor);
  if (value === "") throw new UsageError(`flag --${name} is empty`, helpFor);
  return value;
}

/** `--timeout SECONDS` in milliseconds, or undefined for the client's default. */
export function timeoutFlag(flags: Flags, helpFor: string): number | undefined {
  const value = stringFlag(flags, "timeout");
  if (value === undefined) return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds >= 0.001 && seconds <= MAX_TIMEOUT_MS / 1000)) {
    throw new UsageError(
      `--timeout must be a number of seconds from 0.001 to ${MAX_TIMEOUT_MS / 1000} (got ${quoted(value)})`,
      helpFor,
    );
  }
  return Math.round(seconds * 1000);
}

export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** `--max-attempts N`, or undefined for the client's default. */
export function attemptsFlag(flags: Flags, helpFor: string): number | undefined {
  const value = stringFlag(flags, "max-attempts");
  if (value === undefined) return undefined;
  if (!/^([1-9]|10)$/.test(value)) {
    throw new UsageError(`--max-attempts must be a whole number from 1 to 10 (got ${quoted(value)})`, helpFor);
  }
  return Number(value);
}

/** `--debug`: logs each retry decision. */
export function retryLogger(flags: Flags, io: Io): ((event: RetryEvent) => void) | undefined {
  if (!flags.debug) return undefined;
  return (event) =>
    io.stderr(
      `debug: ${printable(`retrying in ${event.delay} ms (attempt ${event.attempt} of ${event.maxAttempts}) after: ${event.error.message}`)}\n`,
    );
}

/**
 * The fetch commands send with: through the proxy HTTPS_PROXY/HTTP_PROXY name (NO_PROXY
 * bypasses), and with `--debug` logging each request and answer, secrets redacted.
 */
export function debugOption(flags: Flags, io: Io): typeof fetch {
  const transport = fetchWithProxyFromEnv(io.env);
  return flags.debug ? debugFetch((line) => io.stderr(`debug: ${printable(line)}\n`), transport) : transport;
}

/**
 * Turns a client's ConfigError into what the user has to fix: the credentials (exit 3),
 * anything else on the command line (exit 2). `source` names where the credentials came from.
 */
export function configFailure(error: unknown, source: string, helpFor: string): never {
  if (error instanceof ConfigError && error.option === "token") {
    throw new CredentialsError(`the credentials from ${source} cannot be used: ${error.message}`);
  }
  if (error instanceof ConfigError) throw new UsageError(printable(error.message), helpFor);
  throw error;
}

/** Reports a failed request on stderr and returns the exit code; rethrows what is not one. */
export function reportRequestFailure(error: unknown, what: string, io: Io): number {
  if (error instanceof ApiError) {
    const redirected = error.status >= 300 && error.status < 400;
    const why = redirected ? error.message : `the API answered HTTP ${error.status}`;
    const lines = [
      `error: ${what}: ${why}`,
      `  status:     ${error.status}`,
      `  error_code: ${error.errorCode ?? "(none)"}`,
      `  error_msg:  ${error.errorMsg ?? (error.body ? "(the body is not a Huawei Cloud error)" : "(empty body)")}`,
      `  request_id: ${error.requestId ?? "(none)"}`,
    ];
    const hint = hintFor(error.errorCode);
    if (hint) lines.push(`  hint:       ${hint}`);
    if (error.attempts > 1) lines.push(`  attempts:   ${error.attempts}`);
    io.stderr(`${lines.map(printable).join("\n")}\n`);
    return error instanceof AuthenticationError ? ExitCode.Credentials : ExitCode.ApiError;
  }
  if (error instanceof ResponseError) {
    io.stderr(`error: ${printable(`${what}: ${error.message}`)}\n`);
    return ExitCode.ApiError;
  }
  const tries = error instanceof ConnectionError && error.attempts > 1 ? ` (${error.attempts} attempts)` : "";
  if (error instanceof TimeoutError) {
    io.stderr(`error: ${printable(error.message)}${tries} (raise it with --timeout SECONDS)\n`);
    return ExitCode.Network;
  }
  if (error instanceof ConnectionError) {
    io.stderr(`error: ${printable(error.message)}${tries}\n`);
    return ExitCode.Network;
  }
  throw error;
}

/** Reports any failure of a command's request: bad options (thrown as usage or credentials errors) or the request's own. */
export function reportFailure(error: unknown, what: string, io: Io, source: string, helpFor: string): number {
  if (error instanceof ConfigError) configFailure(error, source, helpFor);
  return reportRequestFailure(error, what, io);
}
