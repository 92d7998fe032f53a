export type { CredentialOptions, Credentials } from "./auth.js";
export {
  type CallOptions,
  type ClientOptions,
  createClient,
  type DataDumpParams,
  type DataDumpResult,
  GeminiDBClient,
  type RetryEvent,
  type RetryOptions,
  type SetDataDumpParams,
} from "./client.js";
export {
  AbortedError,
  ApiError,
  type ApiErrorDetails,
  AuthenticationError,
  ConfigError,
  ConnectionError,
  GeminiDBError,
  NotFoundError,
  PermissionDeniedError,
  parseRetryAfter,
  RateLimitError,
  ResponseError,
  ServerError,
  TimeoutError,
  ValidationError,
} from "./errors.js";
export type { components, operations, paths } from "./generated/schema.js";
export { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, isRetryable, MAX_TIMEOUT_MS, type RetryPolicy } from "./http.js";
export { endpointForRegion, iamEndpointForRegion } from "./regions.js";
export {
  type AccessKeyCredentials,
  canonicalQuery,
  canonicalUri,
  type RequestToSign,
  sdkDate,
  signRequest,
} from "./signing.js";
export type { DataDumpAction, DataDumpRequest, ErrorBody } from "./types.js";
export { checkAction, checkBucketName, checkInstanceId, checkProjectId, DATA_DUMP_ACTIONS } from "./validation.js";
