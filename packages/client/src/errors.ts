/** Base of every error this client throws, so callers can catch them all at once. */
export class GeminiDBError extends Error {
  override name = "GeminiDBError";
}

/** The client was set up wrongly (region, endpoint, credentials): fix the options. */
export class ConfigError extends GeminiDBError {
  override name = "ConfigError";
  constructor(
    message: string,
    /** The option at fault: `token`, `region`, `endpoint` or `fetch`. */
    readonly option?: "token" | "region" | "endpoint" | "fetch" | "timeout" | "retry",
  ) {
    super(message);
  }
}

/** An argument was refused before anything was sent. */
export class ValidationError extends GeminiDBError {
  override name = "ValidationError";
  constructor(
    /** The argument at fault, in the API's own words (e.g. `instance_id`). */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** The request could not be sent or no answer came back (DNS, refused, reset, TLS). */
export class ConnectionError extends GeminiDBError {
  override name = "ConnectionError";
  /** How many attempts were made before giving up (set by the retry loop). */
  attempts = 1;
}

/** The service answered 2xx with something the client cannot use (no token, not JSON...). */
export class ResponseError extends GeminiDBError {
  override name = "ResponseError";
}

/** The caller's AbortSignal ended the call; `cause` is the signal's reason. */
export class AbortedError extends GeminiDBError {
  override name = "AbortedError";
}

/** No answer came within the timeout. */
export class TimeoutError extends ConnectionError {
  override name = "TimeoutError";
}

/** The longest part of an error body, and of each field, kept on an ApiError. */
export const BODY_SNIPPET_LIMIT = 1024;

export interface ApiErrorDetails {
  status: number;
  statusText?: string | undefined;
  errorCode?: string | undefined;
  errorMsg?: string | undefined;
  requestId?: string | undefined;
  body?: string | undefined;
  /** The Location header of a redirect. */
  location?: string | undefined;
  /** How long the server asked to wait before trying again (Retry-After), in milliseconds. */
  retryAfter?: number | undefined;
}

/**
 * The service answered with a non-2xx status. `errorCode` and `errorMsg` come from the
 * Huawei Cloud error body (`{error_code, error_msg}`) when there is one; the status is
 * always there, also when the body is empty or not JSON.
 */
export class ApiError extends GeminiDBError {
  override name = "ApiError";
  readonly status: number;
  /** e.g. `DBS.200002`, or `APIGW.0301` for errors of the API gateway. */
  readonly errorCode: string | undefined;
  readonly errorMsg: string | undefined;
  /** `X-Request-Id` response header, else the body's `request_id`: quote it to support. */
  readonly requestId: string | undefined;
  /** The start of the raw body (at most BODY_SNIPPET_LIMIT characters). */
  readonly body: string;

  constructor(details: ApiErrorDetails) {
    details = bounded(details);
    super(describe(details));
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.errorMsg = details.errorMsg;
    this.requestId = details.requestId;
    this.body = details.body ?? "";
    this.retryAfter = details.retryAfter;
  }

  /** Retry-After of the answer in milliseconds, when it had one. */
  readonly retryAfter: number | undefined;
  /** How many attempts were made before giving up (set by the retry loop). */
  attempts = 1;
}

/** 401, or the API gateway's APIGW.0301: the credentials were refused. */
export class AuthenticationError extends ApiError {
  override name = "AuthenticationError";
}

/** 403: the caller may not do this (permission, instance state, operation in progress). */
export class PermissionDeniedError extends ApiError {
  override name = "PermissionDeniedError";
}

/** 404: the instance (or project) does not exist. */
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}

/** 429: too many requests; retried after Retry-After until attempts run out. */
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
}

/** 5xx: the service failed. Retried for 500, 502, 503 and 504. */
export class ServerError extends ApiError {
  override name = "ServerError";
}

const AUTHENTICATION_CODES = new Set(["APIGW.0301", "DBS.200010", "DBS.280056"]);

/** The kind of ApiError for a status and error code. */
function apiErrorClass(status: number, errorCode: string | undefined): typeof ApiError {
  // The API gateway (APIGW.0301) or GeminiDB (DBS.200010 authentication failed, DBS.280056
  // token invalid) refusing the credentials, whatever the status says.
  if (status === 401 || (errorCode !== undefined && AUTHENTICATION_CODES.has(errorCode))) return AuthenticationError;
  if (status >= 500 && status <= 599) return ServerError;
  return (
    ({ 403: PermissionDeniedError, 404: NotFoundError, 429: RateLimitError } as Record<number, typeof ApiError>)[
      status
    ] ?? ApiError
  );
}

// A server can send anything: keep every string field short enough to print.
function bounded(d: ApiErrorDetails): ApiErrorDetails {
  const cut = (text: string | undefined) =>
    text !== undefined && text.length > BODY_SNIPPET_LIMIT ? `${text.slice(0, BODY_SNIPPET_LIMIT)}...` : text;
  return {
    ...d,
    statusText: cut(d.statusText),
    errorCode: cut(d.errorCode),
    errorMsg: cut(d.errorMsg),
    requestId: cut(d.requestId),
    location: cut(d.location),
    body: d.body?.slice(0, BODY_SNIPPET_LIMIT),
  };
}

function describe(d: ApiErrorDetails): string {
  const status = `HTTP ${d.status}${d.statusText ? ` ${d.statusText}` : ""}`;
  let what: string;
  if (d.status >= 300 && d.status < 400 && d.location) {
    what = `redirected to ${d.location}; redirects are not followed, since the token would go along`;
  } else if (d.errorCode || d.errorMsg) {
    what = [d.errorCode, d.errorMsg].filter(Boolean).join(": ");
  } else if (!d.body) {
    what = "empty response body";
  } else {
    what = "response body is not a Huawei Cloud error";
  }
  return `${status}: ${what}${d.requestId ? ` (request id ${d.requestId})` : ""}`;
}

/** Builds an ApiError from a non-2xx response and its body text, whatever the text is. */
export function apiErrorFromResponse(response: Response, body: string, now = Date.now()): ApiError {
  const parsed = parseJson(body);
  // Huawei Cloud errors are {error_code, error_msg}; IAM's own are {error: {code, message}}.
  const nested = isRecord(parsed) && isRecord(parsed.error) ? parsed.error : undefined;
  const fields = nested ? { error_code: nested.code, error_msg: nested.message } : isRecord(parsed) ? parsed : {};
  const errorCode = stringField(fields, "error_code");
  const ErrorClass = apiErrorClass(response.status, errorCode);
  return new ErrorClass({
    status: response.status,
    statusText: response.statusText,
    errorCode,
    errorMsg: stringField(fields, "error_msg"),
    requestId: requestIdHeader(response.headers) ?? stringField(fields, "request_id"),
    body,
    location: response.headers.get("location") ?? undefined,
    retryAfter: parseRetryAfter(response.headers.get("retry-after"), now),
  });
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only an HTTP date (e.g. "Wed, 21 Oct 2026 07:28:00 GMT"); Date.parse would also take
  // "1.5" or "-5", which would silence the backoff.
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The X-Request-Id header; when a proxy repeated it, the first one. */
export function requestIdHeader(headers: Headers): string | undefined {
  const first = headers.get("x-request-id")?.split(",")[0]?.trim();
  return first === "" ? undefined : first;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON, or nested too deep to parse: the status and raw body remain.
    return undefined;
  }
}

function stringField(fields: Record<string, unknown>, key: string): string | undefined {
  const value = fields[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}
