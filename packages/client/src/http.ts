import createFetchClient, { type Client } from "openapi-fetch";
import { authenticated, type Credentials } from "./auth.js";
import { ConfigError, ConnectionError, GeminiDBError, TimeoutError, ValidationError } from "./errors.js";
import { judgedByStatus } from "./transport.js";

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
  /** Keep 2xx bodies for openapi-fetch to parse, instead of discarding them unread. */
  keepSuccessBody?: boolean;
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
      { keepSuccessBody: options.keepSuccessBody ?? false },
    ),
  });
}

export interface CallOptions {
  /** Aborts the request; the call then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's timeout for this call, in milliseconds. */
  timeout?: number | undefined;
}

/**
 * Runs one request with a timeout and an optional caller's signal, and turns what can go
 * wrong on the way into this package's errors.
 */
export async function withTimeout<T>(
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
  const timer = AbortSignal.timeout(timeout);
  const signal = options?.signal ? AbortSignal.any([options.signal, timer]) : timer;
  try {
    return await call(signal);
  } catch (cause) {
    if (options?.signal?.aborted) throw options.signal.reason;
    if (timer.aborted) throw new TimeoutError(`no answer from ${endpoint} within ${timeout} ms`, { cause });
    if (cause instanceof GeminiDBError) throw cause;
    if (describeCause(cause) === "bad port") {
      // fetch refuses some ports outright (the WHATWG "bad ports"), before connecting.
      throw new ConfigError(`endpoint port ${new URL(endpoint).port} is one that fetch refuses to use`, "endpoint");
    }
    throw new ConnectionError(`could not reach ${endpoint}: ${describeCause(cause)}`, { cause });
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
): string {
  if (endpoint !== undefined) return normalizeEndpoint(endpoint, example);
  if (region !== undefined) return forRegion(String(region));
  throw new ConfigError("a region or an endpoint is required (option `region` or `endpoint`)", "region");
}

function normalizeEndpoint(endpoint: unknown, example: string): string {
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
