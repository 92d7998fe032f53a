import createFetchClient, { type Client } from "openapi-fetch";
import { authenticated, type Credentials } from "./auth.js";
import {
  AbortedError,
  ApiError,
  ConfigError,
  ConnectionError,
  GeminiDBError,
  TimeoutError,
  ValidationError,
} from "./errors.js";
import { judgedByStatus, type SuccessHandler } from "./transport.js";

// What every API client of this package shares: endpoint and timeout checks, the request
// path (status judgement -> authentication -> fetch) and the mapping of failures to errors.

/** How long a request may take by default: generous for one small call, short enough for CI. */
export const DEFAULT_TIMEOUT_MS = 30_000;
// The upper bound is Node's own: its fetch gives up waiting for response headers after
// 300 s, whatever the signal says.
export const MAX_TIMEOUT_MS = 300_000;

export interface HttpOptions {
  endpoint: string;
  /** None for calls that need none (IAM's password login). */
  credentials: Credentials | undefined;
  fetch?: typeof globalThis.fetch | undefined;
  now?: (() => Date) | undefined;
  /** What to do with a 2xx answer; by default its body is discarded unread. */
  onSuccess?: SuccessHandler | undefined;
}

export function createHttp<Paths extends {}>(options: HttpOptions): Client<Paths> {
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new ConfigError("option `fetch` must be a function", "fetch");
  }
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return createFetchClient<Paths>({
    baseUrl: options.endpoint,
    fetch: judgedByStatus(
      options.credentials ? authenticated(send, options.credentials, options.now ?? (() => new Date())) : send,
      options.onSuccess,
    ),
  });
}

/** How failed attempts are retried. Every field has a default. */
export interface RetryOptions {
  /** Attempts in all, the first included: 1 means no retry. 1 to 10, default 3. */
  maxAttempts?: number | undefined;
  /** The first backoff, in milliseconds (doubling after each attempt, with full jitter). Default 500. */
  initialDelay?: number | undefined;
  /** The longest backoff, and the longest Retry-After honoured, in milliseconds. Default 20000. */
  maxDelay?: number | undefined;
}

export interface CallOptions extends RetryOptions {
  /** Aborts the request at once, also between attempts; the call rejects with an AbortedError. */
  signal?: AbortSignal | undefined;
  /** Milliseconds each attempt may take; overrides the client's timeout for this call. */
  timeout?: number | undefined;
}

/** Told before each retry: for logs (`--debug`). */
export interface RetryEvent {
  /** The attempt about to be made, 2 or more. */
  attempt: number;
  maxAttempts: number;
  /** The wait before it, in milliseconds. */
  delay: number;
  /** Why the previous attempt failed. */
  error: GeminiDBError;
}

/** Retry options with every value decided. */
export interface RetryPolicy {
  maxAttempts: number;
  initialDelay: number;
  maxDelay: number;
}

/** What a client needs to send with retries; `sleep` and `random` are replaceable for tests. */
export interface SendPolicy {
  endpoint: string;
  timeout: number;
  retry: RetryPolicy;
  onRetry?: ((event: RetryEvent) => void) | undefined;
  sleep?: ((ms: number, signal: AbortSignal | undefined) => Promise<void>) | undefined;
  random?: (() => number) | undefined;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, initialDelay: 500, maxDelay: 20_000 };

// The PUT is idempotent: sending it again leaves the instance in the same state. These are
// the answers worth another try; anything else (400, 401, 403, 404, 409, 413, 415, 422...)
// would fail the same way again.
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

/** Whether another attempt may succeed where this one failed. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ApiError) return RETRYABLE_STATUSES.has(error.status);
  // A certificate that fails verification fails again: that is a setup problem, not a flake.
  return error instanceof ConnectionError && !CERTIFICATE_ERROR.test(describeCause(error.cause));
}

const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT/;

/**
 * Runs `call` until it succeeds, fails for good, or attempts run out: each attempt with its
 * own timeout, waiting between attempts with exponential backoff and full jitter, or as long
 * as Retry-After asks (capped). The error thrown carries the number of attempts made.
 */
export async function send<T>(
  policy: SendPolicy,
  options: CallOptions | undefined,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<{ value: T; attempts: number }> {
  const retry = retryOptions({ ...policy.retry, ...definedOnly(options) }, ValidationError);
  const timeout = options?.timeout ?? policy.timeout;
  const sleep = policy.sleep ?? abortableSleep;
  const random = policy.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await withTimeout(policy.endpoint, timeout, options, call), attempts: attempt };
    } catch (error) {
      if (options?.signal?.aborted || !isRetryable(error) || attempt >= retry.maxAttempts) {
        if (error instanceof ApiError || error instanceof ConnectionError) {
          (error as { attempts?: number }).attempts = attempt;
        }
        throw error;
      }
      const backoff = random() * Math.min(retry.maxDelay, retry.initialDelay * 2 ** (attempt - 1));
      const retryAfter = error instanceof ApiError ? error.retryAfter : undefined;
      const delay = Math.round(retryAfter === undefined ? backoff : Math.min(retryAfter, retry.maxDelay));
      policy.onRetry?.({ attempt: attempt + 1, maxAttempts: retry.maxAttempts, delay, error: error as GeminiDBError });
      await sleep(delay, options?.signal);
      if (options?.signal?.aborted) throw aborted(options.signal);
    }
  }
}

function aborted(signal: AbortSignal): AbortedError {
  return new AbortedError("the call was aborted", { cause: signal.reason });
}

