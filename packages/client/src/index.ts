export type { CredentialOptions, Credentials } from "./auth.js";
export {
  type CallOptions,
  type ClientOptions,
  createClient,
  type DataDumpParams,
  type DataDumpResult,
  DEFAULT_TIMEOUT_MS,
  GeminiDBClient,
  MAX_TIMEOUT_MS,
  type SetDataDumpParams,
} from "./client.js";
export {
  ApiError,
  type ApiErrorDetails,
  ConfigError,
  ConnectionError,
  GeminiDBError,
  TimeoutError,
  ValidationError,
} from "./errors.js";
export type { components, operations, paths } from "./generated/schema.js";
export { endpointForRegion, isRegion, REGIONS, type Region } from "./regions.js";
export { type AccessKeyCredentials, canonicalQuery, canonicalUri, sdkDate, signRequest } from "./signing.js";
export type { DataDumpAction, DataDumpRequest, ErrorBody } from "./types.js";
export { DATA_DUMP_ACTIONS } from "./validation.js";