/** The retry options given (not undefined), so that they can be spread over the defaults. */
function definedOnly(options: CallOptions | undefined): RetryOptions {
  return Object.fromEntries(
    Object.entries(options ?? {}).filter(([name, value]) => value !== undefined && name in DEFAULT_RETRY),
  );
}

/** Retry options merged over the defaults and checked; `ErrorKind` says whose fault a bad one is. */
export function retryOptions(
  options: RetryOptions | undefined,
  ErrorKind: typeof ValidationError | typeof ConfigError = ConfigError,
): RetryPolicy {
  const merged = { ...DEFAULT_RETRY, ...definedOnly(options) } as RetryPolicy;
  const checks: [keyof RetryOptions, number, number][] = [
    ["maxAttempts", 1, 10],
    ["initialDelay", 0, MAX_TIMEOUT_MS],
    ["maxDelay", 0, MAX_TIMEOUT_MS],
  ];
  for (const [name, min, max] of checks) {
    const value = merged[name];
    if (!Number.isInteger(value) || value < min || value > max) {
      const problem = `must be a whole number from ${min} to ${max} (got ${String(value)})`;
      if (ErrorKind === ValidationError) throw new ValidationError(name, problem);
      throw new ConfigError(`option \`${name}\` ${problem}`, "retry");
    }
  }
  return merged;
}

/** Waits `ms`, or less when `signal` aborts (the caller checks which). */
function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  const { setTimeout: wait } = process.getBuiltinModule("node:timers/promises");
  return wait(ms, undefined, signal ? { signal } : {}).catch(() => {});
}

/**
 * Runs one attempt with a timeout and an optional caller's signal, and turns what can go
 * wrong on the way into this package's errors.
 */
async function withTimeout<T>(
  endpoint: string,
  timeout: number,
  options: CallOptions | undefined,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const problem = timeoutProblem(timeout);
  if (problem) throw new ValidationError("timeout", problem);
  if (options?.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new ValidationError("signal", "must be an AbortSignal");
  }
  // One controller per attempt, aborted by the timer or by the caller's signal:
  // AbortSignal.timeout and AbortSignal.any cost several times more per request.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeout);
  const caller = options?.signal;
  const onAbort = () => controller.abort(caller?.reason);
  if (caller?.aborted) onAbort();
  else caller?.addEventListener("abort", onAbort, { once: true });
  try {
    return await call(controller.signal);
  } catch (cause) {
    if (caller?.aborted) throw aborted(caller);
    if (timedOut) throw new TimeoutError(`no answer from ${endpoint} within ${timeout} ms`, { cause });
    if (cause instanceof GeminiDBError) throw cause;
    if (describeCause(cause) === "bad port") {
      // fetch refuses some ports outright (the WHATWG "bad ports"), before connecting.
      throw new ConfigError(`endpoint port ${new URL(endpoint).port} is one that fetch refuses to use`, "endpoint");
    }
    throw new ConnectionError(`could not reach ${endpoint}: ${describeCause(cause)}`, { cause });
  } finally {
    clearTimeout(timer);
    caller?.removeEventListener("abort", onAbort);
  }
}

export function timeoutProblem(timeout: unknown): string | undefined {
  return typeof timeout === "number" && Number.isInteger(timeout) && timeout >= 1 && timeout <= MAX_TIMEOUT_MS
    ? undefined
    : `must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS} (got ${typeof timeout === "string" ? JSON.stringify(timeout) : String(timeout)})`;
}

/** The option `timeout`, checked, or the default. */
export function timeoutOption(timeout: unknown): number {
  const value = timeout ?? DEFAULT_TIMEOUT_MS;
  const problem = timeoutProblem(value);
  if (problem) throw new ConfigError(`option \`timeout\` ${problem}`, "timeout");
  return value as number;
}

/** The endpoint option or the region's endpoint, checked, without a trailing slash. */
export function endpointOption(
  endpoint: unknown,
  region: unknown,
  forRegion: (region: string) => string,
  example: string,
  allowInsecureHttp = false,
): string {
  if (endpoint !== undefined) return normalizeEndpoint(endpoint, example, allowInsecureHttp);
  if (region !== undefined) return forRegion(String(region));
  throw new ConfigError("a region or an endpoint is required (option `region` or `endpoint`)", "region");
}

// Plain http is for a mock or a proxy on this machine; anywhere else it would carry the
// credentials in clear text.
function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function normalizeEndpoint(endpoint: unknown, example: string, allowInsecureHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(String(endpoint));
  } catch {
    // Not quoted: a malformed URL may still carry a password.
    throw new ConfigError(`endpoint is not a valid URL (e.g. ${example})`, "endpoint");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError(`endpoint must be an http(s) URL, got ${url.protocol.slice(0, -1)}`, "endpoint");
  }
  if (url.username || url.password) {
    throw new ConfigError("endpoint must not carry credentials", "endpoint");
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname) && !allowInsecureHttp) {
    throw new ConfigError(
      `endpoint ${url.host} uses plain http, which would send the credentials unencrypted: use https (or allow http explicitly)`,
      "endpoint",
    );
  }
  // Checked on the text: an empty "?" or "#" leaves url.search and url.hash empty.
  if (String(endpoint).includes("?") || String(endpoint).includes("#")) {
    throw new ConfigError("endpoint must not have a query or fragment", "endpoint");
  }
  return url.href.replace(/\/+$/, "");
}

// fetch reports network failures as TypeError("fetch failed") with the reason in `cause`.
function describeCause(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === "string" && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message;
  }
  return String(cause);
}
